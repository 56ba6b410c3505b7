"""Exercise solution: start named tasks, report each as it finishes, poll the rest."""
import asyncio


async def download(file, seconds):
    await asyncio.sleep(seconds)
    return f"{file}: {seconds * 100:.0f} kB"


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()

    def finished(task):
        print(f"{loop.time() - start:.2f} s  {task.get_name()} finished")

    tasks = []
    for file, seconds in [("a.txt", 1.5), ("b.txt", 0.5), ("c.txt", 2.5)]:
        task = asyncio.create_task(download(file, seconds), name=file)
        task.add_done_callback(finished)
        tasks.append(task)  # this list keeps a reference to each task

    while not all(task.done() for task in tasks):
        await asyncio.sleep(1)
        running = [task.get_name() for task in tasks if not task.done()]
        print(f"{loop.time() - start:.2f} s  still running: {running}")

    for task in tasks:  # all done: result() returns at once
        print(task.result())


asyncio.run(main())
