"""create_task() starts a coroutine on its own; await gives its result."""
import asyncio
import time


async def download(file, seconds):
    me = asyncio.current_task().get_name()
    print(f"[{me}] downloading {file}")
    await asyncio.sleep(seconds)
    print(f"[{me}] finished {file}")
    return f"{file} ({seconds} s)"


async def main():
    start = time.perf_counter()
    report = asyncio.create_task(download("report.pdf", 2), name="report")
    photo = asyncio.create_task(download("photo.jpg", 1))
    print("created", report.get_name(), "and", photo.get_name())
    photo.set_name("photo")
    print("done?", report.done(), photo.done())

    print("result:", await report)  # 2 s: photo runs meanwhile
    print("done?", report.done(), photo.done())
    print("result:", photo.result())  # already done: no waiting
    print(f"took {time.perf_counter() - start:.2f} s")


asyncio.run(main())
