"""`return` in a coroutine: `await` hands the value back to the caller."""
import asyncio
import time


async def fetch_price(item):
    await asyncio.sleep(0.2)  # stands in for a request to a price service
    return {"tea": 3, "cake": 5}[item]


async def order_total(items):
    total = 0
    for item in items:
        price = await fetch_price(item)  # the value of `await` is the return value
        print(f"{item}: {price}")
        total += price
    return total  # becomes the value of `await order_total(...)`


async def main():
    return await order_total(["tea", "cake", "tea"])


start = time.perf_counter()
total = asyncio.run(main())  # asyncio.run() returns main()'s return value
print(f"total: {total}, took {time.perf_counter() - start:.2f} s")
