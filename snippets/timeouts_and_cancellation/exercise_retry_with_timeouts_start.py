"""Exercise: retry a flaky download, 1 s per attempt, then with an overall limit."""
import asyncio
import time


def now():
    return f"{time.perf_counter() - START:.2f}"


async def download(attempt):
    # Print f"{now()}   attempt {attempt}: connection closed" when this ends,
    # whether it returns or is cancelled.
    await asyncio.sleep(3 if attempt < 3 else 0.5)  # the first two attempts hang
    return f"data from attempt {attempt}"


async def download_with_retries(tries=3, per_try=1):
    # For each attempt: print f"{now()}   attempt {attempt}: started", give download(attempt)
    # per_try seconds with asyncio.timeout(), and return its result. When it times out,
    # print f"{now()}   attempt {attempt}: timed out" and try again.
    # After the last attempt, give up with an exception.
    return None


async def main(overall):
    # Call download_with_retries() inside asyncio.timeout(overall) (None: no limit).
    # Print f"{now()} got {result!r}", or, on a TimeoutError,
    # f"{now()} gave up: the overall limit expired".
    print(f"{now()} nothing tried yet")


for overall in (None, 2.2):
    print(f"--- overall limit: {overall}")
    START = time.perf_counter()
    asyncio.run(main(overall))
