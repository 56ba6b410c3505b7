"""Solution: prices and stock at the same time, and the order really saved."""
import asyncio
import time

PRICES = {"tea": 3, "cake": 5, "jam": 4}


async def fetch_price(item):
    await asyncio.sleep(1)  # a request to the price service
    return PRICES[item]


def check_stock():  # a blocking library call
    time.sleep(1)
    return "all in stock"


async def save_order(total):
    await asyncio.sleep(0.5)  # a database write
    print(f"order of {total} saved")


async def main():
    start = time.perf_counter()
    stock, *prices = await asyncio.gather(
        asyncio.to_thread(check_stock),  # 1. a thread: the loop keeps running
        *(fetch_price(item) for item in PRICES),  # 2. all prices at once
    )
    total = sum(prices)
    await save_order(total)  # 3. awaited: it runs, and finishes first
    print(f"total {total}, {stock}, after {time.perf_counter() - start:.1f} s")


asyncio.run(main())
