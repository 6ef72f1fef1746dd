"""The crawl's record shapes, from the one protocol module (:mod:`enrichment.protocol`).

The crawler yields :class:`Result` items, exactly one per :class:`Target`, whatever happened.
"""

from __future__ import annotations

import hashlib

from enrichment.protocol import RENDER_MODES, BadTarget, FetchStatus, Ledger, Result, Target

STATUSES = tuple(status.value for status in FetchStatus)

__all__ = [
    "RENDER_MODES",
    "STATUSES",
    "BadTarget",
    "FetchStatus",
    "Ledger",
    "Result",
    "Target",
    "content_hash",
]


def content_hash(body: bytes) -> str:
    return "sha256:" + hashlib.sha256(body).hexdigest()
