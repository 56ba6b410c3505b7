"""Exercise solution: test a retry helper with AsyncMock, on the event loop's clock."""
import asyncio
import unittest
from unittest.mock import AsyncMock


async def retry(operation, attempts=3, delay=0.5):
    for attempt in range(1, attempts + 1):
        try:
            return await operation()
        except ConnectionError:
            if attempt == attempts:
                raise
            await asyncio.sleep(delay)


class RetryTest(unittest.IsolatedAsyncioTestCase):
    async def test_succeeds_on_the_third_attempt(self):
        operation = AsyncMock(side_effect=[ConnectionError, ConnectionError, "ok"])
        loop = asyncio.get_running_loop()
        start = loop.time()
        self.assertEqual(await retry(operation), "ok")
        self.assertEqual(operation.await_count, 3)
        self.assertAlmostEqual(loop.time() - start, 1.0, delta=0.1)  # two pauses

    async def test_gives_up_after_the_last_attempt(self):
        operation = AsyncMock(side_effect=ConnectionError("no route"))
        with self.assertRaises(ConnectionError):
            await retry(operation, attempts=2)
        self.assertEqual(operation.await_count, 2)


unittest.main(argv=["tests"], exit=False, verbosity=2)
