"""loop.run_until_complete() called from code that the same loop is running."""
import asyncio


async def fetch_price(item):
    await asyncio.sleep(0.1)  # stands in for a request
    return {"tea": 1.5, "coffee": 2.0}[item]


def get_price(item):
    """An old-style synchronous wrapper around the coroutine."""
    loop = asyncio.get_event_loop()
    return loop.run_until_complete(fetch_price(item))


async def handle_order(item):
    print(f"order: {item}")
    price = get_price(item)  # BUG: the loop is already running this coroutine
    print(f"price: {price}")


asyncio.run(handle_order("coffee"))
