"""The domain: candidates, what sources say about people, requisitions and the events between.

Plain frozen dataclasses, no I/O. Each has ``from_dict`` (reading the contract's JSON shapes,
raising :class:`~enrichment.errors.InvalidRecord` that names the field) and ``to_dict``
(writing them back). Dates are :class:`~enrichment.dates.PartialDate`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from enrichment.dates import PartialDate, iso_or_none
from enrichment.errors import InvalidDate, InvalidRecord

#: Profile kinds of the contract (section 4). The last two name many people.
PROFILE_KINDS = ("website", "jsonresume", "orcid", "github", "wikidata", "team_page", "feed")
MANY_PERSON_KINDS = frozenset({"team_page", "feed"})
#: Kinds whose source is an identifier at an API rather than a URL.
IDENTIFIER_KINDS = frozenset({"orcid", "github", "wikidata"})


def _text(value: object) -> str | None:
    """A stripped string, or ``None`` for missing and empty values (GitHub sends ``""``)."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    value = " ".join(value.split())
    return value or None


def _date(data: Mapping[str, Any], key: str, where: str) -> PartialDate | None:
    try:
        return PartialDate.parse(data.get(key))
    except InvalidDate as error:
        raise InvalidRecord(error.reason, where=where, field=key) from None


def _list_of_str(value: object, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise InvalidRecord("expected a list of strings", where=where, field=key)
    out: list[str] = []
    for item in value:
        text = _text(item)
        if text and text not in out:
            out.append(text)
    return tuple(out)


def _list_of_maps(value: object, where: str, key: str) -> list[Mapping[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(v, Mapping) for v in value):
        raise InvalidRecord("expected a list of objects", where=where, field=key)
    return list(value)


def _positions(value: object, where: str) -> tuple[Position, ...]:
    """A record's positions; an entry with neither title nor company is skipped.

    Real exports often hold such empty entries (a date range, a blank row): they say nothing
    about the person, so they are no reason to refuse the whole record.
    """
    out = []
    for i, item in enumerate(_list_of_maps(value, where, "positions")):
        if not _text(item.get("title") or item.get("position")) and not _text(
            item.get("company") or item.get("name")
        ):
            continue
        out.append(Position.from_dict(item, f"{where}: positions[{i}]"))
    return tuple(out)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def format_timestamp(value: datetime) -> str:
    """``2026-11-26T02:14:09Z``: the contract's timestamp form."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_timestamp(value: object, *, where: str = "", key: str = "fetched_at") -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise InvalidRecord(
            f"{value!r} is not an ISO 8601 timestamp", where=where, field=key
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Position:
    """A job held: title at company from start to end (``end`` None means current)."""

    title: str | None
    company: str | None
    start: PartialDate | None = None
    end: PartialDate | None = None
    location: str | None = None
    description: str | None = None

    @property
    def is_current(self) -> bool:
        return self.end is None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "position") -> Position:
        title = _text(data.get("title") or data.get("position"))
        company = _text(data.get("company") or data.get("name"))
        if not title and not company:
            raise InvalidRecord("a position needs a title or a company", where=where)
        return cls(
            title=title,
            company=company,
            start=_date(data, "start", where),
            end=_date(data, "end", where),
            location=_text(data.get("location")),
            description=_text(data.get("description")),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "title": self.title,
            "company": self.company,
            "start": iso_or_none(self.start),
            "end": iso_or_none(self.end),
        }
        if self.location:
            out["location"] = self.location
        if self.description:
            out["description"] = self.description
        return out


@dataclass(frozen=True, slots=True)
class Education:
    institution: str | None
    degree: str | None = None
    area: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "education") -> Education:
        institution = _text(data.get("institution"))
        degree = _text(data.get("degree") or data.get("studyType"))
        if not institution and not degree:
            raise InvalidRecord("an education entry needs an institution or a degree", where=where)
        return cls(
            institution=institution,
            degree=degree,
            area=_text(data.get("area")),
            start=_date(data, "start", where),
            end=_date(data, "end", where),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "institution": self.institution,
            "degree": self.degree,
            "end": iso_or_none(self.end),
        }
        if self.area:
            out["area"] = self.area
        if self.start:
            out["start"] = self.start.isoformat()
        return out


@dataclass(frozen=True, slots=True)
class ProfileRef:
    """Where a candidate can be read: a URL (``website``, ``jsonresume``) or an identifier."""

    kind: str
    url: str | None = None
    id: str | None = None

    @property
    def locator(self) -> str:
        """The identifier for API kinds, else the URL: unique per kind."""
        return (self.id or self.url or "") if self.kind in IDENTIFIER_KINDS else (self.url or "")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "profile") -> ProfileRef:
        kind = _text(data.get("kind"))
        if kind not in PROFILE_KINDS:
            raise InvalidRecord(
                f"unknown profile kind {kind!r} (one of {', '.join(PROFILE_KINDS)})",
                where=where,
                field="kind",
            )
        url, ident = _text(data.get("url")), _text(data.get("id"))
        if not url and not ident:
            raise InvalidRecord("a profile needs a url or an id", where=where)
        if kind not in IDENTIFIER_KINDS and not url:
            raise InvalidRecord(f"a {kind} profile needs a url", where=where, field="url")
        return cls(kind=kind, url=url, id=ident)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.url:
            out["url"] = self.url
        if self.id:
            out["id"] = self.id
        return out


@dataclass(frozen=True, slots=True)
class Application:
    req_id: str
    stage_reached: str | None = None
    closed_at: PartialDate | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "req_id": self.req_id,
            "stage_reached": self.stage_reached,
            "closed_at": iso_or_none(self.closed_at),
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored ATS record: what the company knew about a person."""

    external_id: str
    full_name: str
    emails: tuple[str, ...] = ()
    location: str | None = None
    profiles: tuple[ProfileRef, ...] = ()
    positions: tuple[Position, ...] = ()
    skills: tuple[str, ...] = ()
    education: tuple[Education, ...] = ()
    applications: tuple[Application, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "candidate") -> Candidate:
        if not isinstance(data, Mapping):
            raise InvalidRecord("expected a JSON object", where=where)
        external_id = _text(data.get("external_id"))
        if not external_id:
            raise InvalidRecord("is required", where=where, field="external_id")
        full_name = _text(data.get("full_name"))
        if not full_name:
            raise InvalidRecord("is required", where=where, field="full_name")
        applications = []
        for i, app in enumerate(_list_of_maps(data.get("applications"), where, "applications")):
            req_id = _text(app.get("req_id"))
            if not req_id:
                raise InvalidRecord(
                    "is required", where=f"{where}: applications[{i}]", field="req_id"
                )
            applications.append(
                Application(
                    req_id=req_id,
                    stage_reached=_text(app.get("stage_reached")),
                    closed_at=_date(app, "closed_at", f"{where}: applications[{i}]"),
                )
            )
        return cls(
            external_id=external_id,
            full_name=full_name,
            emails=tuple(e.lower() for e in _list_of_str(data.get("emails"), where, "emails")),
            location=_text(data.get("location")),
            profiles=tuple(
                ProfileRef.from_dict(p, f"{where}: profiles[{i}]")
                for i, p in enumerate(_list_of_maps(data.get("profiles"), where, "profiles"))
            ),
            positions=_positions(data.get("positions"), where),
            skills=_list_of_str(data.get("skills"), where, "skills"),
            education=tuple(
                Education.from_dict(e, f"{where}: education[{i}]")
                for i, e in enumerate(_list_of_maps(data.get("education"), where, "education"))
            ),
            applications=tuple(applications),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "external_id": self.external_id,
            "full_name": self.full_name,
            "emails": list(self.emails),
            "location": self.location,
            "profiles": [p.to_dict() for p in self.profiles],
            "positions": [p.to_dict() for p in self.positions],
            "skills": list(self.skills),
            "education": [e.to_dict() for e in self.education],
            "applications": [a.to_dict() for a in self.applications],
        }


@dataclass(frozen=True, slots=True)
class ProfileRecord:
    """What one source says about one person (contract section 4, "Profile record")."""

    full_name: str
    kind: str = "website"
    profile_id: str | None = None
    url: str | None = None
    location: str | None = None
    identifiers: Mapping[str, str] = field(default_factory=dict)
    positions: tuple[Position, ...] = ()
    skills: tuple[str, ...] = ()
    education: tuple[Education, ...] = ()
    emails: tuple[str, ...] = ()
    fetched_at: datetime | None = None
    #: Short verbatim text from the document that supports the record, for evidence.
    excerpt: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "profile") -> ProfileRecord:
        if not isinstance(data, Mapping):
            raise InvalidRecord("expected a JSON object", where=where)
        full_name = _text(data.get("full_name"))
        if not full_name:
            raise InvalidRecord("is required", where=where, field="full_name")
        kind = _text(data.get("kind")) or "website"
        if kind not in PROFILE_KINDS:
            raise InvalidRecord(f"unknown profile kind {kind!r}", where=where, field="kind")
        identifiers = data.get("identifiers") or {}
        if not isinstance(identifiers, Mapping):
            raise InvalidRecord("expected an object", where=where, field="identifiers")
        return cls(
            full_name=full_name,
            kind=kind,
            profile_id=_text(data.get("profile_id")),
            url=_text(data.get("url")),
            location=_text(data.get("location")),
            identifiers={str(k): str(v) for k, v in identifiers.items() if _text(v)},
            positions=_positions(data.get("positions"), where),
            skills=_list_of_str(data.get("skills"), where, "skills"),
            education=tuple(
                Education.from_dict(e, f"{where}: education[{i}]")
                for i, e in enumerate(_list_of_maps(data.get("education"), where, "education"))
            ),
            emails=tuple(e.lower() for e in _list_of_str(data.get("emails"), where, "emails")),
            fetched_at=parse_timestamp(data.get("fetched_at"), where=where),
            excerpt=_text(data.get("excerpt")),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "profile_id": self.profile_id,
            "kind": self.kind,
            "url": self.url,
            "full_name": self.full_name,
            "location": self.location,
            "identifiers": dict(self.identifiers),
            "positions": [p.to_dict() for p in self.positions],
            "skills": list(self.skills),
            "education": [e.to_dict() for e in self.education],
            "fetched_at": format_timestamp(self.fetched_at) if self.fetched_at else None,
        }
        if self.emails:
            out["emails"] = list(self.emails)
        if self.excerpt:
            out["excerpt"] = self.excerpt
        return out


@dataclass(frozen=True, slots=True)
class Requisition:
    """An open (or closed) role. ``level`` None means: classify it from the title."""

    req_id: str
    title: str
    level: int | None = None
    min_years: float = 0.0
    skills: tuple[str, ...] = ()
    location: str | None = None
    status: str = "open"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "requisition") -> Requisition:
        req_id = _text(data.get("req_id"))
        if not req_id:
            raise InvalidRecord("is required", where=where, field="req_id")
        title = _text(data.get("title"))
        if not title:
            raise InvalidRecord("is required", where=where, field="title")
        level_raw: Any = data.get("level")
        years_raw: Any = data.get("min_years")
        try:
            level = int(level_raw) if level_raw not in (None, "") else None
        except (TypeError, ValueError):
            raise InvalidRecord(
                f"{level_raw!r} is not a level 0-8", where=where, field="level"
            ) from None
        if level is not None and not 0 <= level <= 8:
            raise InvalidRecord(f"{level} is not a level 0-8", where=where, field="level")
        try:
            min_years = float(years_raw) if years_raw not in (None, "") else 0.0
        except (TypeError, ValueError):
            raise InvalidRecord(
                f"{years_raw!r} is not a number", where=where, field="min_years"
            ) from None
        if min_years < 0:
            raise InvalidRecord("must not be negative", where=where, field="min_years")
        status = (_text(data.get("status")) or "open").lower()
        if status not in ("open", "closed"):
            raise InvalidRecord(f"{status!r} is not open or closed", where=where, field="status")
        skills = data.get("skills")
        if isinstance(skills, str):
            skills = [s for s in skills.split(";")]
        return cls(
            req_id=req_id,
            title=title,
            level=level,
            min_years=min_years,
            skills=_list_of_str(skills, where, "skills"),
            location=_text(data.get("location")),
            status=status,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "req_id": self.req_id,
            "title": self.title,
            "level": self.level,
            "min_years": self.min_years,
            "skills": list(self.skills),
            "location": self.location,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class Seniority:
    """A title placed on the contract's scale (section 5), with the rules that decided it."""

    level: int
    level_name: str
    track: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str
    url: str | None
    fetched_at: datetime | None
    excerpt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "url": self.url,
            "fetched_at": format_timestamp(self.fetched_at) if self.fetched_at else None,
            "excerpt": self.excerpt,
        }


EVENT_TYPES = (
    "job_change",
    "promotion",
    "title_change",
    "left_company",
    "new_skill",
    "new_education",
    "profile_gone",
)


@dataclass(frozen=True, slots=True)
class Change:
    """A change the diff engine found, before it is stored as an event.

    ``fingerprint`` identifies the change itself (not the evidence): the same change seen again,
    from any source, has the same fingerprint, so it is stored once.
    """

    type: str
    fingerprint: str
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None
    leveled_up: bool = False
    years_experience: Mapping[str, float | None] = field(default_factory=dict)
    qualifies_for: tuple[Mapping[str, Any], ...] = ()
    evidence: tuple[Evidence, ...] = ()


def dedupe(values: Iterable[str]) -> tuple[str, ...]:
    """Keep the first of each value, compared case-insensitively."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return tuple(out)
