"""The same connection with contextlib.asynccontextmanager: one generator."""
import asyncio
import contextlib


@contextlib.asynccontextmanager
async def connection(host):
    print(f"connecting to {host}")  # this part is __aenter__
    await asyncio.sleep(0.5)
    try:
        yield f"<connection to {host}>"  # what "as" binds; the block runs here
    except Exception as error:
        print(f"the block raised {type(error).__name__}")
        raise  # re-raise: don't swallow it
    finally:  # this part is __aexit__: runs on success and on error
        print("closing")
        await asyncio.sleep(0.5)


async def main():
    async with connection("db.example") as conn:
        print("using", conn)

    try:
        async with connection("db.example") as conn:
            raise PermissionError("not allowed")
    except PermissionError as error:
        print("caught:", error)


asyncio.run(main())
