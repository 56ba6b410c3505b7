"""What Future.__await__ yields, and a class of our own that delegates to it."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


class Delay:
    """Awaiting Delay(seconds, value) gives value after that many seconds."""

    def __init__(self, seconds, value):
        self.seconds = seconds
        self.value = value

    def __await__(self):
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        loop.call_later(self.seconds, future.set_result, self.value)
        return (yield from future.__await__())  # the future goes up to the task


async def main():
    # 1. By hand: step through a Future's __await__, as a task would.
    future = asyncio.get_running_loop().create_future()
    steps = future.__await__()
    print("the first step yields the future itself:", steps.send(None) is future)
    future.set_result("ready")
    try:
        steps.send(None)
    except StopIteration as stop:
        print("once it is done, the next step returns", repr(stop.value))

    # 2. Delay is awaitable like any coroutine, alone or in gather().
    drink = await Delay(0.5, "tea")
    log(f"await Delay(0.5, 'tea') gave {drink!r}")
    food = await asyncio.gather(Delay(1.0, "toast"), Delay(0.5, "jam"))
    log(f"gather gave {food}")


asyncio.run(main())
