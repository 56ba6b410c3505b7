"""A coroutine object runs once: awaiting it a second time is an error."""
import asyncio


async def roll_die():
    await asyncio.sleep(0.1)
    return 4  # chosen by a fair roll of the die


async def main():
    roll = roll_die()
    print("first await:", await roll)
    print("a new call, a new coroutine:", await roll_die())
    print("second await of the same object:", await roll)  # BUG


asyncio.run(main())
