"""The four kinds of object `await` accepts."""
import asyncio


async def compute():
    await asyncio.sleep(0.1)
    return "a coroutine"


class Delayed:
    """Not a coroutine, but awaitable: it has an __await__ method."""

    def __await__(self):
        return asyncio.sleep(0.1, result="an object with __await__").__await__()


async def main():
    loop = asyncio.get_running_loop()

    print(await compute())

    task = asyncio.create_task(compute())
    print(type(task).__name__, "->", await task)

    future = loop.create_future()
    loop.call_later(0.1, future.set_result, "a Future")
    print(await future)

    print(await Delayed())


asyncio.run(main())
