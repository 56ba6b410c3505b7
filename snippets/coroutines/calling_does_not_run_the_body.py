"""Calling a coroutine function creates a coroutine object; the body waits."""
import asyncio
import inspect


async def greet(name):
    print(f"  (the body of greet runs now, for {name})")
    await asyncio.sleep(0.1)
    return f"Hello, {name}"


print("greet is a coroutine function:", inspect.iscoroutinefunction(greet))

coro = greet("Ada")  # no output: nothing in the body has run
print("greet('Ada') returned a", type(coro).__name__)
print("is it a coroutine object?", inspect.iscoroutine(coro))

print("now asyncio.run() runs it:")
result = asyncio.run(coro)
print("result:", result)
