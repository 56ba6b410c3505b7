"""Python 3.11: asyncio.TimeoutError is the built-in TimeoutError.

Before 3.11, `except TimeoutError` did not catch an asyncio timeout.
"""
import asyncio


async def main():
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.1)
    except TimeoutError:
        print("caught by `except TimeoutError`")
    except asyncio.TimeoutError:
        print("missed by `except TimeoutError`, caught by `except asyncio.TimeoutError`")


asyncio.run(main())
