"""Exercise: give the toy event loop timers, so that its tasks can sleep (see the page)."""
import heapq
import itertools
import time
from collections import deque

START = time.monotonic()


def log(message):
    print(f"{time.monotonic() - START:.2f} s  {message}")


class Sleep:
    """Awaiting Sleep(seconds) should ask the toy loop to wake the task that many seconds later."""

    def __init__(self, seconds):
        self.seconds = seconds

    def __await__(self):
        yield  # 1. yield the number of seconds instead: the toy loop's protocol


class ToyLoop:
    # 2. Keep a heap of timers, (wake-up time, counter, name, coroutine): a task that
    #    yields a number goes there instead of back into the queue. When no task is
    #    ready, time.sleep() until the first timer is due; then make the due ones ready.
    def __init__(self):
        self.ready = deque()  # (name, coroutine) pairs that can run now
        self.results = {}

    def create_task(self, name, coro):
        self.ready.append((name, coro))

    def run(self):
        while self.ready:
            name, coro = self.ready.popleft()
            try:
                coro.send(None)  # one step: runs until the next yield
            except StopIteration as stop:  # the coroutine returned
                self.results[name] = stop.value
            else:  # it yielded: back to the end of the queue
                self.ready.append((name, coro))
        return self.results


async def count(name, steps, seconds):
    for step in range(1, steps + 1):
        await Sleep(seconds)
        log(f"{name}: step {step}")
    return f"{name} took {steps * seconds:.1f} s"


loop = ToyLoop()
loop.create_task("a", count("a", 3, 0.3))
loop.create_task("b", count("b", 2, 0.5))
print(loop.run())
log("done")
