"""asyncio.get_event_loop() where no loop runs: old code, new warnings."""
import asyncio


async def greet():
    await asyncio.sleep(0.1)
    return "hello"


loop = asyncio.get_event_loop()  # BUG: no event loop is running here
print(loop.run_until_complete(greet()))
loop.close()
