"""asyncio.run() needs a coroutine object: given the function itself, it refuses."""
import asyncio


async def main():
    print("main runs")


asyncio.run(main)  # BUG: should be `asyncio.run(main())`
