"""Request and response models of the services and the API (pydantic).

They are the outside shapes: the contract's event (section 6), a candidate's record with the
provenance of each fact, the review queue, requisitions, runs and webhooks. Built from the
storage rows by the services; never handed to ``storage`` or ``enrichment``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from enrichment.model import EVENT_TYPES

#: The contract's event types (the same as :data:`enrichment.model.EVENT_TYPES`, spelled out
#: for the OpenAPI schema; a test keeps the two equal).
EventType = Literal[
    "job_change",
    "promotion",
    "title_change",
    "left_company",
    "new_skill",
    "new_education",
    "profile_gone",
]
EventStatus = Literal["new", "acked", "dismissed"]

EVENT_EXAMPLE: dict[str, Any] = {
    "id": "evt_01JDQ6Z3YV4N8M2K7R5T9W0XAB",
    "type": "promotion",
    "leveled_up": True,
    "candidate": {"external_id": "ats-123", "full_name": "Ada Lovelace"},
    "before": {"title": "Software Engineer", "company": "Acme", "level": 2, "level_name": "mid"},
    "after": {
        "title": "Senior Software Engineer",
        "company": "Acme",
        "level": 3,
        "level_name": "senior",
        "start": "2025-01",
    },
    "years_experience": {"before": 4.2, "after": 6.0},
    "qualifies_for": [{"req_id": "R-9", "title": "Senior Backend Engineer", "level": 3}],
    "evidence": [
        {
            "kind": "jsonresume",
            "url": "https://ada.example/resume.json",
            "fetched_at": "2026-11-26T02:14:09Z",
            "excerpt": "Senior Software Engineer, Acme, 2025-01",
        }
    ],
    "match": {"score": 0.97, "method": "profile_url"},
    "detected_at": "2026-11-26T02:14:11Z",
    "status": "new",
}


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CandidateRef(BaseModel):
    external_id: str
    full_name: str


class MatchInfo(BaseModel):
    score: float | None = None
    method: str | None = None


class YearsExperience(BaseModel):
    before: float | None = None
    after: float | None = None


class Event(BaseModel):
    """An event as contract section 6 shows it, with its current ``status``."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [EVENT_EXAMPLE]})

    id: str = Field(description="stable: the same change has the same id everywhere")
    type: str = Field(description="one of " + ", ".join(EVENT_TYPES))
    leveled_up: bool
    candidate: CandidateRef
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    years_experience: YearsExperience = Field(default_factory=YearsExperience)
    qualifies_for: list[dict[str, Any]] = Field(default_factory=list)
    evidence: list[dict[str, Any]] = Field(default_factory=list)
    match: MatchInfo | None = None
    detected_at: str
    status: EventStatus = "new"


class EventPage(_Out):
    """One page of the feed, oldest first. Pass ``next_cursor`` as ``cursor`` for the next
    page; on an empty page it is the cursor given (poll again later with it)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"events": [EVENT_EXAMPLE], "next_cursor": "0.1", "has_more": False}]
        },
    )

    events: list[Event]
    next_cursor: str | None = Field(description="the cursor of the next page")
    has_more: bool = Field(description="true when the next page is known to be non-empty now")


class Provenance(BaseModel):
    kind: str = Field(description="'ats' for the import, else the source kind")
    url: str | None = None
    fetched_at: str | None = None


class PositionOut(BaseModel):
    title: str | None
    company: str | None
    start: str | None
    end: str | None
    level: int | None
    level_name: str | None
    track: str | None
    provenance: Provenance


class SkillOut(BaseModel):
    name: str
    provenance: Provenance


class EducationOut(BaseModel):
    institution: str | None
    degree: str | None
    end: str | None
    provenance: Provenance


class SourceOut(BaseModel):
    kind: str
    url: str | None
    identifier: str | None
    last_verified_at: str | None
    last_fetched_at: str | None
    last_status: str | None
    last_error: str | None


class CandidateRecord(BaseModel):
    """A stored candidate: facts with levels and provenance, sources, events."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "external_id": "ats-123",
                    "full_name": "Ada Lovelace",
                    "location": "London, UK",
                    "emails": ["ada@example.com"],
                    "opted_out": False,
                    "level": 3,
                    "last_refreshed_at": "2026-11-26T02:14:11Z",
                    "positions": [
                        {
                            "title": "Senior Software Engineer",
                            "company": "Acme",
                            "start": "2025-01",
                            "end": None,
                            "level": 3,
                            "level_name": "senior",
                            "track": "ic",
                            "provenance": {
                                "kind": "jsonresume",
                                "url": "https://ada.example/resume.json",
                                "fetched_at": "2026-11-26T02:14:09Z",
                            },
                        }
                    ],
                    "skills": [{"name": "python", "provenance": {"kind": "ats"}}],
                    "education": [],
                    "sources": [
                        {
                            "kind": "jsonresume",
                            "url": "https://ada.example/resume.json",
                            "identifier": None,
                            "last_verified_at": "2026-11-26T02:14:09Z",
                            "last_fetched_at": "2026-11-26T02:14:09Z",
                            "last_status": "ok",
                            "last_error": None,
                        }
                    ],
                    "events_feed": "/v1/events?candidate=ats-123",
                    "events_total": 1,
                    "events": [EVENT_EXAMPLE],
                }
            ]
        }
    )

    external_id: str
    full_name: str
    location: str | None
    #: Where ``location`` came from (``ats``: the import).
    location_provenance: Provenance | None = None
    emails: list[str]
    opted_out: bool
    opted_out_at: str | None = None
    level: int | None = Field(description="highest level among current positions")
    last_refreshed_at: str | None
    positions: list[PositionOut]
    skills: list[SkillOut]
    education: list[EducationOut]
    sources: list[SourceOut]
    events_feed: str = Field(
        description="the events feed of this candidate alone: every event, oldest first, in "
        "pages with a cursor"
    )
    events_total: int = Field(description="how many events the candidate has in all")
    #: the last field: the API writes the events' stored JSON after the rest of the record
    #: (:func:`medalist.services.candidates.get_record_json`)
    events: list[Event] = Field(
        description="the newest events (as many as the request's 'events' asks), oldest first"
    )


class RowProblem(_Out):
    """An input record that was not written, and why (as ``medalist import`` says it)."""

    index: int | None = Field(None, description="position in the submitted list")
    external_id: str | None = None
    field: str | None = None
    message: str


class UpsertItem(_Out):
    key: str
    outcome: Literal["created", "updated", "unchanged"]


class UpsertResult(_Out):
    """What an upsert did: counts, each record's outcome, and the records refused."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "created": 1,
                    "updated": 0,
                    "unchanged": 0,
                    "results": [{"key": "ats-123", "outcome": "created"}],
                    "errors": [
                        {
                            "index": 1,
                            "external_id": None,
                            "field": "external_id",
                            "message": "is required",
                        }
                    ],
                }
            ]
        },
    )

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    results: list[UpsertItem] = Field(default_factory=list)
    errors: list[RowProblem] = Field(default_factory=list)


class Candidate(BaseModel):
    """A candidate to upsert: the JSON Lines record of contract section 4."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "external_id": "ats-123",
                    "full_name": "Ada Lovelace",
                    "emails": ["ada@example.com"],
                    "location": "London, UK",
                    "profiles": [{"kind": "github", "id": "adal"}],
                    "positions": [
                        {
                            "title": "Software Engineer",
                            "company": "Acme",
                            "start": "2019-03",
                            "end": None,
                        }
                    ],
                    "skills": ["python", "sql"],
                }
            ]
        },
    )

    external_id: str | None = Field(None, description="required in a list; else from the path")
    full_name: str | None = None


class Requisition(BaseModel):
    """A requisition to upsert (contract section 4); ``level`` is classified when absent."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "title": "Senior Backend Engineer",
                    "level": 3,
                    "min_years": 5,
                    "skills": ["python"],
                    "location": "Remote",
                    "status": "open",
                }
            ]
        },
    )

    req_id: str | None = Field(None, description="taken from the path when absent")
    title: str | None = None


class RequisitionOut(_Out):
    req_id: str
    title: str
    level: int | None
    level_name: str | None
    level_given: bool
    min_years: float
    skills: list[str]
    location: str | None
    status: str


class RequisitionUpserted(_Out):
    outcome: Literal["created", "updated", "unchanged"]
    requisition: RequisitionOut


class RankedCandidate(_Out):
    external_id: str
    full_name: str
    qualified: bool
    score: float = Field(description="0 to 1: level, years and skills fit")
    level: int | None
    years_experience: float
    skills_coverage: float
    reasons: list[str]


class RankedCandidates(_Out):
    requisition: RequisitionOut
    candidates: list[RankedCandidate]


class ReviewExplanation(_Out):
    """The reasons in words a recruiter reads; "A vs B" is the profile's value, then the
    stored candidate's."""

    agreed: list[str] = Field(description='e.g. "same first name and surname"')
    disagreed: list[str] = Field(description='e.g. "different city: Osaka vs Tokyo"')
    held_back: list[str] = Field(description="why it was not linked automatically")
    notes: list[str] = Field(description="other reasons, as the matcher wrote them")


class ReviewItem(_Out):
    """An uncertain match: the profile found, the stored candidate proposed, the signals."""

    id: int
    score: float
    method: str | None
    reasons: list[Any] = Field(description="the signals that agreed and disagreed")
    agreeing: list[str]
    disagreeing: list[str]
    explanation: ReviewExplanation
    profile: dict[str, Any]
    candidate: dict[str, Any] | None
    status: str
    created_at: str
    decided_by: str | None = None
    decided_at: str | None = None
    #: False when a decision repeated the one already taken (nothing changed).
    changed: bool = True


class ReviewDecision(_Out):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"decision": "link"}]}
    )

    decision: Literal["link", "reject"]
    decided_by: str | None = Field(None, description="who decided; default: the API key's name")


class RunOut(_Out):
    id: int
    started_at: str
    finished_at: str | None
    #: ``running``, ``finished``, ``failed`` or ``killed`` (stopped without finishing).
    status: str
    counts: dict[str, Any]
    #: Failed sources counted by kind (``timeout``, ``dns``, ``robots``, ``http_5xx``, ...).
    errors_by_kind: dict[str, int] = {}
    errors: list[Any]
    #: When a running run last reported progress, and where it runs.
    heartbeat_at: str | None = None
    host: str | None = None


class Refreshed(_Out):
    external_id: str
    refresh_requested_at: str
    message: str


class Erased(_Out):
    external_id: str
    erased: bool
    #: Rows removed by kind (``candidate``, ``events``, ``matches``, ``snapshot_records``, ...).
    removed: dict[str, int] = {}
    #: Keyed hashes put on the suppression list.
    suppressed: int = 0


class OptOut(_Out):
    """A person's objection (GDPR Art. 21), or its withdrawal."""

    external_id: str
    opted_out: bool
    opted_out_at: str | None = None
    #: False when the person already was in that state.
    changed: bool = True
    #: Undelivered webhook deliveries and review items proposing them, dropped by the opt-out.
    dropped_deliveries: int = 0
    dropped_reviews: int = 0


class AuditEntry(_Out):
    id: int
    at: str
    actor: str = Field(description="apikey:NAME, user:NAME (recruiter pages) or cli:OSUSER")
    action: str
    subject: str | None = Field(
        None, description="the person's external_id; erased:<digest> once they were erased"
    )
    target: str | None = None
    detail: dict[str, Any] = {}


class AuditPage(_Out):
    entries: list[AuditEntry]
    next_cursor: str | None
    has_more: bool


class NoticeItem(_Out):
    """One piece of data held on a person, and where it came from."""

    category: str
    value: str
    source: Provenance


class NoticeSource(_Out):
    kind: str
    url: str | None
    identifier: str | None
    #: ``ats`` (from the import), ``crawl`` (found while crawling) or ``watch``.
    origin: str
    added_at: str
    last_fetched_at: str | None
    last_verified_at: str | None
    snapshots: int
    last_snapshot_at: str | None


class NoticeEvent(_Out):
    id: str
    type: str
    detected_at: str
    status: str
    summary: str
    evidence: list[Provenance]


class NoticeMatch(_Out):
    id: int
    status: str
    source: Provenance
    decided_by: str | None
    decided_at: str | None


class Notice(_Out):
    """What medalist holds on a person and where each piece came from (GDPR Art. 14/15)."""

    external_id: str
    full_name: str
    generated_at: str
    controller_contact: str
    purpose: str
    recipients: str
    retention: str
    rights: str
    opted_out: bool
    opted_out_at: str | None
    held: list[NoticeItem]
    sources: list[NoticeSource]
    #: Pages not about the person alone (team pages, feeds) that facts or events came from.
    other_sources: list[Provenance]
    events: list[NoticeEvent]
    matches: list[NoticeMatch]
    audit: list[AuditEntry]


class Purged(_Out):
    """What one retention purge removed."""

    snapshots_superseded: int
    snapshots_expired: int
    deliveries_dropped: int
    profiles_forgotten: int


class LevelWeightOut(_Out):
    level: str = Field(description="signal: level, e.g. 'employer: different'")
    m: float = Field(description="share of the level among links a person confirmed")
    u: float = Field(description="share of the level among random pairs")
    weight: float = Field(description="log2(m / u), in bits")
    pairs: int = Field(description="confirmed links showing the level")


class MatchWeights(_Out):
    """The matcher's level weights: estimated from the review queue, or hand-set."""

    source: Literal["trained", "hand-set"]
    trained_at: str | None = None
    pairs: int = Field(description="confirmed links the set was estimated from (or now held)")
    needed: int = Field(description="confirmed links needed before weights are estimated")
    levels: list[LevelWeightOut] = Field(default_factory=list)
    message: str


class ApiKeyOut(_Out):
    name: str
    prefix: str
    created_at: str
    revoked_at: str | None
    last_used_at: str | None


class ApiKeyCreated(_Out):
    name: str
    key: str


class WebhookIn(_Out):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://crm.example/hooks/medalist",
                    "secret": "a-long-random-secret",
                    "types": ["promotion", "job_change"],
                }
            ]
        },
    )

    url: str = Field(description="http(s) URL; private and loopback hosts are refused")
    secret: str = Field(min_length=8, max_length=4096, description="signs each delivery")
    types: list[EventType] | None = Field(None, description="event types to send; all if absent")


class WebhookOut(_Out):
    id: int
    url: str
    types: list[str]
    created_at: str


class DeliveryOut(_Out):
    id: int
    event_id: str
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    next_attempt_at: str | None
    last_attempt_at: str | None
    last_http_status: int | None
    last_error: str | None
    delivered_at: str | None


class ErrorBody(_Out):
    code: str = Field(description="stable, machine-readable")
    message: str = Field(description="what was wrong and what to do")


class ErrorResponse(_Out):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"error": {"code": "not_found", "message": "no stored candidate 'ats-9'"}}]
        },
    )

    error: ErrorBody


class ReviewList(_Out):
    items: list[ReviewItem]


class RunList(_Out):
    runs: list[RunOut]


class WebhookList(_Out):
    webhooks: list[WebhookOut]


class DeliveryList(_Out):
    deliveries: list[DeliveryOut]


class Health(_Out):
    status: Literal["ok"] = "ok"
    version: str
