"""Eager tasks (3.12+): the coroutine starts inside create_task() itself."""
import asyncio


async def job(name, seconds):
    print(f"  {name}: started")
    if seconds:
        await asyncio.sleep(seconds)
    print(f"  {name}: finished")


async def main(eager):
    if eager:
        asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    slow = asyncio.create_task(job("slow", 1))
    print("  main: created slow; done?", slow.done())
    instant = asyncio.create_task(job("instant", 0))
    print("  main: created instant; done?", instant.done())
    await slow
    await instant


for eager in (False, True):
    print("eager tasks:" if eager else "normal tasks:")
    asyncio.run(main(eager))
