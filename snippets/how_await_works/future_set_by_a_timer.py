"""A task awaits a Future; a timer callback sets its result 1.2 s later."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def waiter(future):
    log("waiter: awaiting the future")
    value = await future  # the task is suspended here until a result is set
    log(f"waiter: got {value!r}")


async def ticker():
    for tick in range(1, 4):
        await asyncio.sleep(0.5)
        log(f"ticker: tick {tick}")


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    def ring():  # a plain function: the loop calls it when the timer is due
        log("timer: setting the result")
        future.set_result("ding")

    loop.call_later(1.2, ring)
    log(f"main: future done? {future.done()}")
    await asyncio.gather(waiter(future), ticker())
    log(f"main: future done? {future.done()}, result {future.result()!r}")


asyncio.run(main())
