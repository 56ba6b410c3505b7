"""asyncio has no asynchronous file API: read files in worker threads, several at once."""
import asyncio
import csv


def read_poem(name):
    """Ordinary, blocking file I/O: it runs in a worker thread."""
    with open(name, encoding="utf-8") as file:
        return file.read().splitlines()


def count_ordered(name):
    with open(name, newline="", encoding="utf-8") as file:
        return sum(int(row["quantity"]) for row in csv.DictReader(file))


async def main():
    poem, ordered = await asyncio.gather(
        asyncio.to_thread(read_poem, "poem.txt"),
        asyncio.to_thread(count_ordered, "orders.csv"),
    )
    print(f"poem.txt: {len(poem)} lines; the first is {poem[0]!r}")
    print(f"orders.csv: {ordered} items ordered")


asyncio.run(main())
