"""Shake a run: change what a deterministic program never depends on.

``make update-outputs`` runs each program it records more than once, some
of those runs shaken, and refuses an output that changes (see
sitetools/determinism.py).  The runner asks for a shaken run with the
environment: ``PYTHONHASHSEED`` and ``TZ`` differ from a normal run's, and
``SITETOOLS_SHAKE`` holds ``EPOCH_SHIFT,PARITY,DELAY``:

* the virtual clock's wall time (``time.time()``) starts ``EPOCH_SHIFT``
  seconds away from the real one (bootstrap.py passes it to the clock);
* every line written to ``sys.stdout`` or ``sys.stderr`` by a thread the
  program started (thread pools included) whose start number has ``PARITY``
  (0 or 1) is held back ``DELAY`` real seconds before it starts.  Two threads
  that print "at the same time" then print in one order in one shaken run
  and in the other order in the next, so output that depends on how the OS
  schedules threads is found every time instead of once in a while.  On the
  virtual clock the wait costs no virtual time (the clock waits for a thread
  that is busy); on the real clock it would move the thread's times, so
  there ``DELAY`` is 0 and busy CPUs do the shaking.

Standard library only; Python 3.6 and newer.
"""

import itertools
import os
import sys
import threading
import time

ENVIRONMENT = "SITETOOLS_SHAKE"


def read():
    """The shake asked for (and removed from the environment the program sees), or None."""
    value = os.environ.pop(ENVIRONMENT, "")
    if not value:
        return None
    shift, parity, delay = value.split(",")
    return float(shift), int(parity), float(delay)


class _Delayed(object):
    """A stream whose lines from some threads wait a little before they start."""

    def __init__(self, stream, held_back):
        self._stream = stream
        self._held_back = held_back
        self._mid_line = threading.local()  # print() writes a line's text and its newline apart

    def write(self, text):
        if text and not getattr(self._mid_line, "value", False):
            self._held_back()
        if text:
            self._mid_line.value = not text.endswith("\n")
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def install(parity, delay):
    """Number the threads as they start; hold back the lines of every other one."""
    if not delay:
        return
    real_sleep = time.sleep  # before the virtual clock replaces it: this wait is real
    numbers = itertools.count()
    start = threading.Thread.start

    def numbered_start(self, *args, **kwargs):
        self._sitetools_number = next(numbers)
        return start(self, *args, **kwargs)

    def held_back():
        number = getattr(threading.current_thread(), "_sitetools_number", None)
        if number is not None and number % 2 == parity:
            real_sleep(delay)

    threading.Thread.start = numbered_start
    sys.stdout = _Delayed(sys.stdout, held_back)
    sys.stderr = _Delayed(sys.stderr, held_back)
