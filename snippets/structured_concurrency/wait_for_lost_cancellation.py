"""Up to Python 3.11, wait_for() lost a cancellation that came as its result arrived."""
import asyncio


async def worker(reply):
    try:
        answer = await asyncio.wait_for(reply, timeout=10)
        print(f"worker: wait_for() returned {answer!r}")
        await asyncio.sleep(1)
        print("worker: still running, the cancellation was lost")
    except asyncio.CancelledError:
        print("worker: CancelledError")
        raise


async def main():
    reply = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(worker(reply))
    await asyncio.sleep(0.5)
    reply.set_result("pong")  # the reply arrives...
    task.cancel()  # ...and the worker is cancelled, in the same turn of the loop
    try:
        await task
        print("main: the worker ended normally")
    except asyncio.CancelledError:
        print("main: the worker was cancelled")


asyncio.run(main())
