"""Failed sign-ins slow down guessing: after ``limit`` failures for one name, or from one
address, within ``window`` seconds, further attempts are refused until the oldest failure
leaves the window. Kept in the server process (each worker counts its own)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class LoginThrottle:
    def __init__(
        self,
        *,
        limit: int = 10,
        window: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def wait(self, *keys: str) -> float:
        """Seconds until an attempt for ``keys`` is allowed again (0: now)."""
        now = self.clock()
        with self._lock:
            waits = [
                times[0] + self.window - now
                for times in (self._recent(k, now) for k in keys)
                if len(times) >= self.limit
            ]
        return max(waits, default=0.0)

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            if len(self._failures) > 10_000:
                self._failures.clear()
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, name_key: str) -> None:
        with self._lock:
            self._failures.pop(name_key, None)
