"""Python 3.11+: a TaskGroup raises an ExceptionGroup; `except*` picks it apart."""
import asyncio

ORDERS = [
    {"item": "book", "quantity": "2"},
    {"item": "pen", "quantity": "two"},  # not a number: ValueError
    {"item": "ink"},  # no quantity: KeyError
]


async def process(order):
    quantity = int(order["quantity"])  # both bad orders fail here, before any await
    await asyncio.sleep(1)  # stands for saving the order
    print(f"saved {quantity} x {order['item']}")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            for order in ORDERS:
                tg.create_task(process(order))
    except* ValueError as group:
        print(f"except* ValueError: {group!r}")
    except* KeyError as group:
        print(f"except* KeyError:   {group!r}")
    print("main() goes on")


asyncio.run(main())
