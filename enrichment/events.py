"""Events as the contract shows them (section 6), and their stable ids.

An event's id is derived from the candidate's ``external_id`` and the change's ``fingerprint``
(which names the change, not the evidence): the same change has the same id in every run,
report and API page, and storing it twice is storing it once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from enrichment.model import Candidate, Change, format_timestamp

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
EVENT_STATUSES = ("new", "acked", "dismissed")


@dataclass(frozen=True, slots=True)
class Match:
    """How the profiles behind a change were linked to the candidate."""

    score: float
    method: str

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(float(self.score), 4), "method": self.method}


def event_id(external_id: str, fingerprint: str) -> str:
    """``evt_`` and 26 Crockford base32 characters of sha256(external_id, fingerprint)."""
    digest = hashlib.sha256(f"{external_id}\x1f{fingerprint}".encode()).digest()
    number = int.from_bytes(digest[:17], "big") >> 6  # 130 bits: 26 characters of 5 bits
    chars = []
    for _ in range(26):
        chars.append(CROCKFORD[number & 31])
        number >>= 5
    return "evt_" + "".join(reversed(chars))


def _match_dict(match: Match | Mapping[str, Any] | None) -> dict[str, Any] | None:
    if match is None:
        return None
    if isinstance(match, Match):
        return match.to_dict()
    return {"score": match.get("score"), "method": match.get("method")}


def event_dict(
    change: Change,
    candidate: Candidate,
    *,
    match: Match | Mapping[str, Any] | None,
    detected_at: datetime,
    status: str = "new",
) -> dict[str, Any]:
    """The event JSON of contract section 6, keys in the contract's order."""
    if status not in EVENT_STATUSES:
        raise ValueError(f"event status {status!r} is not one of {', '.join(EVENT_STATUSES)}")
    return {
        "id": event_id(candidate.external_id, change.fingerprint),
        "type": change.type,
        "leveled_up": change.leveled_up,
        "candidate": {"external_id": candidate.external_id, "full_name": candidate.full_name},
        "before": dict(change.before) if change.before is not None else None,
        "after": dict(change.after) if change.after is not None else None,
        "years_experience": {
            "before": change.years_experience.get("before"),
            "after": change.years_experience.get("after"),
        },
        "qualifies_for": [dict(q) for q in change.qualifies_for],
        "evidence": [e.to_dict() for e in change.evidence],
        "match": _match_dict(match),
        "detected_at": format_timestamp(detected_at),
        "status": status,
    }
