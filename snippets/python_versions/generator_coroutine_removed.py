"""Python 3.11: @asyncio.coroutine, the generator-based coroutines of 3.4, is gone."""
import asyncio


@asyncio.coroutine
def old_style():
    yield from asyncio.sleep(0.1)
    return "a 3.4-style coroutine"


print(asyncio.get_event_loop().run_until_complete(old_style()))
