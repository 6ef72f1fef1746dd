"""What a match says, and the review decisions people already made."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Decision = Literal["link", "review", "reject"]
Verdict = Literal["link", "reject"]


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The matcher's answer for one profile record.

    ``candidate_id`` is set only for ``link``; a ``review`` names the candidate it would have
    linked in ``proposed_candidate_id``. ``method`` is the exact identifier that decided
    (``orcid``, ``github``, ``wikidata``, ``profile_url``, ``email``), ``fuzzy`` for a scored
    match, ``reviewer`` for a remembered human decision, or ``none``. ``reasons`` are the
    labelled levels and rules that decided it, strongest first.
    """

    profile_id: str | None
    candidate_id: str | None
    score: float
    decision: Decision
    method: str
    reasons: tuple[str, ...]
    proposed_candidate_id: str | None = None
    profile_key: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "profile_id": self.profile_id,
            "candidate_id": self.candidate_id,
            "score": round(self.score, 4),
            "decision": self.decision,
            "method": self.method,
            "reasons": list(self.reasons),
        }
        if self.decision == "review":
            out["proposed_candidate_id"] = self.proposed_candidate_id
        return out


@dataclass(slots=True)
class Decisions:
    """Remembered review decisions: profile key -> candidate id -> ``link`` or ``reject``.

    Build it from the review queue's stored answers (``Decisions.from_rows``) and pass it to
    :meth:`CandidateIndex.match`: a linked profile is linked again without asking, a rejected
    candidate is never proposed again for that profile. Any plain mapping of the same shape
    works too.
    """

    verdicts: dict[str, dict[str, Verdict]] = field(default_factory=dict)

    def link(self, profile_key: str, candidate_id: str) -> None:
        self.verdicts.setdefault(profile_key, {})[candidate_id] = "link"

    def reject(self, profile_key: str, candidate_id: str) -> None:
        self.verdicts.setdefault(profile_key, {})[candidate_id] = "reject"

    def get(self, profile_key: str) -> Mapping[str, str]:
        return self.verdicts.get(profile_key, {})

    @classmethod
    def from_rows(cls, rows: list[tuple[str, str, str]]) -> Decisions:
        """From ``(profile_key, candidate_id, verdict)`` rows; later rows win."""
        out = cls()
        for key, candidate_id, verdict in rows:
            if verdict not in ("link", "reject"):
                raise ValueError(f"verdict {verdict!r} is not link or reject")
            out.verdicts.setdefault(key, {})[candidate_id] = verdict  # type: ignore[assignment]
        return out


DecisionsLike = Decisions | Mapping[str, Mapping[str, str]]


def verdicts_for(decisions: DecisionsLike | None, key: str) -> Mapping[str, str]:
    if decisions is None:
        return {}
    return decisions.get(key) or {}
