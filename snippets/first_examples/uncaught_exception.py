"""Example 3 without the try/except: asyncio.run() re-raises the error."""
import asyncio


async def async_function():
    await asyncio.sleep(1)
    raise Exception("An error occurred")


asyncio.run(async_function())
print("This line is never reached")
