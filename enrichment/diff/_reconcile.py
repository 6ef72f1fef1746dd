"""Reconciling what several sources say: staleness, one cluster per job, and the stored match.

Observation order everywhere is "the most recent dated evidence first": a position's start date
when it has one, else the day its page was fetched (an undated page speaks for the day it was
read), then the fetch time itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from enrichment.companies import company_display, company_key
from enrichment.dates import PartialDate
from enrichment.diff._positions import (
    date_key,
    ended,
    month_of,
    more_precise,
    same_position,
    title_key,
)
from enrichment.model import Candidate, Position, ProfileRecord

_EPOCH = datetime(1, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Seen:
    """One position as one source showed it."""

    position: Position
    source: int
    fetched_at: datetime | None

    def evidence_key(self) -> tuple[tuple[int, int, int], datetime]:
        fetched = self.fetched_at or _EPOCH
        if self.position.start is not None:
            when = self.position.start.sort_key()
        elif self.fetched_at is not None:
            when = (fetched.year, fetched.month, fetched.day)
        else:
            when = (0, 0, 0)
        return when, fetched


@dataclass(slots=True)
class Cluster:
    """The observations of one job across sources, and the job they add up to."""

    seen: list[Seen]
    merged: Position = field(init=False)
    superseded: bool = False

    def __post_init__(self) -> None:
        self.merged = merge_seen(self.seen)

    def add(self, seen: Seen) -> None:
        self.seen.append(seen)
        self.merged = merge_seen(self.seen)

    @property
    def sources(self) -> set[int]:
        return {s.source for s in self.seen}

    def evidence_key(self) -> tuple[tuple[int, int, int], datetime]:
        return max(s.evidence_key() for s in self.seen)

    def newest_fetch(self) -> datetime | None:
        fetched = [s.fetched_at for s in self.seen if s.fetched_at is not None]
        return max(fetched) if fetched else None

    def when(self, today_month: PartialDate) -> PartialDate:
        """When this job began, as well as it is known: its start, else its newest fetch month."""
        if self.merged.start is not None:
            return self.merged.start
        fetched = self.newest_fetch()
        return month_of(fetched) if fetched is not None else today_month


def merge_seen(seen: Sequence[Seen]) -> Position:
    """One position from several observations: the newest fetch wins each field it gives."""
    newest_first = sorted(seen, key=lambda s: s.fetched_at or _EPOCH, reverse=True)
    start: PartialDate | None = None
    for s in reversed(newest_first):
        start = more_precise(start, s.position.start)
    ends = [s.position.end for s in newest_first if s.position.end is not None]

    def first(attr: str) -> str | None:
        for s in newest_first:
            value = getattr(s.position, attr)
            if value:
                return str(value)
        return None

    return Position(
        title=first("title"),
        company=company_display(first("company")),
        start=start,
        end=ends[0] if ends else None,
        location=first("location"),
        description=first("description"),
    )


def newest_info(record: ProfileRecord) -> tuple[int, int, int] | None:
    """The newest date a record speaks of: its dated positions and education, else its fetch day."""
    dates = [d for p in record.positions for d in (p.start, p.end) if d is not None]
    dates += [d for e in record.education for d in (e.start, e.end) if d is not None]
    if dates:
        return max(d.sort_key() for d in dates)
    if record.fetched_at is not None:
        return (record.fetched_at.year, record.fetched_at.month, record.fetched_at.day)
    return None


def stale_records(
    records: Sequence[ProfileRecord], stored: Candidate, stored_as_of: datetime | None
) -> set[int]:
    """The older pages among ``records``: indexes of those to ignore.

    A page is older when it does not know a job that the stored record or another page knows,
    and all it says predates that job's start. A stored job without a start is known from
    ``stored_as_of`` (when the stored record was last brought up to date), when given; another
    page's undated job does not count (its fetch day is not when the job began). Judging each
    page against the others too keeps the answer the same when the same pages are read again
    against the updated record.
    """
    known: list[tuple[Position, tuple[int, int, int], int]] = []
    for position in stored.positions:
        if position.start is not None:
            known.append((position, position.start.sort_key(), -1))
        elif stored_as_of is not None:
            as_of = (stored_as_of.year, stored_as_of.month, stored_as_of.day)
            known.append((position, as_of, -1))
    for index, record in enumerate(records):
        for position in record.positions:
            if position.start is not None:
                known.append((position, position.start.sort_key(), index))
    stale: set[int] = set()
    for index, record in enumerate(records):
        newest = newest_info(record)
        if newest is None:
            continue
        for position, since, owner in known:
            if owner == index or since <= newest:
                continue
            if not any(same_position(position, p) for p in record.positions):
                stale.add(index)
                break
    return stale


def cluster(records: Sequence[ProfileRecord]) -> list[Cluster]:
    """Group every position of every record into jobs (at most one observation per record each).

    Titled observations are grouped first, newest evidence first; observations without a title
    (GitHub's ``company``) then join the current job at their employer, else its newest job.
    """
    seen = [
        Seen(position, index, record.fetched_at)
        for index, record in enumerate(records)
        for position in record.positions
    ]
    seen.sort(key=Seen.evidence_key, reverse=True)
    clusters: list[Cluster] = []
    untitled = [s for s in seen if not title_key(s.position.title)]
    for s in (s for s in seen if title_key(s.position.title)):
        for c in clusters:
            if s.source not in c.sources and same_position(c.merged, s.position):
                c.add(s)
                break
        else:
            clusters.append(Cluster([s]))
    for s in untitled:
        fits = [
            c for c in clusters if s.source not in c.sources and same_position(c.merged, s.position)
        ]
        if fits:
            best = max(fits, key=lambda c: (c.merged.is_current, c.evidence_key()))
            best.add(s)
        else:
            clusters.append(Cluster([s]))
    return clusters


def resolve_current(clusters: Sequence[Cluster], today_month: PartialDate) -> None:
    """Several current jobs at one employer: the most recent evidence wins, the rest end there."""
    by_company: dict[str, list[Cluster]] = {}
    for c in clusters:
        if c.merged.is_current:
            by_company.setdefault(company_key(c.merged.company), []).append(c)
    for group in by_company.values():
        if len(group) < 2:
            continue
        winner = max(group, key=Cluster.evidence_key)
        for c in group:
            if c is not winner and c.evidence_key()[0] < winner.evidence_key()[0]:
                c.merged = ended(c.merged, winner.when(today_month))
                c.superseded = True


def match_stored(clusters: Sequence[Cluster], stored: Sequence[Position]) -> dict[int, int]:
    """Cluster index -> stored position index, each stored position used at most once."""
    order = sorted(
        range(len(clusters)),
        key=lambda i: (clusters[i].merged.is_current, clusters[i].evidence_key()),
        reverse=True,
    )
    taken: set[int] = set()
    out: dict[int, int] = {}
    for ci in order:
        merged = clusters[ci].merged
        fits = [
            si
            for si, position in enumerate(stored)
            if si not in taken and same_position(position, merged)
        ]
        if not fits:
            continue

        def rank(si: int, merged: Position = merged) -> tuple[bool, bool, tuple[int, int, int]]:
            position = stored[si]
            title = title_key(position.title)
            return (
                bool(title) and title == title_key(merged.title),
                position.is_current,
                date_key(position.start),
            )

        best = max(fits, key=rank)
        taken.add(best)
        out[ci] = best
    return out
