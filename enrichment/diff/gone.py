"""The ``profile_gone`` change: sources that answered before now answer 404/410 on repeated runs.

The orchestrator decides *when* a source is gone (it counts the runs); this builds one change
per candidate and run, listing every source that went away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from enrichment.diff._evidence import fingerprint
from enrichment.experience import years_of_experience
from enrichment.model import Candidate, Change, Evidence, format_timestamp


@dataclass(frozen=True, slots=True)
class GoneSource:
    """One source of a candidate that keeps answering 404/410."""

    kind: str
    url: str | None = None
    identifier: str | None = None
    http_status: int | None = None
    checked_at: datetime | None = None
    last_seen_at: datetime | None = None

    @property
    def locator(self) -> str:
        return self.identifier or self.url or ""


def profile_gone(candidate: Candidate, sources: Sequence[GoneSource], *, today: date) -> Change:
    """One change for every source of ``candidate`` found gone in one run.

    Its fingerprint names the sources (kind and URL or identifier, sorted), so however many
    runs see the same sources gone, it is one event; another source going later is another.
    """
    if not sources:
        raise ValueError("profile_gone needs at least one source")
    for source in sources:
        if not source.locator:
            raise ValueError("profile_gone needs each source's url or identifier")
    ordered = sorted(sources, key=lambda s: (s.kind, s.locator))
    years = years_of_experience(candidate.positions, today)
    before = {
        "sources": [
            {
                "kind": s.kind,
                "url": s.url,
                "identifier": s.identifier,
                "last_seen_at": format_timestamp(s.last_seen_at) if s.last_seen_at else None,
            }
            for s in ordered
        ]
    }
    evidence = tuple(
        Evidence(
            s.kind,
            s.url,
            s.checked_at,
            f"{f'HTTP {s.http_status}' if s.http_status else '404/410'} on repeated runs: "
            f"{s.locator}",
        )
        for s in ordered
    )
    parts = [part for s in ordered for part in (s.kind, s.locator)]
    return Change(
        type="profile_gone",
        fingerprint=fingerprint("profile_gone", *parts),
        before=before,
        after=None,
        leveled_up=False,
        years_experience={"before": years, "after": years},
        qualifies_for=(),
        evidence=evidence,
    )
