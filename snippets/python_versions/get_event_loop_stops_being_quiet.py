"""asyncio.get_event_loop() with no loop set: quiet up to 3.11, a warning in 3.12 and 3.13, an error from 3.14."""
import asyncio
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        asyncio.get_event_loop().close()
        what = "a new loop, with a warning" if caught else "a new loop, quietly"
    except RuntimeError:
        what = "RuntimeError"
print("quietly makes a new loop:", what == "a new loop, quietly")
