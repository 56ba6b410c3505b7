"""Synchronous code in plain threads runs coroutines on an event loop in a thread of its own."""
import asyncio
import concurrent.futures
import threading
import time


async def fetch(name):
    await asyncio.sleep(0.25)  # stands in for a request made with an async library
    return f"{name}: 200 OK"


def handle_request(loop, name):
    """Synchronous code, such as a request handler in a threaded web framework."""
    future = asyncio.run_coroutine_threadsafe(fetch(name), loop)
    return future.result(timeout=10)  # blocks this thread, not the loop


loop = asyncio.new_event_loop()
loop_thread = threading.Thread(target=loop.run_forever, name="asyncio-loop")
loop_thread.start()

# The main thread is a plain thread: no event loop runs in it.
future = asyncio.run_coroutine_threadsafe(fetch("index.html"), loop)
print("got a", type(future))
print("result:", future.result(timeout=10))

# Four threads of a synchronous server, all using the one loop at once.
start = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(4) as handlers:
    for line in handlers.map(handle_request, [loop] * 4, ["a", "b", "c", "d"]):
        print("result:", line)
print("four requests took less than 0.5 s:", time.monotonic() - start < 0.5)

# Shut down: stop() must run in the loop's own thread.
loop.call_soon_threadsafe(loop.stop)
loop_thread.join()
loop.close()
print("loop thread alive:", loop_thread.is_alive(), "/ loop closed:", loop.is_closed())
