"""An exception raised in a coroutine travels up through `await`."""
import asyncio


async def async_function():
    await asyncio.sleep(1)
    raise Exception("An error occurred")


async def main():
    try:
        await async_function()
    except Exception as e:
        print(f"Error: {e}")


asyncio.run(main())
