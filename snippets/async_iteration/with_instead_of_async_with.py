"""`with` where `async with` is needed: an async context manager has no __enter__."""
import asyncio
import contextlib


@contextlib.asynccontextmanager
async def connection(host):
    print(f"connecting to {host}")
    await asyncio.sleep(0.5)
    try:
        yield f"<connection to {host}>"
    finally:
        print("closing")
        await asyncio.sleep(0.5)


async def main():
    with connection("db.example") as conn:  # BUG: should be `async with`
        print("using", conn)


asyncio.run(main())
