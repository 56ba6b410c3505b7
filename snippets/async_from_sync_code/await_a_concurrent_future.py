"""Awaiting a concurrent.futures.Future directly: it is not awaitable."""
import asyncio
import concurrent.futures
import time


def convert(name):
    time.sleep(0.25)
    return name.replace(".doc", ".pdf")


async def main(pool):
    future = pool.submit(convert, "report.doc")
    result = await future  # BUG: a concurrent.futures.Future, not an asyncio one
    print("converted:", result)


with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    asyncio.run(main(pool))
