"""Solution: each blocking call runs in its own thread, so the heartbeat keeps beating."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.1f} s  {message}")


def make_thumbnail(name, seconds):
    """From a synchronous library: blocks for a while. Don't change it."""
    time.sleep(seconds)
    return f"thumb-{name}"


async def heartbeat():
    while True:
        log("heartbeat")
        await asyncio.sleep(0.5)


async def process(name, seconds):
    thumbnail = await asyncio.to_thread(make_thumbnail, name, seconds)
    log(f"made {thumbnail}")


async def main():
    beat = asyncio.create_task(heartbeat())
    await asyncio.gather(
        process("small.png", 0.4),
        process("medium.png", 0.8),
        process("large.png", 1.2),
    )
    beat.cancel()
    log("all done")


asyncio.run(main())
