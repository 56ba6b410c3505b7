"""Python 3.14+: asyncio.run() runs any awaitable, not only a coroutine."""
import asyncio
import inspect


class Backup:
    """Not a coroutine, but awaitable: its __await__ runs a coroutine."""

    def __init__(self, folder):
        self.folder = folder

    def __repr__(self):  # how messages show it, instead of <Backup object at 0x...>
        return f"Backup({self.folder!r})"

    def __await__(self):
        return self.run().__await__()

    async def run(self):
        print(f"backing up {self.folder}")
        await asyncio.sleep(0.5)  # stands in for copying the files
        return f"{self.folder} saved"


backup = Backup("photos")
print("a coroutine?", inspect.iscoroutine(backup))
print("awaitable?", inspect.isawaitable(backup))
print(asyncio.run(backup))  # Python 3.13 and older: ValueError
