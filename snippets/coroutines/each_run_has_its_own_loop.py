"""Each asyncio.run() call creates a new event loop and closes it at the end."""
import asyncio

loops = []


async def main(label):
    loop = asyncio.get_running_loop()
    loops.append(loop)
    print(f"{label}: loop running? {loop.is_running()}")
    await asyncio.sleep(0.1)
    return f"{label} finished"


print(asyncio.run(main("first run")))
print(asyncio.run(main("second run")))

first, second = loops
print("same loop both times?", first is second)
print("first loop closed?", first.is_closed())
print("second loop closed?", second.is_closed())
