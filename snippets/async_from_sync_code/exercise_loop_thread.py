"""Solution: LoopThread, an event loop in a thread of its own, for synchronous code."""
import asyncio
import threading


class LoopThread:
    """Runs an event loop in a background thread; call() runs a coroutine on it."""

    def __enter__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="asyncio-loop")
        self.thread.start()
        return self

    def call(self, coro):
        """Run coro on the loop and return its result (or raise its exception)."""
        if threading.current_thread() is self.thread:
            coro.close()  # never run: close it, so that Python does not warn
            raise RuntimeError("call() on the loop's own thread would wait forever: await the coroutine")
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result()

    def __exit__(self, *exc_info):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


async def fetch(name):
    await asyncio.sleep(0.25)  # stands in for a request
    return f"{name}: 200 OK"


async def nested_call(portal):
    return portal.call(fetch("inner"))  # a mistake: this runs on the loop's thread


with LoopThread() as portal:
    print(portal.call(fetch("a")))
    print(portal.call(fetch("b")))
    try:
        portal.call(nested_call(portal))
    except RuntimeError as error:
        print("RuntimeError:", error)
print("loop closed:", portal.loop.is_closed(), "/ thread alive:", portal.thread.is_alive())
