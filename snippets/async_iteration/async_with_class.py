"""A class with __aenter__ and __aexit__ works with async with."""
import asyncio


class Connection:
    def __init__(self, host):
        self.host = host

    async def __aenter__(self):
        print(f"connecting to {self.host}")
        await asyncio.sleep(0.5)  # setting up may wait for I/O
        return self  # what "as" binds

    async def __aexit__(self, exc_type, exc, traceback):
        print(f"closing, exception: {exc_type.__name__ if exc_type else None}")
        await asyncio.sleep(0.5)  # tearing down may wait too
        return False  # False: let the exception, if any, propagate

    async def query(self, sql):
        await asyncio.sleep(0.1)
        if sql.startswith("DROP"):
            raise PermissionError(f"not allowed: {sql}")
        return [1, 2, 3]


async def main():
    async with Connection("db.example") as conn:
        print("rows:", await conn.query("SELECT n FROM t"))

    try:
        async with Connection("db.example") as conn:
            await conn.query("DROP TABLE t")
            print("never printed")
    except PermissionError as error:
        print("caught:", error)


asyncio.run(main())
