"""Each task runs in a copy of the context it was created in: a request id set in one task stays there."""
import asyncio
import contextvars
import time

request_id = contextvars.ContextVar("request_id", default="-")


def log(message):
    # any function can read the current request id: nobody passes it as an argument
    print(f"{time.perf_counter() - START:.2f} s  [{request_id.get()}] {message}")


async def audit(rid):
    log(f"audit for {rid}: a task created by {rid} starts with a copy of its context")


async def handle(rid, seconds):
    log(f"{rid}: starts with a copy of main's context")
    request_id.set(rid)
    await asyncio.create_task(audit(rid))
    await asyncio.sleep(seconds)
    log(f"{rid}: finished, its id untouched by the other request's set()")


async def main():
    request_id.set("main")
    await asyncio.gather(handle("req-1", 1), handle("req-2", 0.5))
    log("main: no request's set() reached main")


START = time.perf_counter()
asyncio.run(main())
