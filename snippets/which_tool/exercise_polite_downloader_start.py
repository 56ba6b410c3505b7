"""Exercise: download six files, at most two at a time, giving up on any that takes over 1.5 s."""
import asyncio
import time

SECONDS = {"a.zip": 1, "b.zip": 2, "c.zip": 0.4, "d.zip": 1, "e.zip": 3, "f.zip": 0.4}


async def download(name, start):
    await asyncio.sleep(SECONDS[name])  # the transfer
    print(f"{time.perf_counter() - start:.2f} s  {name} ok")
    return True


async def main():
    start = time.perf_counter()
    # Download every file in SECONDS, with these rules:
    # - at most two downloads at a time;
    # - a download that takes more than 1.5 s once it has started is given up:
    #   print f"{elapsed:.2f} s  {name} timed out", and the others carry on;
    # - at the end print f"ok: {ok}, timed out: {failed}, took {elapsed:.2f} s",
    #   with the lists of names in the order of SECONDS.
    print(f"ok: [], timed out: [], took {time.perf_counter() - start:.2f} s")


asyncio.run(main())
