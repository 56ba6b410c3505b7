"""A task fails and nobody looks at its result: the error is only logged."""
import asyncio


async def send_report():
    await asyncio.sleep(0.5)
    raise ConnectionError("mail server unreachable")


async def main():
    task = asyncio.create_task(send_report(), name="send-report")
    await asyncio.sleep(1)  # BUG: nobody ever awaits the task
    print("main: finished; the task is done:", task.done())


asyncio.run(main())
print("the program exits normally")
