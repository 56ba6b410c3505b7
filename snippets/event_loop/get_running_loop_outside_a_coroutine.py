"""get_running_loop() works only while a loop is running in this thread."""
import asyncio


def remind_me_later(seconds, message):
    loop = asyncio.get_running_loop()
    loop.call_later(seconds, print, message)


async def main():
    remind_me_later(1, "reminder set from inside a coroutine")
    await asyncio.sleep(2)


asyncio.run(main())
print("asyncio.run() has returned; now without a running loop:")
remind_me_later(1, "reminder set from ordinary code")
