"""Candidates: the ATS records, their facts and profile sources.

Upsert semantics (``medalist import``, ``PUT /v1/candidates``): the import is the ATS truth for
the fields it gives. An upsert sets name, location and e-mails, replaces the applications and
the ATS-provenance positions, skills and education (rows with ``source_kind`` NULL), and
reconciles the ATS profile sources (``origin='ats'``: new ones are added, ones no longer listed
are removed, kept ones keep their freshness state). Facts and sources found by crawling are
kept. A record whose hash equals the last imported one is left untouched (no ``updated_at``
churn), so re-importing the same file changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import (
    Connection,
    Select,
    bindparam,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, selectinload

from enrichment.dates import PartialDate, iso_or_none
from enrichment.model import Application, Candidate, Education, Position, ProfileRef
from storage.models import (
    ApplicationRow,
    CandidateRow,
    EducationRow,
    PositionRow,
    SkillRow,
    SourceRow,
)
from storage.repositories._common import (
    Classifier,
    Outcome,
    Provenance,
    chunked,
    content_hash,
    utcnow,
)

_CHILDREN = (
    selectinload(CandidateRow.positions),
    selectinload(CandidateRow.skills),
    selectinload(CandidateRow.education),
    selectinload(CandidateRow.applications),
    selectinload(CandidateRow.sources),
)


class RefreshState(NamedTuple):
    """How fresh a stored candidate is (:meth:`CandidateRepository.refresh_state`)."""

    id: int
    external_id: str
    may_process: bool
    updated_at: datetime
    last_refreshed_at: datetime | None


def _date(text: str | None) -> PartialDate | None:
    return PartialDate.parse(text) if text else None


def _provenance_values(provenance: Provenance | None) -> dict[str, Any]:
    return {
        "source_kind": provenance.kind if provenance else None,
        "source_url": provenance.url if provenance else None,
        "fetched_at": provenance.fetched_at if provenance else None,
    }


def _education_values(education: Education, provenance: Provenance | None) -> dict[str, Any]:
    return dict(
        institution=education.institution,
        degree=education.degree,
        area=education.area,
        start=iso_or_none(education.start),
        end=iso_or_none(education.end),
        **_provenance_values(provenance),
    )


@dataclass(frozen=True)
class CandidateFacts:
    """A stored candidate as plain rows; its columns read as attributes, like a
    :class:`CandidateRow`'s."""

    candidate: Any
    positions: list[Any]
    skills: list[Any]
    education: list[Any]
    sources: list[Any]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.candidate, name)


def _facts_statements() -> tuple[Select[Any], list[Select[Any]]]:
    """Built once: a statement object reused keeps its cache key (no per-call rebuild)."""
    candidate = select(CandidateRow.__table__).where(
        CandidateRow.external_id == bindparam("external_id")
    )
    children = []
    for model in (PositionRow, SkillRow, EducationRow, SourceRow):
        table: Any = model.__table__
        children.append(
            select(table)
            .where(table.c.candidate_id == bindparam("candidate_id"))
            .order_by(table.c.id)
        )
    return candidate, children


FACTS_STATEMENTS = _facts_statements()


def read_facts(connection: Connection, external_id: str) -> CandidateFacts | None:
    """The candidate's columns, positions, skills, education and sources as plain rows (Core
    selects on ``connection``, no ORM objects: the API's record read)."""
    by_external_id, children = FACTS_STATEMENTS
    candidate = connection.execute(by_external_id, {"external_id": external_id}).first()
    if candidate is None:
        return None
    rows = [
        list(connection.execute(stmt, {"candidate_id": candidate.id}).all()) for stmt in children
    ]
    return CandidateFacts(candidate, *rows)


class CandidateRepository:
    def __init__(self, session: Session, classify: Classifier | None = None) -> None:
        self.session = session
        self.classify = classify

    # -- reading -----------------------------------------------------------------------------

    def get_row(self, external_id: str) -> CandidateRow | None:
        return self.session.scalar(
            select(CandidateRow).where(CandidateRow.external_id == external_id)
        )

    def get_row_by_id(self, candidate_id: int) -> CandidateRow | None:
        return self.session.get(CandidateRow, candidate_id)

    def get(self, external_id: str) -> Candidate | None:
        """The stored record as a domain :class:`Candidate` (all facts, ATS and crawled)."""
        row = self.get_row(external_id)
        return self.to_domain(row) if row is not None else None

    def ids_for(self, external_ids: Iterable[str]) -> dict[str, int]:
        """Database ids of the given external ids that are stored."""
        wanted = list(dict.fromkeys(external_ids))
        if not wanted:
            return {}
        rows = self.session.execute(
            select(CandidateRow.external_id, CandidateRow.id).where(
                CandidateRow.external_id.in_(wanted)
            )
        )
        return {external_id: id_ for external_id, id_ in rows}

    def external_ids_of(self, candidate_ids: Sequence[int]) -> dict[int, str]:
        """External ids of the given database ids that are stored."""
        found: dict[int, str] = {}
        for chunk in chunked(list(candidate_ids)):
            rows = self.session.execute(
                select(CandidateRow.id, CandidateRow.external_id).where(CandidateRow.id.in_(chunk))
            )
            found.update({id_: external_id for id_, external_id in rows})
        return found

    def applied_to(self, req_id: str) -> set[int]:
        """Database ids of the candidates with an application to ``req_id``."""
        rows = self.session.scalars(
            select(ApplicationRow.candidate_id).where(ApplicationRow.req_id == req_id)
        )
        return set(rows)

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(CandidateRow)) or 0

    def iter_active(self, batch_size: int = 1000) -> Iterator[Candidate]:
        """Every candidate who has not opted out, as domain records, read in batches by id
        (what the matcher indexes to link entries of many-person sources). It empties the
        session between batches to keep memory flat: use it in a unit of work of its own."""
        last_id = 0
        while True:
            rows = list(
                self.session.scalars(
                    select(CandidateRow)
                    .where(CandidateRow.may_process, CandidateRow.id > last_id)
                    .order_by(CandidateRow.id)
                    .limit(batch_size)
                    .options(*_CHILDREN)
                )
            )
            if not rows:
                return
            for row in rows:
                yield self.to_domain(row)
            last_id = rows[-1].id
            self.session.expunge_all()

    def opted_out(self) -> list[Candidate]:
        """Everyone who may not be processed (they objected), as domain records: what a run
        recognises, and drops, in the entries of many-person sources."""
        rows = self.session.scalars(
            select(CandidateRow)
            .where(~CandidateRow.may_process)
            .order_by(CandidateRow.id)
            .options(*_CHILDREN)
        )
        return [self.to_domain(row) for row in rows]

    @staticmethod
    def to_domain(row: CandidateRow, *, ats_only: bool = False) -> Candidate:
        """A row as a domain :class:`Candidate`; ``ats_only`` keeps just the imported facts."""

        def keep(fact: PositionRow | SkillRow | EducationRow) -> bool:
            return not ats_only or fact.source_kind is None

        return Candidate(
            external_id=row.external_id,
            full_name=row.full_name,
            emails=tuple(row.emails or ()),
            location=row.location,
            profiles=tuple(
                ProfileRef(kind=s.kind, url=s.url, id=s.identifier)
                for s in row.sources
                if not ats_only or s.origin == "ats"
            ),
            positions=tuple(
                Position(
                    title=p.title,
                    company=p.company,
                    start=_date(p.start),
                    end=_date(p.end),
                    location=p.location,
                    description=p.description,
                )
                for p in row.positions
                if keep(p)
            ),
            skills=tuple(s.name for s in row.skills if keep(s)),
            education=tuple(
                Education(
                    institution=e.institution,
                    degree=e.degree,
                    area=e.area,
                    start=_date(e.start),
                    end=_date(e.end),
                )
                for e in row.education
                if keep(e)
            ),
            applications=tuple(
                Application(a.req_id, a.stage_reached, _date(a.closed_at)) for a in row.applications
            ),
        )

    def active(self, limit: int | None = None) -> list[CandidateRow]:
        """Everyone not opted out, due or not (``medalist run --all``), longest-waiting first."""
        stmt = self._active().options(selectinload(CandidateRow.sources))
        if limit is not None:
            stmt = stmt.limit(limit)
        return list(self.session.scalars(stmt))

    def due(self, now: datetime, refresh_days: int, limit: int | None = None) -> list[CandidateRow]:
        """Candidates to refresh: not opted out, and never refreshed, or with a source not
        verified within ``refresh_days`` (or never), or with a refresh requested through the
        API (``refresh_requested_at``) since their last refresh. Longest-waiting first."""
        stmt = self._due(now, refresh_days).options(selectinload(CandidateRow.sources))
        if limit is not None:
            stmt = stmt.limit(limit)
        return list(self.session.scalars(stmt))

    def chosen(
        self, now: datetime, refresh_days: int, *, everyone: bool = False, limit: int | None = None
    ) -> list[tuple[int, str]]:
        """``(id, external_id)`` of :meth:`due` (or :meth:`active` with ``everyone``), in the
        same order, without loading any row: what a night's plan needs of 100,000 people."""
        rows = self._active() if everyone else self._due(now, refresh_days)
        stmt = rows.with_only_columns(CandidateRow.id, CandidateRow.external_id)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [(int(row.id), str(row.external_id)) for row in self.session.execute(stmt)]

    @staticmethod
    def _active() -> Select[CandidateRow]:
        return (
            select(CandidateRow)
            .where(CandidateRow.may_process)
            .order_by(CandidateRow.last_refreshed_at.asc().nulls_first(), CandidateRow.id)
        )

    @staticmethod
    def _due(now: datetime, refresh_days: int) -> Select[CandidateRow]:
        stale_before = now - timedelta(days=refresh_days)
        stale_source = exists().where(
            SourceRow.candidate_id == CandidateRow.id,
            or_(SourceRow.last_verified_at.is_(None), SourceRow.last_verified_at < stale_before),
        )
        return (
            select(CandidateRow)
            .where(
                CandidateRow.may_process,
                or_(
                    CandidateRow.last_refreshed_at.is_(None),
                    stale_source,
                    CandidateRow.refresh_requested_at > CandidateRow.last_refreshed_at,
                ),
            )
            .order_by(
                # asked-for refreshes first
                (CandidateRow.refresh_requested_at > CandidateRow.last_refreshed_at).is_not(True),
                CandidateRow.last_refreshed_at.asc().nulls_first(),
                CandidateRow.id,
            )
        )

    # -- writing -----------------------------------------------------------------------------

    def upsert(self, candidate: Candidate, now: datetime | None = None) -> Outcome:
        return self.upsert_many([candidate], now)[candidate.external_id]

    def upsert_many(
        self, candidates: Iterable[Candidate], now: datetime | None = None
    ) -> dict[str, Outcome]:
        """Upsert a batch by ``external_id`` (a later duplicate in the batch wins)."""
        now = now or utcnow()
        latest: dict[str, Candidate] = {c.external_id: c for c in candidates}
        if not latest:
            return {}
        hashes = {eid: content_hash(c.to_dict()) for eid, c in latest.items()}
        stored = self.session.execute(
            select(CandidateRow.external_id, CandidateRow.ats_hash).where(
                CandidateRow.external_id.in_(list(latest))
            )
        ).all()
        stored_hash = {eid: h for eid, h in stored}
        outcomes: dict[str, Outcome] = {}
        changed = [eid for eid in stored_hash if stored_hash[eid] != hashes[eid]]
        if changed:
            rows = self.session.scalars(
                select(CandidateRow)
                .where(CandidateRow.external_id.in_(changed))
                .options(*_CHILDREN)
            )
            for row in rows:
                self._apply(row, latest[row.external_id], hashes[row.external_id], now)
                outcomes[row.external_id] = "updated"
        new = {eid: c for eid, c in latest.items() if eid not in stored_hash}
        for eid in latest:
            outcomes.setdefault(eid, "created" if eid in new else "unchanged")
        if new:
            self._create_many(new, hashes, now)
        self.session.flush()
        return outcomes

    def _apply(self, row: CandidateRow, candidate: Candidate, digest: str, now: datetime) -> None:
        row.full_name = candidate.full_name
        if row.location != candidate.location:
            row.location_source_kind = row.location_source_url = None
            row.location_fetched_at = None
        row.location = candidate.location
        row.emails = list(candidate.emails)
        row.ats_hash = digest
        row.updated_at = now
        row.positions = [p for p in row.positions if p.source_kind is not None] + [
            self._position_row(p, None) for p in candidate.positions
        ]
        row.skills = [s for s in row.skills if s.source_kind is not None] + [
            SkillRow(name=s) for s in candidate.skills
        ]
        row.education = [e for e in row.education if e.source_kind is not None] + [
            self._education_row(e, None) for e in candidate.education
        ]
        row.applications = [
            ApplicationRow(
                req_id=a.req_id, stage_reached=a.stage_reached, closed_at=iso_or_none(a.closed_at)
            )
            for a in candidate.applications
        ]
        self._reconcile_sources(row, candidate.profiles)

    @staticmethod
    def _reconcile_sources(row: CandidateRow, profiles: Sequence[ProfileRef]) -> None:
        wanted = {(p.kind, p.locator): p for p in profiles if p.locator}
        kept: list[SourceRow] = []
        for source in row.sources:
            key = (source.kind, source.locator)
            if key in wanted:
                source.origin = "ats"
                wanted.pop(key)
                kept.append(source)
            elif source.origin != "ats":
                kept.append(source)
        for (kind, locator), ref in wanted.items():
            kept.append(
                SourceRow(kind=kind, url=ref.url, identifier=ref.id, locator=locator, origin="ats")
            )
        row.sources = kept

    def _create_many(
        self, new: dict[str, Candidate], hashes: dict[str, str], now: datetime
    ) -> None:
        """Insert new candidates and their facts with Core executemany statements (no ORM
        objects: a batch of a thousand costs one INSERT per table)."""
        connection = self.session.connection()
        result = connection.execute(
            # rows come back in any order: they are matched by the unique external_id
            insert(CandidateRow).returning(CandidateRow.id, CandidateRow.external_id),
            [
                {
                    "external_id": eid,
                    "full_name": c.full_name,
                    "location": c.location,
                    "emails": list(c.emails),
                    "opted_out": False,
                    "ats_hash": hashes[eid],
                    "created_at": now,
                    "updated_at": now,
                }
                for eid, c in new.items()
            ],
        )
        ids = {eid: id_ for id_, eid in result}
        children: dict[type, list[dict[str, Any]]] = {
            PositionRow: [],
            SkillRow: [],
            EducationRow: [],
            ApplicationRow: [],
            SourceRow: [],
        }
        for eid, c in new.items():
            cid = ids[eid]
            for p in c.positions:
                children[PositionRow].append(
                    {"candidate_id": cid, **self._position_values(p, None)}
                )
            for name in c.skills:
                children[SkillRow].append({"candidate_id": cid, "name": name})
            for e in c.education:
                children[EducationRow].append({"candidate_id": cid, **_education_values(e, None)})
            for a in c.applications:
                children[ApplicationRow].append(
                    {
                        "candidate_id": cid,
                        "req_id": a.req_id,
                        "stage_reached": a.stage_reached,
                        "closed_at": iso_or_none(a.closed_at),
                    }
                )
            seen: set[tuple[str, str]] = set()
            for ref in c.profiles:
                key = (ref.kind, ref.locator)
                if ref.locator and key not in seen:
                    seen.add(key)
                    children[SourceRow].append(
                        {
                            "candidate_id": cid,
                            "kind": ref.kind,
                            "url": ref.url,
                            "identifier": ref.id,
                            "locator": ref.locator,
                            "origin": "ats",
                            "created_at": now,
                        }
                    )
        for model, values in children.items():
            if values:
                # with RETURNING, SQLAlchemy sends multi-row VALUES statements
                # ("insertmanyvalues") on both backends instead of a row-by-row executemany
                connection.execute(insert(model).returning(model.id), values)  # type: ignore[attr-defined]

    def _position_values(self, position: Position, provenance: Provenance | None) -> dict[str, Any]:
        seniority = (
            self.classify(position.title, position.company)
            if self.classify is not None and position.title
            else None
        )
        return dict(
            title=position.title,
            company=position.company,
            start=iso_or_none(position.start),
            end=iso_or_none(position.end),
            is_current=position.is_current,
            level=seniority.level if seniority else None,
            level_name=seniority.level_name if seniority else None,
            track=seniority.track if seniority else None,
            location=position.location,
            description=position.description,
            **_provenance_values(provenance),
        )

    def _position_row(self, position: Position, provenance: Provenance | None) -> PositionRow:
        return PositionRow(**self._position_values(position, provenance))

    @staticmethod
    def _education_row(education: Education, provenance: Provenance | None) -> EducationRow:
        return EducationRow(**_education_values(education, provenance))

    def replace_facts(
        self,
        candidate_id: int,
        *,
        positions: Sequence[tuple[Position, Provenance | None]] | None = None,
        skills: Sequence[tuple[str, Provenance | None]] | None = None,
        education: Sequence[tuple[Education, Provenance | None]] | None = None,
        location: str | None = None,
        location_provenance: Provenance | None = None,
        now: datetime | None = None,
    ) -> CandidateRow:
        """Bring a record up to date after a crawl: each list given replaces all facts of its
        kind (``None`` leaves that kind alone). A fact with provenance ``None`` is an ATS fact.
        ``location``, when given and different from the stored one, replaces it, with
        ``location_provenance`` saying where it came from."""
        row = self.session.get(CandidateRow, candidate_id)
        if row is None:
            raise LookupError(f"no candidate with id {candidate_id}")
        if positions is not None:
            row.positions = [self._position_row(p, prov) for p, prov in positions]
        if skills is not None:
            row.skills = [SkillRow(name=name, **_provenance_values(prov)) for name, prov in skills]
        if education is not None:
            row.education = [self._education_row(e, prov) for e, prov in education]
        if location is not None and location != row.location:
            row.location = location
            provenance = _provenance_values(location_provenance)
            row.location_source_kind = provenance["source_kind"]
            row.location_source_url = provenance["source_url"]
            row.location_fetched_at = provenance["fetched_at"]
        row.updated_at = now or utcnow()
        self.session.flush()
        return row

    def mark_refreshed(self, candidate_id: int, now: datetime | None = None) -> None:
        self.session.execute(
            update(CandidateRow)
            .where(CandidateRow.id == candidate_id)
            .values(last_refreshed_at=now or utcnow())
        )

    def refresh_state(self, external_ids: Sequence[str]) -> list[RefreshState]:
        """Freshness of many candidates, without loading their facts (a quiet night's check)."""
        out: list[RefreshState] = []
        for chunk in chunked(external_ids):
            rows = self.session.execute(
                select(
                    CandidateRow.id,
                    CandidateRow.external_id,
                    CandidateRow.may_process,
                    CandidateRow.updated_at,
                    CandidateRow.last_refreshed_at,
                ).where(CandidateRow.external_id.in_(chunk))
            )
            out += [RefreshState(*row) for row in rows]
        return out

    def mark_refreshed_many(self, candidate_ids: Sequence[int], now: datetime) -> None:
        for chunk in chunked(candidate_ids):
            self.session.execute(
                update(CandidateRow).where(CandidateRow.id.in_(chunk)).values(last_refreshed_at=now)
            )

    def request_refresh(self, external_id: str, now: datetime | None = None) -> bool:
        """Queue a refresh: the next run's :meth:`due` includes the candidate (requested ones
        first). False when there is no such candidate."""
        result = self.session.execute(
            update(CandidateRow)
            .where(CandidateRow.external_id == external_id)
            .values(refresh_requested_at=now or utcnow())
        )
        return bool(getattr(result, "rowcount", 0))

    def set_opted_out(
        self, external_id: str, opted_out: bool = True, now: datetime | None = None
    ) -> bool:
        """Stop (or resume) processing a person. False when there is no such candidate."""
        result = self.session.execute(
            update(CandidateRow)
            .where(CandidateRow.external_id == external_id)
            .values(opted_out=opted_out, opted_out_at=(now or utcnow()) if opted_out else None)
        )
        return bool(getattr(result, "rowcount", 0))

    def delete(self, external_id: str) -> bool:
        """Delete a candidate and everything hanging off it (facts, sources, matches, events)."""
        row = self.get_row(external_id)
        if row is None:
            return False
        self.session.delete(row)
        self.session.flush()
        return True
