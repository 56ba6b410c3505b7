"""Python 3.10: the `loop=` argument is gone from asyncio's high-level functions.

Code written for 3.7 passed the loop around; from 3.10 on it stops with a TypeError.
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.1, loop=loop)
    print("slept, with loop=")


asyncio.run(main())
