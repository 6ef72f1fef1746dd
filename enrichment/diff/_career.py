"""Job events: what the reconciled pages say about a person's jobs against the stored ones.

The rules are listed in :mod:`enrichment.diff.engine` (point 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from enrichment.companies import company_key
from enrichment.dates import PartialDate
from enrichment.diff._evidence import Found, fingerprint, newest_first, position_evidence
from enrichment.diff._positions import date_key, ended, level_of, merge_into, title_key, view
from enrichment.diff._reconcile import Cluster, cluster, match_stored, resolve_current
from enrichment.model import Candidate, Evidence, Position, ProfileRecord


def _company_evidence(
    records: Sequence[ProfileRecord],
    clusters: Sequence[Cluster],
    main: Cluster,
    older: Sequence[ProfileRecord] = (),
) -> tuple[Evidence, ...]:
    """A job's evidence: its own documents, all others naming the employer, older pages too."""
    key = company_key(main.merged.company)
    items = [position_evidence(records[s.source], s.position) for s in main.seen]
    for other in clusters:
        if other is not main and company_key(other.merged.company) == key:
            items += [position_evidence(records[s.source], s.position) for s in other.seen]
    for record in older:
        items += [
            position_evidence(record, p) for p in record.positions if company_key(p.company) == key
        ]
    return newest_first(items)


def _sources_at(clusters: Sequence[Cluster], key: str) -> set[int]:
    return {s for c in clusters if company_key(c.merged.company) == key for s in c.sources}


def _primary(positions: Sequence[Position]) -> Position | None:
    """The job that best stands for a set: latest ended, then latest started, then highest."""
    if not positions:
        return None
    return max(
        positions,
        key=lambda p: (date_key(p.end), date_key(p.start), level_of(p) or -1),
    )


class Career:
    """One candidate's job events for one run; ``found`` and ``positions()`` after ``run()``."""

    def __init__(
        self,
        stored: Candidate,
        records: Sequence[ProfileRecord],
        today: date,
        older: Sequence[ProfileRecord] = (),
    ) -> None:
        self.stored = stored
        self.records = records
        self.older = older
        self.today_month = PartialDate(today.year, today.month)
        self.updated: list[Position] = list(stored.positions)
        self.added: list[Position] = []
        self.found: list[Found] = []

    def run(self) -> None:
        stored = self.stored.positions
        self.clusters = cluster(self.records)
        resolve_current(self.clusters, self.today_month)
        self.matched = match_stored(self.clusters, stored)
        self.current_idx = [i for i, p in enumerate(stored) if p.is_current]
        self.web_current: set[str] = set()  # employers with a current job on the web, accepted
        self.claimed: set[str] = set()  # ... or claimed, accepted or not
        self.ended_by_web: dict[int, Cluster] = {}
        new_jobs: list[Cluster] = []
        names = {company_key(p.company): p.company for p in stored if p.company}
        for ci, c in enumerate(self.clusters):
            key = company_key(c.merged.company)
            if key in names and c.merged.company != names[key]:
                c.merged = replace(c.merged, company=names[key])  # the employer as stored
            if c.merged.is_current:
                self.claimed.add(key)
            if ci in self.matched:
                self._known_job(self.matched[ci], c)
            elif not c.merged.is_current:
                self.added.append(c.merged)  # history learned late
            elif self._new_current_job(c):
                new_jobs.append(c)
        if new_jobs:
            self._job_changes(new_jobs)
        else:
            self._left()

    def _known_job(self, si: int, c: Cluster) -> None:
        """A stored job seen again: brought up to date; retitled in place, or ended."""
        before = self.stored.positions[si]
        now = merge_into(before, c.merged)
        self.updated[si] = now
        if before.is_current and now.is_current:
            self.web_current.add(company_key(now.company))
            was, is_ = title_key(before.title), title_key(c.merged.title)
            if was and is_ and was != is_:
                self._retitle(before, now, c, dated=True)
        elif before.is_current:
            self.ended_by_web[si] = c

    def _new_current_job(self, c: Cluster) -> bool:
        """A current job the record does not have. True: a job change (decided by the caller)."""
        stored, m = self.stored.positions, c.merged
        key = company_key(m.company)
        here = [i for i in self.current_idx if company_key(stored[i].company) == key]
        if here:
            self._new_title_here(c, here)
            return False
        left_here = [p.end.sort_key() for p in stored if company_key(p.company) == key and p.end]
        if left_here:
            if m.start is None or m.start.sort_key() < max(left_here):
                return False  # a page still showing a job the record knows has ended
        elif m.start is not None:
            begun = m.start.sort_key()
            starts = [stored[i].start for i in self.current_idx]
            if any(s is not None and begun < s.sort_key() for s in starts):
                self.added.append(m)  # a concurrent role learned late: no event
                self.web_current.add(key)
                return False
        self.added.append(m)
        self.web_current.add(key)
        return True

    def _new_title_here(self, c: Cluster, here: Sequence[int]) -> None:
        """A new current title at a stored current employer: promotion or title change."""
        stored, m = self.stored.positions, c.merged
        latest = max((stored[i] for i in here), key=lambda p: date_key(p.start))
        if not title_key(m.title) or title_key(m.title) == title_key(latest.title):
            return
        dated = m.start is not None and latest.start is not None
        if dated and date_key(m.start) < date_key(latest.start):
            return  # an older title at the same employer
        if not self._retitle(latest, m, c, dated=dated):
            return
        self.added.append(m)
        self.web_current.add(company_key(m.company))
        seen_current = {
            si for ci, si in self.matched.items() if self.clusters[ci].merged.is_current
        }
        for i in here:
            if self.updated[i].is_current and i not in seen_current:
                self.updated[i] = ended(self.updated[i], c.when(self.today_month))

    def _retitle(
        self,
        before: Position,
        after: Position,
        c: Cluster,
        *,
        dated: bool,
    ) -> bool:
        """A new title at a current employer: promotion or title change. False: ignored."""
        was, now = level_of(before), level_of(after)
        if was is not None and now is not None and now > was:
            kind = "promotion"
        elif was is not None and now is not None and now < was and not dated:
            return False
        else:
            kind = "title_change"
        key = company_key(after.company)
        self.found.append(
            Found(
                type=kind,
                fingerprint=fingerprint(kind, key, title_key(after.title)),
                before=view(before),
                after=view(after, start=True),
                evidence=_company_evidence(self.records, self.clusters, c, self.older),
                sources=c.sources,
            )
        )
        return True

    def _job_changes(self, new_jobs: Sequence[Cluster]) -> None:
        """One ``job_change`` per new employer; the stored jobs it replaces end with it.

        Replaced: stored current jobs at employers no page still shows (or claims) current. Those
        the web did not end itself end when the (first) new job began. ``before`` is the
        replaced job that ended last; else the stored current job; else the last job left.
        """
        stored = self.stored.positions
        still_current = self.web_current | self.claimed
        when = min((c.when(self.today_month) for c in new_jobs), key=lambda d: d.sort_key())
        replaced: list[int] = []
        for i in self.current_idx:
            if company_key(stored[i].company) in still_current:
                continue
            if i not in self.ended_by_web and self.updated[i].is_current:
                self.updated[i] = ended(self.updated[i], when)
            replaced.append(i)
        last = max(
            replaced,
            key=lambda i: (date_key(self.updated[i].end), date_key(stored[i].start)),
            default=None,
        )
        before = (
            stored[last]
            if last is not None
            else _primary([stored[i] for i in self.current_idx])
            or _primary([p for p in stored if p.end is not None])
        )
        for c in new_jobs:
            key = company_key(c.merged.company)
            stints = sum(1 for p in stored if company_key(p.company) == key)
            self.found.append(
                Found(
                    type="job_change",
                    fingerprint=fingerprint("job_change", key, f"stint {stints}"),
                    before=view(before) if before is not None else None,
                    after=view(c.merged, start=True),
                    evidence=_company_evidence(self.records, self.clusters, c, self.older),
                    sources=c.sources | _sources_at(self.clusters, key),
                )
            )

    def _left(self) -> None:
        """``left_company`` for stored current jobs the web ended, with none left there."""
        stored, ended_by_web = self.stored.positions, self.ended_by_web
        still = {company_key(p.company) for p in (*self.updated, *self.added) if p.is_current}
        by_company: dict[str, list[int]] = {}
        for i in ended_by_web:
            key = company_key(stored[i].company)
            if key not in still:
                by_company.setdefault(key, []).append(i)
        for key, indexes in by_company.items():
            i = max(indexes, key=lambda j: date_key(stored[j].start))
            now, c = self.updated[i], ended_by_web[i]
            end = now.end.isoformat() if now.end else ""
            self.found.append(
                Found(
                    type="left_company",
                    fingerprint=fingerprint("left_company", key, end[:4]),
                    before=view(stored[i]),
                    after=view(now, start=True, end=True),
                    evidence=_company_evidence(self.records, self.clusters, c, self.older),
                    sources=c.sources,
                )
            )

    def positions(self) -> tuple[Position, ...]:
        """The stored jobs in their order, brought up to date, then the new ones, newest first."""
        added = sorted(self.added, key=lambda p: (p.is_current, date_key(p.start)), reverse=True)
        return (*self.updated, *added)
