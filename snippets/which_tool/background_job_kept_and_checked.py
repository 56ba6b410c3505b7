"""A background job that is neither lost nor silently failing."""
import asyncio

background_tasks = set()


def job_finished(task):
    background_tasks.discard(task)  # drop our reference: the job is over
    if task.cancelled():
        print(f"  {task.get_name()}: cancelled")
    elif task.exception() is not None:  # retrieving it: nothing is lost
        print(f"  {task.get_name()}: FAILED: {task.exception()!r}")
    else:
        print(f"  {task.get_name()}: {task.result()}")


def start_in_background(coro, name):
    task = asyncio.create_task(coro, name=name)
    background_tasks.add(task)  # a strong reference until it is done
    task.add_done_callback(job_finished)


async def send_email(to, seconds):
    await asyncio.sleep(seconds)
    if to == "nobody":
        raise ValueError(f"bad address: {to!r}")
    return f"sent to {to}"


async def main():
    for to, seconds in [("ann", 1), ("nobody", 0.5), ("bob", 2)]:
        start_in_background(send_email(to, seconds), name=f"email-{to}")
    print("main: requests answered, the emails go out in the background")
    await asyncio.sleep(1.5)  # the server goes on with other work
    print("main: shutting down, waiting for", len(background_tasks), "job(s)")
    await asyncio.gather(*background_tasks, return_exceptions=True)


asyncio.run(main())
