"""Which objects can follow `await`? inspect.isawaitable() answers."""
import asyncio
import inspect


async def compute():
    return 42


def plain():
    return 42


class Delayed:
    def __await__(self):  # this method is what makes an object awaitable
        return asyncio.sleep(0.1, result=42).__await__()


async def main():
    coro = compute()
    task = asyncio.create_task(compute())
    future = asyncio.get_running_loop().create_future()
    candidates = {
        "compute()  (a coroutine)": coro,
        "a Task": task,
        "a Future": future,
        "Delayed()  (has __await__)": Delayed(),
        "compute  (the function itself)": compute,
        "plain()  (its result, 42)": plain(),
        "None": None,
    }
    for label, obj in candidates.items():
        print(f"{label:32} awaitable: {inspect.isawaitable(obj)}")

    future.set_result(42)
    print("awaited:", await coro, await task, await future, await Delayed())


asyncio.run(main())
