"""Fire and forget, done right: keep each task in a set until it is done."""
import asyncio

background_tasks = set()


async def send_email(to, seconds):
    await asyncio.sleep(seconds)
    return f"sent to {to}"


def log_result(task):
    print(f"  callback: {task.get_name()} is done: {task.result()!r}")


def fire_and_forget(coro, name):
    task = asyncio.create_task(coro, name=name)
    background_tasks.add(task)  # a strong reference...
    task.add_done_callback(background_tasks.discard)  # ...dropped once done
    task.add_done_callback(log_result)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    for to, seconds in [("ann", 1), ("bob", 0.5), ("cy", 2)]:
        fire_and_forget(send_email(to, seconds), name=f"email-{to}")
    for _ in range(4):
        names = sorted(task.get_name() for task in background_tasks)
        print(f"{loop.time() - start:.2f} s  in the set: {names}")
        await asyncio.sleep(0.75)


asyncio.run(main())
