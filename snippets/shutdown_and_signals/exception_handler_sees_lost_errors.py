"""loop.set_exception_handler(): your function gets the errors that asyncio would only log."""
import asyncio


def report(loop, context):
    print(f"report: {context['message']}")
    print(f"  exception: {context['exception']!r}")
    print(f"  keys: {sorted(context)}")


def broken_callback():
    print("callback: dividing by zero")
    1 / 0


async def send_email():
    print("send_email: failing")
    raise ConnectionError("mail server down")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(report)
    loop.call_soon(broken_callback)  # an exception in a callback
    asyncio.ensure_future(send_email())  # a task that nobody awaits
    await asyncio.sleep(1)
    print("main: still running, done")


asyncio.run(main())
