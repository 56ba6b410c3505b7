"""Exercise solution: run every check to the end, then raise all the errors together."""
import asyncio
import time


async def check(name, seconds):
    await asyncio.sleep(seconds)
    if name == "disk":
        raise OSError("disk: disk full")
    if name == "config":
        raise ValueError("config: port 'http' is not a number")
    print(f"{time.perf_counter() - start:.2f} s  {name} check passes")
    return f"{name}: ok"


async def run_all(*coros):
    results = await asyncio.gather(*coros, return_exceptions=True)
    errors = [result for result in results if isinstance(result, BaseException)]
    if errors:
        # BaseExceptionGroup may hold a CancelledError too; when every error
        # is an Exception, Python makes it an ExceptionGroup.
        raise BaseExceptionGroup("some checks failed", errors)
    return results


async def main():
    print(await run_all(check("memory", 1), check("network", 2)))
    try:
        await run_all(check("disk", 3), check("config", 4), check("memory", 5))
    except* OSError as group:
        for error in group.exceptions:
            print(f"{time.perf_counter() - start:.2f} s  system problem: {error}")
    except* ValueError as group:
        for error in group.exceptions:
            print(f"{time.perf_counter() - start:.2f} s  fix the configuration: {error}")


start = time.perf_counter()
asyncio.run(main())
