"""asyncio.get_event_loop() with no current loop set: what old code meets on each Python."""
import asyncio


async def greet():
    await asyncio.sleep(0.1)
    return "hello"


try:
    loop = asyncio.get_event_loop()  # BUG: no current event loop is set here
except RuntimeError as error:  # what Python 3.14 and newer do
    print(f"RuntimeError: {error}")
else:
    print(loop.run_until_complete(greet()))
    loop.close()
