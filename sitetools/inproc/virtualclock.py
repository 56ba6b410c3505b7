"""A virtual clock for asyncio examples: sleeps cost no real time.

Installed by the bootstrap before the snippet runs.  Modelled on Trio's
``MockClock(autojump_threshold=0)``: when no task is ready and no I/O is
waiting, the event loop's clock jumps straight to the next timer instead of
sleeping.  ``time.monotonic()``, ``time.perf_counter()`` and ``time.time()``
(and their ``_ns`` forms) follow the same clock, so a program that measures
``asyncio.sleep(2)`` prints exactly 2.0.  A blocking ``time.sleep(1)`` in the
main thread advances the clock by one second and, like the real one, holds
the loop.

Thread pools are followed too, because ``asyncio.to_thread()`` and
``loop.run_in_executor()`` are how examples show blocking calls done right.
A ``time.sleep(2)`` in a pool's worker thread parks that thread until the
clock reaches its wake-up time; the clock only jumps when every pool thread
that has work is parked, so a worker that is really running (or finishing
and waking the loop) is always waited for in real time.  The order of events
is therefore the one a real run shows, and the printed times are exact.

The clock starts at 0.0 (``time.time()`` at the real time the program
started).  Busy CPU work takes no virtual time, which is why examples that
measure computation, start their own threads, or use processes or sockets
run in real time instead (the runner decides; ``make verify-real-time``
checks the rest).

Standard library only; Python 3.6 and newer.
"""

import asyncio
import concurrent.futures.thread as _pool_module  # before time is patched: it and queue bind time.monotonic
import heapq
import itertools
import selectors
import threading
import time
import weakref

#: How often, in real seconds, a waiting clock looks again at running workers.
_POLL = 0.002


class VirtualClock:
    """Seconds since the program started, advanced only by waiting.

    Also the register of pool threads: which executors have work in flight,
    and which of their threads are parked in a virtual ``time.sleep``.
    """

    def __init__(self):
        self.now = 0.0
        self.epoch = time.time()
        self._changed = threading.Condition(threading.RLock())
        self._sleepers = []  # heap of [wake, order, event, executor or thread]
        self._order = itertools.count()
        self._in_flight = weakref.WeakKeyDictionary()  # executor -> submitted, not yet finished
        self._parked = weakref.WeakKeyDictionary()  # executor or thread -> threads parked in time.sleep
        self._owner = {}  # future -> executor, until its work item has run

    def advance(self, seconds):
        """Block the calling (main) thread for ``seconds`` of virtual time."""
        if seconds > 0:
            self.run_until(self.now + seconds)

    def run_until(self, deadline, interrupted=lambda: False):
        """Move the clock to ``deadline``, waking parked workers on the way.

        Returns early (False) when ``interrupted()`` says the loop has I/O to
        handle; the clock then stays where the last worker woke.
        """
        with self._changed:
            while True:
                while self._busy():
                    if interrupted():
                        return False
                    self._changed.wait(_POLL)
                if interrupted():
                    return False
                if self._sleepers and (deadline is None or self._sleepers[0][0] <= deadline):
                    wake, _, event, group = heapq.heappop(self._sleepers)
                    self.now = max(self.now, wake)
                    self._parked[group] -= 1
                    event.set()
                    continue
                if deadline is None:
                    return True
                self.now = max(self.now, deadline)
                return True

    def _busy(self):
        """Whether a thread with work is running rather than parked in time.sleep.

        A pool thread has work from submit() until its item has run; any other
        thread but the main one (asyncio starts one to shut the default
        executor down) has work while it is alive.
        """
        pool_threads = set()
        for executor, in_flight in list(self._in_flight.items()):
            pool_threads.update(executor._threads)
            if min(in_flight, executor._max_workers) > self._parked.get(executor, 0):
                return True
        main = threading.main_thread()
        for thread in threading.enumerate():
            if thread is not main and thread not in pool_threads and not self._parked.get(thread):
                return True
        return False

    def sleep(self, seconds):
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        thread = threading.current_thread()
        if thread is threading.main_thread():
            self.advance(seconds)  # holds the loop, as the real one does
            return
        event = threading.Event()
        with self._changed:  # submit() holds it until the new worker is in executor._threads
            group = self._executor_of(thread) or thread
            heapq.heappush(self._sleepers, [self.now + seconds, next(self._order), event, group])
            self._parked[group] = self._parked.get(group, 0) + 1
            self._changed.notify_all()
        event.wait()

    def _executor_of(self, thread):
        for executor in list(self._in_flight):
            if thread in executor._threads:
                return executor
        return None

    def submitted(self, executor, future):
        self._in_flight[executor] = self._in_flight.get(executor, 0) + 1
        self._owner[future] = executor

    def finished(self, future):
        """A work item has run, its future's callbacks (waking the loop) included."""
        with self._changed:
            executor = self._owner.pop(future, None)
            if executor is not None:
                self._in_flight[executor] -= 1
            self._changed.notify_all()


class JumpingSelector(selectors.BaseSelector):
    """A selector that skips the waiting: select(timeout) jumps the clock.

    Ready I/O is still returned at once; with no timer and no parked worker
    (timeout None) it really waits for I/O, so a program that waits forever
    still hangs (and is stopped at its timeout), as it would for a reader.
    """

    def __init__(self, clock, real):
        self._clock = clock
        self._real = real
        self._ready = []

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
        deadline = None if timeout is None else self._clock.now + timeout
        if self._clock.run_until(deadline, self._poll):
            return self._real.select(None) if deadline is None else []
        ready, self._ready = self._ready, []
        return ready

    def _poll(self):
        self._ready = self._real.select(0)
        return bool(self._ready)

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


def _follow_thread_pools(clock):
    """Count each ThreadPoolExecutor's work from submit() until its item has run."""
    executor_class = _pool_module.ThreadPoolExecutor
    submit = executor_class.submit
    run = _pool_module._WorkItem.run

    def tracked_submit(self, *args, **kwargs):
        with clock._changed:  # held until registered: the item may run at once
            future = submit(self, *args, **kwargs)
            clock.submitted(self, future)
            return future

    def tracked_run(self, *args, **kwargs):  # 3.14 passes the worker's context
        try:
            run(self, *args, **kwargs)
        finally:
            clock.finished(self.future)

    executor_class.submit = tracked_submit
    _pool_module._WorkItem.run = tracked_run


def _follow_wall_time(wall_time):
    """The time of day (time.localtime(), strftime() without a time...) follows the clock too."""
    localtime, gmtime, ctime, asctime, strftime = time.localtime, time.gmtime, time.ctime, time.asctime, time.strftime

    def on_the_clock(convert):
        def converted(secs=None):
            return convert(wall_time() if secs is None else secs)

        return converted

    time.localtime = on_the_clock(localtime)
    time.gmtime = on_the_clock(gmtime)
    time.ctime = on_the_clock(ctime)
    time.asctime = lambda t=None: asctime(localtime(wall_time()) if t is None else t)
    time.strftime = lambda format, t=None: strftime(format, localtime(wall_time()) if t is None else t)


def install(epoch_shift=0.0):
    """Make the time module, thread pools and every new event loop follow one virtual clock.

    ``epoch_shift`` moves the wall time away from the real one (a shaken run).
    """
    clock = VirtualClock()
    clock.epoch += epoch_shift

    def monotonic():
        return clock.now

    def wall_time():
        return clock.epoch + clock.now

    _follow_wall_time(wall_time)

    _follow_thread_pools(clock)
    time.monotonic = monotonic
    time.perf_counter = monotonic
    time.time = wall_time
    time.monotonic_ns = lambda: int(clock.now * 1e9)
    time.perf_counter_ns = lambda: int(clock.now * 1e9)
    time.time_ns = lambda: int(wall_time() * 1e9)
    time.sleep = clock.sleep
    asyncio.set_event_loop_policy(VirtualClockPolicy(clock))
    return clock
