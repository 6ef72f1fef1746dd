"""The ``profile_gone`` change: a source that answered before now answers 404/410 on repeated runs.

The orchestrator decides *when* a source is gone (it counts the runs); this builds the change.
Its fingerprint names the source (kind and URL or identifier), so however many runs see the
source gone, it is one event.
"""

from __future__ import annotations

from datetime import date, datetime

from enrichment.diff._evidence import fingerprint
from enrichment.experience import years_of_experience
from enrichment.model import Candidate, Change, Evidence, format_timestamp


def profile_gone(
    candidate: Candidate,
    *,
    kind: str,
    url: str | None = None,
    identifier: str | None = None,
    today: date,
    checked_at: datetime | None = None,
    http_status: int | None = None,
    last_seen_at: datetime | None = None,
) -> Change:
    """The change for ``candidate``'s source of ``kind`` at ``url`` (or ``identifier``) gone."""
    locator = identifier or url or ""
    if not locator:
        raise ValueError("profile_gone needs the source's url or identifier")
    years = years_of_experience(candidate.positions, today)
    status = f"HTTP {http_status}" if http_status else "404/410"
    before = {
        "kind": kind,
        "url": url,
        "identifier": identifier,
        "last_seen_at": format_timestamp(last_seen_at) if last_seen_at else None,
    }
    return Change(
        type="profile_gone",
        fingerprint=fingerprint("profile_gone", kind, locator),
        before=before,
        after=None,
        leveled_up=False,
        years_experience={"before": years, "after": years},
        qualifies_for=(),
        evidence=(Evidence(kind, url, checked_at, f"{status} on repeated runs: {locator}"),),
    )
