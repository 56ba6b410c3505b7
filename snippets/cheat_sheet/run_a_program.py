"""Run a program: asyncio.run() starts an event loop, runs main() to the end and closes the loop."""
import asyncio


async def main():
    print("hello")
    await asyncio.sleep(1)  # lets other tasks run meanwhile; here there are none
    print("world, 1 s later")
    return "main's result"


print(asyncio.run(main()))
