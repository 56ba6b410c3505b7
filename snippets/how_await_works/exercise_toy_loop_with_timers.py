"""Exercise solution: the toy event loop with timers, so its tasks can sleep."""
import heapq
import itertools
import time
from collections import deque

START = time.monotonic()


def log(message):
    print(f"{time.monotonic() - START:.2f} s  {message}")


class Sleep:
    """Awaiting Sleep(seconds) asks the toy loop to wake the task later."""

    def __init__(self, seconds):
        self.seconds = seconds

    def __await__(self):
        yield self.seconds  # the toy loop's own protocol: "wake me after this"


class ToyLoop:
    def __init__(self):
        self.ready = deque()  # (name, coroutine) pairs that can run now
        self.timers = []  # a heap of (wake-up time, tie-breaker, name, coroutine)
        self.tie_breaker = itertools.count()
        self.results = {}

    def create_task(self, name, coro):
        self.ready.append((name, coro))

    def call_later(self, seconds, name, coro):
        wake_up = time.monotonic() + seconds
        heapq.heappush(self.timers, (wake_up, next(self.tie_breaker), name, coro))

    def run(self):
        while self.ready or self.timers:
            if not self.ready:  # nothing to do: wait for the first timer
                time.sleep(max(0, self.timers[0][0] - time.monotonic()))
            while self.timers and self.timers[0][0] <= time.monotonic():
                _, _, name, coro = heapq.heappop(self.timers)
                self.ready.append((name, coro))  # due: ready to run
            for _ in range(len(self.ready)):  # one turn: what is ready now
                name, coro = self.ready.popleft()
                try:
                    seconds = coro.send(None)
                except StopIteration as stop:
                    self.results[name] = stop.value
                else:
                    self.call_later(seconds, name, coro)
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
