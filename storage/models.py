"""The tables, as SQLAlchemy 2.0 typed models.

Portable across SQLite and PostgreSQL: JSON columns use :class:`sqlalchemy.JSON`, timestamps
are stored as timezone-aware UTC (:class:`UTCDateTime` also gives SQLite's naive values back
as UTC), and every constraint gets a name from :data:`NAMING_CONVENTION` so Alembic writes
stable names.

Partial dates (``2019``, ``2019-03``, ``2019-03-14``) are kept as the ISO text the source gave.

Provenance: a fact row (position, skill, education) with ``source_kind`` NULL came from the
ATS import; a row with a ``source_kind`` came from a crawled source (with its URL and fetch
time). The import replaces only the ATS rows, so facts found by crawling survive a re-import.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Unicode,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Longest ``external_id``, ``req_id`` and API identifier (GitHub login, ORCID iD) stored.
MAX_KEY_LENGTH = 255
#: Longest source URL stored (the ``locator`` of a URL source).
MAX_URL_LENGTH = 2048
#: Longest event fingerprint and match ``profile_key`` stored as given; longer ones are hashed.
MAX_FINGERPRINT_LENGTH = 512

#: An integer primary key that is BIGINT on PostgreSQL and SQLite's rowid alias elsewhere.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite stores it naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
        str: String(),
    }


class _Provenance:
    """Where a fact came from: NULL kind means the ATS import."""

    source_kind: Mapped[str | None] = mapped_column(String(32))
    source_url: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime | None]


class CandidateRow(Base):
    __tablename__ = "candidates"
    __table_args__ = (
        # the few who opted out, left out of every feed page (storage/repositories/feed.py)
        Index(
            "ix_candidates_opted_out",
            "id",
            postgresql_where=text("opted_out IS NOT false"),
            sqlite_where=text("opted_out IS NOT 0"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH), unique=True)
    full_name: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    emails: Mapped[list[Any]] = mapped_column(default=list)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    #: When the person objected (``medalist optout``; GDPR Art. 21); NULL when not opted out.
    opted_out_at: Mapped[datetime | None]
    #: Where ``location`` came from: NULL kind means the ATS import (like :class:`_Provenance`).
    location_source_kind: Mapped[str | None] = mapped_column(String(32))
    location_source_url: Mapped[str | None] = mapped_column(Text)
    location_fetched_at: Mapped[datetime | None]
    #: Hash of the ATS record last imported: an identical re-import changes nothing.
    ats_hash: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now)
    last_refreshed_at: Mapped[datetime | None]
    #: Set by ``POST /v1/candidates/{id}/refresh``: the next run takes the candidate whatever
    #: its freshness, and clears it when the candidate is refreshed.
    refresh_requested_at: Mapped[datetime | None]

    positions: Mapped[list[PositionRow]] = relationship(
        back_populates="candidate",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PositionRow.id",
    )
    skills: Mapped[list[SkillRow]] = relationship(
        back_populates="candidate",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SkillRow.id",
    )
    education: Mapped[list[EducationRow]] = relationship(
        back_populates="candidate",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EducationRow.id",
    )
    applications: Mapped[list[ApplicationRow]] = relationship(
        back_populates="candidate",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ApplicationRow.id",
    )
    sources: Mapped[list[SourceRow]] = relationship(
        back_populates="candidate",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SourceRow.id",
    )

    @hybrid_property
    def may_process(self) -> bool:
        """The one answer to "may medalist process this person": false once they opted out.

        Every path that fetches, links, stores or sends anything about a person asks it, in
        Python (``row.may_process``) or in SQL (``where(CandidateRow.may_process)``), so an
        objection (GDPR Art. 21) stops all of them at once.
        """
        return not self.opted_out

    @may_process.inplace.expression
    @classmethod
    def _may_process_expression(cls) -> ColumnElement[bool]:
        return cls.opted_out.is_(False)


class PositionRow(_Provenance, Base):
    __tablename__ = "positions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str | None] = mapped_column(Text)
    company: Mapped[str | None] = mapped_column(Text)
    start: Mapped[str | None] = mapped_column(String(10))
    end: Mapped[str | None] = mapped_column(String(10))
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)
    level: Mapped[int | None]
    level_name: Mapped[str | None] = mapped_column(String(32))
    track: Mapped[str | None] = mapped_column(String(32))
    location: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)

    candidate: Mapped[CandidateRow] = relationship(back_populates="positions")


class SkillRow(_Provenance, Base):
    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    canonical: Mapped[str | None] = mapped_column(Text)

    candidate: Mapped[CandidateRow] = relationship(back_populates="skills")


class EducationRow(_Provenance, Base):
    __tablename__ = "education"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    institution: Mapped[str | None] = mapped_column(Text)
    degree: Mapped[str | None] = mapped_column(Text)
    area: Mapped[str | None] = mapped_column(Text)
    start: Mapped[str | None] = mapped_column(String(10))
    end: Mapped[str | None] = mapped_column(String(10))

    candidate: Mapped[CandidateRow] = relationship(back_populates="education")


class ApplicationRow(Base):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    req_id: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH))
    stage_reached: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[str | None] = mapped_column(String(10))

    candidate: Mapped[CandidateRow] = relationship(back_populates="applications")


class SourceRow(Base):
    """A place to read: one candidate's profile, or (``candidate_id`` NULL) a watched
    many-person source (``team_page``, ``feed``)."""

    __tablename__ = "sources"
    __table_args__ = (
        UniqueConstraint("candidate_id", "kind", "locator"),
        # NULLs are distinct in a unique constraint: watched sources need their own index.
        Index(
            "uq_sources_watched_kind_locator",
            "kind",
            "locator",
            unique=True,
            sqlite_where=text("candidate_id IS NULL"),
            postgresql_where=text("candidate_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))
    url: Mapped[str | None] = mapped_column(Text)
    identifier: Mapped[str | None] = mapped_column(String(MAX_KEY_LENGTH))
    #: The identifier for API kinds, else the URL (``ProfileRef.locator``).
    locator: Mapped[str] = mapped_column(String(MAX_URL_LENGTH))
    #: ``ats`` (from the import), ``crawl`` (found while crawling) or ``watch`` (source add).
    origin: Mapped[str] = mapped_column(String(16), default="ats")
    render: Mapped[str] = mapped_column(String(16), default="auto")
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(80))
    last_fetched_at: Mapped[datetime | None]
    last_verified_at: Mapped[datetime | None] = mapped_column(index=True)
    last_status: Mapped[str | None] = mapped_column(String(32))
    last_http_status: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    gone_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=_now)

    candidate: Mapped[CandidateRow | None] = relationship(back_populates="sources")


class SnapshotRow(Base):
    """What a fetch of a source yielded: the provenance behind every crawled fact."""

    __tablename__ = "snapshots"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    url: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    fetched_at: Mapped[datetime]
    content_hash: Mapped[str | None] = mapped_column(String(80))
    records: Mapped[list[Any]] = mapped_column(default=list)


class MatchRow(Base):
    """The review queue, and the memory of every decision about a profile."""

    __tablename__ = "matches"
    __table_args__ = (UniqueConstraint("profile_key", "candidate_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    profile_key: Mapped[str] = mapped_column(String(MAX_FINGERPRINT_LENGTH), index=True)
    profile: Mapped[dict[str, Any]] = mapped_column(default=dict)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float] = mapped_column(Float, default=0.0)
    method: Mapped[str | None] = mapped_column(String(64))
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    #: What the matcher proposed: ``link``, ``review`` or ``reject``.
    decision: Mapped[str] = mapped_column(String(16))
    #: ``pending`` (waiting for a person), ``linked`` or ``rejected``.
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    decided_by: Mapped[str | None] = mapped_column(String(255))
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=_now)


class EventRow(Base):
    """A change stored once. ``(tx, seq)`` orders events and backs the API cursor.

    ``seq`` is the primary key because only a primary key autoincrements on both backends
    (SQLite's ``AUTOINCREMENT`` never reuses a number); ``id`` (``evt_...``) is the public,
    stable key and is unique.

    ``tx`` is the writing transaction's id on PostgreSQL (a column default set by migration
    0004: ``pg_current_xact_id()``), 0 on SQLite. Sequence numbers on PostgreSQL can commit out
    of order, so the feed serves only rows whose transaction is older than the oldest one still
    in flight, in ``(tx, seq)`` order (:meth:`EventRepository.feed`): no row can later appear
    before a position already served. SQLite has one writer at a time, so ``seq`` alone is
    commit order there.
    """

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("candidate_id", "fingerprint"),
        Index("ix_events_tx_seq", "tx", "seq"),
        Index("ix_events_type_tx_seq", "type", "tx", "seq"),
        Index("ix_events_leveled_up_tx_seq", "leveled_up", "tx", "seq"),
        Index("ix_events_candidate_id_tx_seq", "candidate_id", "tx", "seq"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(64), unique=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    type: Mapped[str] = mapped_column(String(32), index=True)
    fingerprint: Mapped[str] = mapped_column(String(MAX_FINGERPRINT_LENGTH))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    leveled_up: Mapped[bool] = mapped_column(Boolean, default=False)
    detected_at: Mapped[datetime] = mapped_column(default=_now, index=True)
    #: ``new``, ``acked`` or ``dismissed``.
    status: Mapped[str] = mapped_column(String(16), default="new")
    status_changed_at: Mapped[datetime | None]
    tx: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))


class RequisitionRow(Base):
    __tablename__ = "requisitions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    req_id: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH), unique=True)
    title: Mapped[str] = mapped_column(Text)
    level: Mapped[int | None]
    level_name: Mapped[str | None] = mapped_column(String(32))
    #: True when ``level`` came from the input, False when classified from the title.
    level_given: Mapped[bool] = mapped_column(Boolean, default=False)
    min_years: Mapped[float] = mapped_column(Float, default=0.0)
    skills: Mapped[list[Any]] = mapped_column(default=list)
    location: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    record_hash: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now)


class RunRow(Base):
    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=_now)
    finished_at: Mapped[datetime | None]
    #: ``running``, ``finished``, ``failed`` or ``killed`` (it stopped without saying so).
    status: Mapped[str] = mapped_column(String(16), default="running")
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    errors: Mapped[list[Any]] = mapped_column(default=list)
    #: When the running run last said how far it got; where it runs.
    heartbeat_at: Mapped[datetime | None]
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None]


class MatchWeightRow(Base):
    """One comparison level's weight, estimated from the review queue's decisions
    (``medalist.weights``): the newest ``trained_at`` is the set in use. ``m`` is the level's
    share among pairs a person confirmed, ``u`` among random pairs, ``weight`` log2(m/u)."""

    __tablename__ = "match_weights"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    trained_at: Mapped[datetime] = mapped_column(default=_now, index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    #: labelled pairs (links a person confirmed) the set was estimated from
    pairs: Mapped[int]
    signal: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(255))
    m: Mapped[float] = mapped_column(Float)
    u: Mapped[float] = mapped_column(Float)
    weight: Mapped[float] = mapped_column(Float)
    #: labelled pairs showing the level, random pairs showing it
    matches: Mapped[int]
    others: Mapped[int]


class ErasedPersonRow(Base):
    """A keyed hash of one identifier of an erased person: the suppression list.

    ``kind`` is ``external_id``, ``email``, ``profile`` (a profile URL or an ORCID iD, GitHub
    login or Wikidata QID) or ``name`` (used only to drop entries of many-person sources).
    ``key_id`` names the ``MEDALIST_SECRET_KEY`` that made the digest (a digest of the key, not
    the key), so a changed key is noticed instead of silently letting erased people back.
    """

    __tablename__ = "erased_people"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    digest: Mapped[str] = mapped_column(String(128), unique=True)
    erased_at: Mapped[datetime] = mapped_column(default=_now)
    key_id: Mapped[str | None] = mapped_column(String(32), index=True)


class AuditRow(Base):
    """Who did what to whom, and when: review decisions, event dismissals, opt-outs, erasures.

    ``actor`` is ``apikey:NAME``, ``user:NAME`` (the recruiter pages) or ``cli:OSUSER``.
    ``subject`` is the person's ``external_id``; after an erasure every row about them holds a
    pseudonym instead (``erased:<digest>``), so the log keeps the act but not the person.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_subject", "subject"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=_now, index=True)
    actor: Mapped[str] = mapped_column(String(255))
    #: ``link``, ``reject``, ``ack``, ``dismiss``, ``reopen``, ``optout``, ``optout_undo``,
    #: ``erase``.
    action: Mapped[str] = mapped_column(String(32), index=True)
    subject: Mapped[str | None] = mapped_column(String(MAX_KEY_LENGTH))
    #: What was acted on besides the person: ``match:12``, ``event:evt_...``.
    target: Mapped[str | None] = mapped_column(String(MAX_KEY_LENGTH))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ApiKeyRow(Base):
    """A CRM's API key: only the SHA-256 of the key is stored (the key is shown once)."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The key's first characters, shown by ``apikey list`` to tell keys apart.
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]


class WebhookRow(Base):
    """A subscription: events (all, or the listed ``types``) are POSTed to ``url``."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    secret: Mapped[str] = mapped_column(Text)
    #: Event types to send; empty means every type.
    types: Mapped[list[Any]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    deleted_at: Mapped[datetime | None]


class WebhookDeliveryRow(Base):
    """The outbox: one event to one subscription, written with the event, then delivered.

    ``pending`` until a POST is answered 2xx (``delivered``) or the attempts run out
    (``failed``: given up, kept for the API to show).
    """

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("webhook_id", "event_id"),
        Index("ix_webhook_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
        Index(
            "ix_webhook_deliveries_webhook_id_candidate_id_id", "webhook_id", "candidate_id", "id"
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"))
    event_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    candidate_id: Mapped[int] = mapped_column(BigId)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=_now)
    last_attempt_at: Mapped[datetime | None]
    last_http_status: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=_now)


class LeaseRow(Base):
    """A named lease on SQLite (PostgreSQL uses an advisory lock): who holds it, until when.

    The holder renews ``expires_at`` while it works; another process takes it only once it
    has expired (see :mod:`storage.lease`).
    """

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    owner: Mapped[str] = mapped_column(String(255))
    acquired_at: Mapped[datetime] = mapped_column(default=_now)
    expires_at: Mapped[datetime]


class SchedulerJobRow(Base):
    """A scheduled job of ``medalist schedule``: APScheduler 3's job store table, owned by the
    migrations so that ``db upgrade`` makes every table (the job store then finds it)."""

    __tablename__ = "apscheduler_jobs"

    id: Mapped[str] = mapped_column(Unicode(191), primary_key=True)
    next_run_time: Mapped[float | None] = mapped_column(Float(25), index=True)
    job_state: Mapped[bytes] = mapped_column(LargeBinary)


class UserRow(Base):
    """A recruiter's login to the pages under ``/ui/``: the password only as a KDF hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH), unique=True)
    #: ``scrypt$<n>$<r>$<p>$<salt>$<hash>`` (see :mod:`medalist.passwords`).
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    last_login_at: Mapped[datetime | None]


class WebSessionRow(Base):
    """A signed-in browser: only the SHA-256 of its cookie is stored, with the CSRF token
    every form of that session must carry."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    expires_at: Mapped[datetime] = mapped_column(index=True)

    user: Mapped[UserRow] = relationship()
