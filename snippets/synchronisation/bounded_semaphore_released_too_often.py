"""One release too many: Semaphore grows a permit in silence, BoundedSemaphore raises, but later."""
import asyncio
import time

START = time.perf_counter()
running = 0


def now():
    return f"{time.perf_counter() - START:.2f}"


async def download(name, seconds, limit):
    global running
    async with limit:
        running += 1
        print(f"  {now()} {name} starts  (running: {running})")
        await asyncio.sleep(seconds)
        running -= 1
        if name == "b":
            print(f"  {now()} {name} fails")
            limit.release()  # BUG: `async with` releases it too, on the way out
            return
        print(f"  {now()} {name} ends")


async def main(make_limit):
    global START
    START = time.perf_counter()
    limit = make_limit(2)
    jobs = {"a": 2, "b": 1, "c": 2, "d": 2}
    await asyncio.gather(*(download(n, s, limit) for n, s in jobs.items()))
    print(f"  {now()} all done")


print("with asyncio.Semaphore(2):")
asyncio.run(main(asyncio.Semaphore))
print("with asyncio.BoundedSemaphore(2):")
asyncio.run(main(asyncio.BoundedSemaphore))
