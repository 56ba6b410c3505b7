"""A plain `except ValueError` does not catch a ValueError raised in a TaskGroup."""
import asyncio


async def process(order):
    quantity = int(order["quantity"])
    await asyncio.sleep(1)
    print(f"saved {quantity} x {order['item']}")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(process({"item": "book", "quantity": "2"}))
            tg.create_task(process({"item": "pen", "quantity": "two"}))
    except ValueError as error:  # BUG: the TaskGroup raises an ExceptionGroup
        print(f"bad order: {error}")


asyncio.run(main())
