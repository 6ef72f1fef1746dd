"""One call that empties the memoised helpers of the enrichment core.

Name parsing, Soundex codes, romanisation variants, employer and title keys are
``functools.lru_cache``\\ d, sized for batch matching, where the same names are compared
again and again and a large cache pays. A long-running process that sees each person once
(the nightly run) gains little from them, and they would hold one entry per person it ever
saw: its memory would grow with the number of candidates. Such a process calls :func:`clear`
between batches, which keeps it flat; batch matching never needs to.
"""

from __future__ import annotations

import sys


def clear(package: str = "enrichment") -> int:
    """Empty every ``functools`` cache defined in a loaded module of ``package``; returns how
    many were emptied. Caches of one entry (a loaded resource, say) are left alone."""
    emptied = 0
    for name, module in list(sys.modules.items()):
        if module is None or not (name == package or name.startswith(package + ".")):
            continue
        for value in list(vars(module).values()):
            parameters = getattr(value, "cache_parameters", None)
            if parameters is None or getattr(value, "__module__", None) != name:
                continue
            maxsize = parameters().get("maxsize")
            if maxsize is not None and maxsize <= 1:
                continue
            value.cache_clear()
            emptied += 1
    return emptied
