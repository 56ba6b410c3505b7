"""A toy event loop, no asyncio: two coroutines take turns at each await."""
from collections import deque


class Switch:
    """Awaiting a Switch gives the turn to the next task (a bare yield)."""

    def __await__(self):
        yield


class ToyLoop:
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


async def count(name, steps):
    for step in range(1, steps + 1):
        print(f"{name}: step {step}")
        await Switch()  # the task pauses here; the loop runs the other one
    return f"{name} took {steps} steps"


loop = ToyLoop()
loop.create_task("a", count("a", 3))
loop.create_task("b", count("b", 2))
print(loop.run())
