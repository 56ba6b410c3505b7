"""A virtual clock for asyncio examples: sleeps cost no real time.

Installed by the bootstrap before the snippet runs.  Modelled on Trio's
``MockClock(autojump_threshold=0)``: when no task is ready and no I/O is
waiting, the event loop's clock jumps straight to the next timer instead of
sleeping.  ``time.monotonic()``, ``time.perf_counter()`` and ``time.time()``
(and their ``_ns`` forms) follow the same clock, so a program that measures
``asyncio.sleep(2)`` prints exactly 2.0.  A blocking ``time.sleep(1)``
advances the clock by one second and, like the real one, holds the loop.

The clock starts at 0.0 (``time.time()`` at the real time the program
started).  Busy CPU work takes no virtual time, which is why examples that
measure computation, use threads, subprocesses or sockets run in real time
instead (the runner decides; ``make verify-real-time`` checks the rest).

Standard library only; Python 3.7 and newer.
"""
import asyncio
import selectors
import time


class VirtualClock:
    """Seconds since the program started, advanced only by waiting."""

    def __init__(self):
        self.now = 0.0
        self.epoch = time.time()

    def advance(self, seconds):
        if seconds > 0:
            self.now += seconds


class JumpingSelector(selectors.BaseSelector):
    """A selector that skips the waiting: select(timeout) jumps the clock.

    Ready I/O is still returned at once; with no timer at all (timeout None)
    it really waits for I/O, so a program that waits forever still hangs
    (and is stopped at its timeout), as it would for a reader.
    """

    def __init__(self, clock, real):
        self._clock = clock
        self._real = real

    def register(self, fileobj, events, data=None):
        return self._real.register(fileobj, events, data)

    def unregister(self, fileobj):
        return self._real.unregister(fileobj)

    def modify(self, fileobj, events, data=None):
        return self._real.modify(fileobj, events, data)

    def select(self, timeout=None):
        ready = self._real.select(0)
        if ready or timeout is not None and timeout <= 0:
            return ready
        if timeout is None:
            return self._real.select(None)
        self._clock.advance(timeout)
        return []

    def close(self):
        self._real.close()

    def get_key(self, fileobj):
        return self._real.get_key(fileobj)

    def get_map(self):
        return self._real.get_map()


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    """Every new event loop (asyncio.run, Runner, new_event_loop) jumps."""

    def __init__(self, clock):
        super().__init__()
        self._clock = clock

    def new_event_loop(self):
        return asyncio.SelectorEventLoop(JumpingSelector(self._clock, selectors.DefaultSelector()))


def install():
    """Make the time module and every new event loop follow one virtual clock."""
    clock = VirtualClock()

    def monotonic():
        return clock.now

    def wall_time():
        return clock.epoch + clock.now

    def sleep(seconds):
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        clock.advance(seconds)

    time.monotonic = monotonic
    time.perf_counter = monotonic
    time.time = wall_time
    time.monotonic_ns = lambda: int(clock.now * 1e9)
    time.perf_counter_ns = lambda: int(clock.now * 1e9)
    time.time_ns = lambda: int(wall_time() * 1e9)
    time.sleep = sleep
    asyncio.set_event_loop_policy(VirtualClockPolicy(clock))
    return clock
