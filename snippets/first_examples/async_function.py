"""Example 1 of the original tutorial: a coroutine run by asyncio.run()."""
import asyncio


async def async_function():
    await asyncio.sleep(1)
    print("Async function completed")


asyncio.run(async_function())
