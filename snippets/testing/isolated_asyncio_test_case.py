"""Test methods that are coroutines: unittest.IsolatedAsyncioTestCase."""
import asyncio
import unittest


async def fetch_price(item):
    await asyncio.sleep(0.1)  # stands in for a slow price service
    prices = {"apple": 3, "pear": 4}
    return prices[item]


class FetchPriceTest(unittest.IsolatedAsyncioTestCase):
    async def test_known_item(self):
        self.assertEqual(await fetch_price("apple"), 3)

    async def test_unknown_item_raises(self):
        with self.assertRaises(KeyError):
            await fetch_price("plum")

    async def test_two_items_at_once(self):
        prices = await asyncio.gather(fetch_price("apple"), fetch_price("pear"))
        self.assertEqual(prices, [3, 4])


unittest.main(argv=["tests"], exit=False, verbosity=2)
print("The program goes on after the tests.")
