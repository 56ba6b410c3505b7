"""Drive coroutines by hand with send(), the way an asyncio task does."""


async def add(a, b):
    return a + b


class Pause:
    """An awaitable whose __await__ is a generator: it yields once."""

    def __await__(self):
        reply = yield "Pause is waiting"  # travels all the way up to send()
        print(f"    Pause received {reply!r}")
        return reply


async def fetch():
    print("  fetch starts")
    value = await Pause()  # runs Pause().__await__() inside this coroutine
    print(f"  fetch got {value!r}")
    return value * 2


async def main():
    print("main starts")
    result = await fetch()  # runs fetch() inside this coroutine
    print(f"main got {result!r}")
    return result + 1


# A coroutine that never waits finishes at its first send().
try:
    add(1, 2).send(None)
except StopIteration as stop:
    print("add(1, 2) returned", stop.value)

# A chain of three: main awaits fetch, which awaits Pause.
coro = main()
print("send(None) gave", repr(coro.send(None)))
try:
    coro.send(20)
except StopIteration as stop:
    print("main returned", stop.value)
