"""Exercise: a checkout with three pitfalls. Its output shows the symptoms."""
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
    prices = [await fetch_price(item) for item in PRICES]
    stock = check_stock()
    total = sum(prices)
    save_order(total)
    print(f"total {total}, {stock}, after {time.perf_counter() - start:.2f} s")


asyncio.run(main())
