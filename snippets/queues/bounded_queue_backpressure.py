"""With maxsize=2, a fast producer has to wait for a slow consumer."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.1f} s  {message}")


async def producer(queue):
    for item in range(1, 7):
        await queue.put(item)  # waits while the queue is full
        log(f"put {item}     (queue holds {queue.qsize()})")
    await queue.put(None)  # tells the consumer there is nothing more


async def consumer(queue):
    while (item := await queue.get()) is not None:
        log(f"    got {item}")
        await asyncio.sleep(1)  # slow work on the item


async def main():
    queue = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(queue), consumer(queue))
    log("done")


asyncio.run(main())
