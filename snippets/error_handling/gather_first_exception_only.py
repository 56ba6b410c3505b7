"""gather() raises the first exception only; return_exceptions=True reports them all."""
import asyncio
import time

ERRORS = {"disk": "disk full", "network": "no route to host"}


def log(message):
    print(f"{time.perf_counter() - start:.2f} s  {message}")


async def check(name, seconds):
    await asyncio.sleep(seconds)
    if name in ERRORS:
        log(f"{name} check raises")
        raise OSError(f"{name}: {ERRORS[name]}")
    log(f"{name} check passes")
    return f"{name}: ok"


def checks():
    return check("disk", 1), check("network", 2), check("memory", 3)


async def main():
    try:
        await asyncio.gather(*checks())
    except OSError as error:
        log(f"main() caught {error!r}")
    await asyncio.sleep(3)  # meanwhile, the other checks run to their end

    log("again, with return_exceptions=True")
    results = await asyncio.gather(*checks(), return_exceptions=True)
    for result in results:
        print("   ", repr(result))


start = time.perf_counter()
asyncio.run(main())
