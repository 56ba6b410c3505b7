"""shield(): stop waiting for an operation without cancelling it."""
import asyncio
import time

START = time.perf_counter()


def now():
    return f"{time.perf_counter() - START:.2f}"


async def save(document):
    print(f"{now()} save: writing {document}")
    await asyncio.sleep(2)
    print(f"{now()} save: {document} saved")


async def main():
    saving = asyncio.create_task(save("report.txt"))  # keep a reference
    try:
        await asyncio.wait_for(asyncio.shield(saving), timeout=0.5)
    except TimeoutError:
        print(f"{now()} main: stopped waiting; save cancelled? {saving.cancelled()}")

    print(f"{now()} main: doing other work")
    await asyncio.sleep(1)

    await saving  # wait for it before asyncio.run() ends
    print(f"{now()} main: done")


asyncio.run(main())
