"""create_task(coro, eager_start=True) (3.14+): this one task starts inside create_task()."""
import asyncio


async def fetch(name, seconds):
    print(f"  {name}: started")
    if seconds:
        await asyncio.sleep(seconds)  # the first real wait: the task suspends here
    print(f"  {name}: finished")
    return name


async def main():
    normal = asyncio.create_task(fetch("normal", 1))
    print("main: created normal; done?", normal.done())
    eager = asyncio.create_task(fetch("eager", 2), eager_start=True)
    print("main: created eager; done?", eager.done())
    cached = asyncio.create_task(fetch("cached", 0), eager_start=True)
    print("main: created cached; done?", cached.done())
    print("main: results", await asyncio.gather(normal, eager, cached))


asyncio.run(main())
