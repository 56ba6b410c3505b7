"""A helper that calls asyncio.run() works from a script and fails inside a coroutine."""
import asyncio


async def fetch_price(item):
    await asyncio.sleep(0.1)  # stands in for a request
    return {"tea": 1.5, "coffee": 2.0}[item]


def get_price(item):
    """A synchronous wrapper, written for scripts."""
    return asyncio.run(fetch_price(item))


print("from the script:", get_price("tea"))  # no loop is running here: fine


async def handle_order(item):
    """Called by an async framework, which runs the event loop."""
    return get_price(item)  # BUG: a loop is already running in this thread


print("from a coroutine:", asyncio.run(handle_order("coffee")))
