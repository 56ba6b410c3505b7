"""Python 3.11: @asyncio.coroutine, the generator-based coroutines of 3.4, is gone."""
import asyncio

try:

    @asyncio.coroutine
    def old_style():
        yield from asyncio.sleep(0.1)
        return "a 3.4-style coroutine"

except AttributeError as error:  # Python 3.11 and newer
    print(f"AttributeError: {error}")
else:
    loop = asyncio.new_event_loop()
    print(loop.run_until_complete(old_style()))
    loop.close()
