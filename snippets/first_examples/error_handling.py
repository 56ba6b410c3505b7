"""try/except inside a coroutine catches an exception as in any function."""
import asyncio


async def async_function():
    try:
        await asyncio.sleep(1)
        raise Exception("An error occurred")
    except Exception as e:
        print(f"Error: {e}")


asyncio.run(async_function())
