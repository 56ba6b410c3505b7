"""The same items, taken out of a Queue, a LifoQueue and a PriorityQueue."""
import asyncio

ITEMS = [(2, "write report"), (1, "fix outage"), (3, "water plants")]


async def main():
    for kind in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue):
        queue = kind()
        for item in ITEMS:
            await queue.put(item)
        order = [await queue.get() for _ in ITEMS]
        print(f"{kind.__name__:>13}: {order}")


asyncio.run(main())
