"""`await` in front of an ordinary function call."""
import asyncio
import time


async def async_function():
    await time.sleep(1)  # BUG: time.sleep() blocks and returns None
    print("Async function completed")


asyncio.run(async_function())
