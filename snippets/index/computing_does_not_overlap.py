"""Computing does not overlap: under gather(), one computation runs at a time."""
import asyncio


async def compute(name):
    print(f"{name} starts computing")
    # Real computation: it keeps the CPU busy and never reaches an await,
    # so no other task can run until it is finished.
    sum(i * i for i in range(200_000))
    print(f"{name} is done")


async def main():
    await asyncio.gather(compute("A"), compute("B"), compute("C"))


asyncio.run(main())
