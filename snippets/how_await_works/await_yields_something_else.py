"""An __await__ that yields something asyncio does not know: the task fails."""
import asyncio


class Nap:
    def __init__(self, seconds):
        self.seconds = seconds

    def __await__(self):
        yield self.seconds  # BUG: an asyncio task understands only a Future here
        return "rested"


async def main():
    print("main: taking a nap")
    print(await Nap(0.5))


asyncio.run(main())
