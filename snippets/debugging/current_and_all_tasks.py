"""Which task is running, and which tasks exist right now?"""
import asyncio


async def download(filename, seconds):
    await asyncio.sleep(seconds)


def show_tasks(when):
    tasks = sorted(asyncio.all_tasks(), key=lambda task: task.get_name())
    print(f"{when}, tasks: {len(tasks)}")
    for task in tasks:
        coro = task.get_coro()
        print(f"  {task.get_name():11} runs {coro.__qualname__}()")


async def main():
    print("current task:", asyncio.current_task().get_name())
    downloads = [
        asyncio.create_task(download("b.txt", 2), name="download-b"),
        asyncio.create_task(download("a.txt", 1), name="download-a"),
    ]
    show_tasks("at the start")
    await asyncio.sleep(1.5)
    show_tasks("after 1.5 s")
    await asyncio.gather(*downloads)
    show_tasks("at the end")


asyncio.run(main())
