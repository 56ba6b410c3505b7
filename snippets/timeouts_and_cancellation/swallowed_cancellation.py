"""Swallowing CancelledError breaks timeouts; re-raising it fixes them."""
import asyncio
import time

START = time.perf_counter()


def now():
    return f"{time.perf_counter() - START:.2f}"


async def fetch_all(reraise):
    for page in range(1, 4):
        try:
            await asyncio.sleep(1)
            print(f"{now()}   page {page} fetched")
        except asyncio.CancelledError:
            print(f"{now()}   page {page} cancelled")
            if reraise:
                raise  # the fix: let the cancellation carry on


async def main():
    for reraise in (False, True):
        print(f"{now()} fetch_all(reraise={reraise}) with a 1.5 s timeout")
        try:
            async with asyncio.timeout(1.5):
                await fetch_all(reraise)
            print(f"{now()} no TimeoutError: the timeout was ignored")
        except TimeoutError:
            print(f"{now()} TimeoutError: stopped at the time limit")


asyncio.run(main())
