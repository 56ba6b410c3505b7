"""The fix: await every task you start, and handle what it raises."""
import asyncio


async def send_report():
    await asyncio.sleep(0.5)
    raise ConnectionError("mail server unreachable")


async def main():
    task = asyncio.create_task(send_report(), name="send-report")
    await asyncio.sleep(1)  # other work
    try:
        await task  # re-raises the task's exception here
    except ConnectionError as error:
        print(f"main: {task.get_name()} failed: {error}")


asyncio.run(main())
