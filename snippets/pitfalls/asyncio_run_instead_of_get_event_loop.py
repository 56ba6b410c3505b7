"""The fix: asyncio.run(), and get_running_loop() inside a coroutine."""
import asyncio


async def greet():
    await asyncio.sleep(0.1)
    return "hello"


async def main():
    loop = asyncio.get_running_loop()  # if you need the loop at all
    print(await greet(), "from a loop that is running:", loop.is_running())


asyncio.run(main())
