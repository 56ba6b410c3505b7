"""Exercise solution: retry a flaky download, 1 s per try, with an overall limit."""
import asyncio
import time


def now():
    return f"{time.perf_counter() - START:.2f}"


async def download(attempt):
    seconds = 3 if attempt < 3 else 0.5  # the first two attempts hang
    try:
        await asyncio.sleep(seconds)
        return f"data from attempt {attempt}"
    finally:
        print(f"{now()}   attempt {attempt}: connection closed")


async def download_with_retries(tries=3, per_try=1):
    for attempt in range(1, tries + 1):
        print(f"{now()}   attempt {attempt}: started")
        try:
            async with asyncio.timeout(per_try):
                return await download(attempt)
        except TimeoutError:
            print(f"{now()}   attempt {attempt}: timed out")
    raise RuntimeError(f"no luck after {tries} attempts")


async def main(overall):
    try:
        async with asyncio.timeout(overall):  # None means no limit
            result = await download_with_retries()
        print(f"{now()} got {result!r}")
    except TimeoutError:
        print(f"{now()} gave up: the overall limit expired")


for overall in (None, 2.2):
    print(f"--- overall limit: {overall}")
    START = time.perf_counter()
    asyncio.run(main(overall))
