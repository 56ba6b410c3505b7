"""Exercise: write LoopThread, an event loop in a thread of its own, for synchronous code."""
import asyncio
import threading


class LoopThread:
    """Runs an event loop in a background thread; call() runs a coroutine on it."""

    def __enter__(self):
        # 1. Create a new event loop (self.loop) and a thread (self.thread) that runs
        #    it forever; start the thread. For now they are placeholders: a loop
        #    that nothing runs, and the main thread.
        self.loop = asyncio.new_event_loop()
        self.thread = threading.current_thread()
        return self

    def call(self, coro):
        # 2. Run coro on the loop, from this thread, and return its result
        #    (or raise its exception).
        # 3. Called on the loop's own thread, it must not wait: raise a RuntimeError
        #    that says what to do instead, and leave no "never awaited" warning.
        coro.close()  # for now the coroutine is thrown away, never run
        return None

    def __exit__(self, *exc_info):
        # 4. Stop the loop, wait for its thread to end, then close the loop.
        pass


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
