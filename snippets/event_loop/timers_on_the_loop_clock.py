"""Timers: call_later() and call_at() on the loop's clock, loop.time()."""
import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()

    def report(what):
        print(f"{loop.time() - start:.2f} s  {what}")

    def block(seconds):
        report(f"blocking callback starts: time.sleep({seconds})")
        time.sleep(seconds)  # nothing else can run meanwhile

    loop.call_later(2, report, "timer due at 2 s")
    loop.call_later(0.5, report, "timer due at 0.5 s")
    loop.call_at(start + 1, report, "timer due at 1 s (call_at)")
    loop.call_soon(report, "call_soon: no timer, runs first")
    await asyncio.sleep(3)

    print("--- a callback that blocks delays every later one")
    start = loop.time()
    loop.call_later(0.2, block, 1)
    loop.call_later(0.5, report, "timer due at 0.5 s")
    await asyncio.sleep(2)


asyncio.run(main())
