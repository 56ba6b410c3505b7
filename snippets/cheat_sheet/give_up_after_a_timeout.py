"""Python 3.11+: asyncio.timeout() cancels what the block awaits and raises TimeoutError."""
import asyncio


async def slow_download():
    await asyncio.sleep(10)
    return "data"


async def main():
    try:
        async with asyncio.timeout(2):
            print(await slow_download())
    except TimeoutError:  # caught outside the block
        print("gave up after 2 s")


asyncio.run(main())
