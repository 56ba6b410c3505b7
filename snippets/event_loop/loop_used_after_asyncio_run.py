"""asyncio.run() closes its loop: a loop kept from it is no use afterwards."""
import asyncio


async def main():
    return asyncio.get_running_loop()


loop = asyncio.run(main())
print("closed?", loop.is_closed())
loop.call_soon(print, "hello")  # too late: this loop is closed
