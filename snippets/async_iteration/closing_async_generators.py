"""Leaving an async for early: when does the generator's cleanup run?"""
import asyncio
import contextlib
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.1f} s  {message}")


async def rows(name):
    log(f"{name}: open connection")
    try:
        for number in range(1, 1000):
            await asyncio.sleep(0.1)
            yield number
    finally:
        log(f"{name}: close connection")  # cleanup


async def main():
    rows_a = rows("A")
    async for row in rows_a:
        if row == 2:
            break  # A is only paused, not closed
    log("left the loop over A")
    await asyncio.sleep(1)

    async with contextlib.aclosing(rows("B")) as rows_b:
        async for row in rows_b:
            if row == 2:
                break
    log("left the loop over B")  # B was closed on the way out
    await asyncio.sleep(1)
    log("main() returns")


asyncio.run(main())
