"""A mistake: async test methods in a plain unittest.TestCase never run."""
import asyncio
import unittest


async def add(a, b):
    await asyncio.sleep(0.1)
    return a + b


class AddTest(unittest.TestCase):  # BUG: should be IsolatedAsyncioTestCase
    async def test_add(self):
        self.assertEqual(await add(2, 2), 5)  # wrong on purpose, yet "ok"


unittest.main(argv=["tests"], exit=False, verbosity=2)
