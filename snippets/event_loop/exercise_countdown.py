"""Exercise solution: a countdown made of timers, without asyncio.sleep()."""
import asyncio


async def countdown(n):
    loop = asyncio.get_running_loop()
    start = loop.time()
    finished = loop.create_future()

    def say(text):
        print(f"{loop.time() - start:.2f} s  {text}")

    def liftoff():
        say("liftoff!")
        finished.set_result(None)  # wakes up the coroutine awaiting it

    for i in range(n):
        loop.call_later(i, say, n - i)  # n at 0 s, n - 1 at 1 s, ...
    loop.call_later(n, liftoff)
    await finished  # all timers are set; wait here until the last one


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await countdown(3)
    print(f"countdown() returned after {loop.time() - start:.2f} s")


asyncio.run(main())
