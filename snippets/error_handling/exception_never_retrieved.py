"""A task fails and nobody awaits it: asyncio can only log the exception."""
import asyncio
import time


async def send_email(to):
    await asyncio.sleep(1)
    raise ConnectionError(f"cannot reach the mail server for {to}")


async def main():
    asyncio.create_task(send_email("ada@example.com"))  # BUG: fire and forget
    print(f"{time.perf_counter() - start:.2f} s  email scheduled")
    await asyncio.sleep(2)
    print(f"{time.perf_counter() - start:.2f} s  main() ends")


start = time.perf_counter()
asyncio.run(main())
print("asyncio.run() returned normally")
