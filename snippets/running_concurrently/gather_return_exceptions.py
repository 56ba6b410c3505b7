"""return_exceptions=True: a failure becomes a result instead of being raised."""
import asyncio


async def download(name, seconds):
    await asyncio.sleep(seconds)
    if name == "broken.txt":
        raise ConnectionError(f"{name}: connection reset")
    return f"{name}: {seconds * 100} kB"


async def main():
    results = await asyncio.gather(
        download("a.txt", 1),
        download("broken.txt", 2),
        download("c.txt", 3),
        return_exceptions=True,
    )
    for result in results:
        if isinstance(result, BaseException):  # a CancelledError is not an Exception
            print("failed:", repr(result))
        else:
            print("ok:    ", result)


asyncio.run(main())
