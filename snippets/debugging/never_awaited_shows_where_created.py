"""Debug mode shows where a never-awaited coroutine was created."""
import asyncio


async def send_invoice(customer):
    await asyncio.sleep(1)
    print("Invoice sent to", customer)


def queue_invoices(customers, outbox):
    for customer in customers:
        outbox.append(send_invoice(customer))  # BUG: nobody awaits this coroutine


async def close_month(outbox):
    queue_invoices(["Ada"], outbox)
    await asyncio.sleep(0.1)


async def main():
    outbox = []
    await close_month(outbox)
    print("Month closed,", len(outbox), "invoice in the outbox")
    outbox.clear()  # the forgotten coroutine is destroyed here


asyncio.run(main(), debug=True)
