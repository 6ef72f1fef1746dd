"""The crawl protocol: what to fetch (:class:`Target`), what happened (:class:`Result`), and
the one place that guarantees exactly one result per target (:class:`Ledger`).

The application plans targets and applies results, the crawler fetches targets and writes
results, storage records each result on its source: all three use these types. On the wire
(the child process's files, the Redis list of a distributed crawl) each is one JSON object per
line (docs/architecture.md, "The crawl").

A result's :class:`FetchStatus`:

* ``ok``: fetched and parsed; ``records`` hold what the source says.
* ``not_modified``: a 304 to a conditional request; verified, nothing parsed.
* ``gone``: 404 or 410.
* ``refused``: the address guard or robots.txt said no.
* ``error``: anything else; ``error`` says what, ``error_kind`` names the kind for counting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from enrichment.errors import InvalidInput
from enrichment.model import IDENTIFIER_KINDS, PROFILE_KINDS, format_timestamp, utcnow

RENDER_MODES = ("auto", "always", "never")


class FetchStatus(StrEnum):
    OK = "ok"
    NOT_MODIFIED = "not_modified"
    GONE = "gone"
    REFUSED = "refused"
    ERROR = "error"

    @property
    def verified(self) -> bool:
        """The source answered as itself: it is fresh."""
        return self in (FetchStatus.OK, FetchStatus.NOT_MODIFIED)


#: Kinds of failure a run counts (``runs.counts["errors_by_kind"]``), from the result's words.
ERROR_KINDS = (
    "invalid_target",
    "refused",
    "robots",
    "gone",
    "dns",
    "connection",
    "timeout",
    "http_4xx",
    "http_5xx",
    "rate_limited",
    "too_large",
    "parse",
    "parse_budget",
    "crawler",
    "candidate",
    "other",
)
_KIND_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("robots", r"robots\.txt"),
        ("invalid_target", r"^invalid target|not a valid|target needs|is not one of"),
        ("rate_limited", r"rate.?limit|HTTP 429"),
        ("parse_budget", r"parse budget|MEDALIST_PARSE_BUDGET"),
        ("timeout", r"timed out|did not finish within|MEDALIST_RUN_TIMEOUT"),
        ("dns", r"resolve"),
        ("http_5xx", r"HTTP 5\d\d"),
        ("http_4xx", r"HTTP 4\d\d"),
        ("too_large", r"larger than|DOWNLOAD_MAXSIZE"),
        ("connection", r"connection|refused to connect"),
        ("parse", r"parser failed|invalid record|cannot be read"),
        ("crawler", r"crawler process|no result|spider could not run|stderr"),
    )
)


class BadTarget(InvalidInput):
    """A target that cannot be crawled; the message names the field."""


@dataclass(frozen=True, slots=True)
class Target:
    source_id: str
    kind: str
    url: str | None = None
    identifier: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    render: str = "auto"
    #: Optional hints for the parser (``company`` of a team page, say): ``Document.context``.
    context: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Target:
        if not isinstance(data, Mapping):
            raise BadTarget("a target must be a JSON object")
        source_id = data.get("source_id")
        if source_id in (None, ""):
            raise BadTarget("field 'source_id' is required")
        kind = data.get("kind")
        if kind not in PROFILE_KINDS:
            raise BadTarget(f"field 'kind': {kind!r} is not one of {', '.join(PROFILE_KINDS)}")
        url, identifier = data.get("url") or None, data.get("identifier") or None
        if kind in IDENTIFIER_KINDS and not identifier and not url:
            raise BadTarget(f"a {kind} target needs 'identifier'")
        if kind not in IDENTIFIER_KINDS and not url:
            raise BadTarget(f"a {kind} target needs 'url'")
        render = data.get("render") or "auto"
        if render not in RENDER_MODES:
            raise BadTarget(f"field 'render': {render!r} is not one of {', '.join(RENDER_MODES)}")
        return cls(
            source_id=str(source_id),
            kind=str(kind),
            url=str(url) if url else None,
            identifier=str(identifier).strip() if identifier else None,
            etag=data.get("etag") or None,
            last_modified=data.get("last_modified") or None,
            render=str(render),
            context=_context(data.get("context")),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source_id": self.source_id,
            "kind": self.kind,
            "url": self.url,
            "identifier": self.identifier,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "render": self.render,
        }
        if self.context:
            data["context"] = dict(self.context)
        return data


def _context(value: object) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise BadTarget("field 'context' must be an object")
    return {str(k): str(v) for k, v in value.items() if v not in (None, "")}


@dataclass(slots=True)
class Result:
    """One target's outcome (the Scrapy item of the crawler)."""

    source_id: str
    kind: str
    url: str | None
    status: FetchStatus
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    fetched_at: str = field(default_factory=lambda: format_timestamp(utcnow()))
    error: str | None = None
    records: list[dict[str, Any]] = field(default_factory=list)
    #: Problems that did not stop the result (a followed document that failed, say).
    warnings: list[str] = field(default_factory=list)
    #: The distributed run (MEDALIST_REDIS_URL) whose coordinator waits for this result.
    run: str | None = None

    def __post_init__(self) -> None:
        self.status = FetchStatus(self.status)

    @property
    def error_kind(self) -> str | None:
        """The kind of failure (one of :data:`ERROR_KINDS`), ``None`` for a verified source."""
        return error_kind(self.status, self.error)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "kind": self.kind,
            "url": self.url,
            "status": self.status.value,
            "http_status": self.http_status,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "content_hash": self.content_hash,
            "fetched_at": self.fetched_at,
            "error": self.error,
            "records": self.records,
            "warnings": self.warnings,
        }

    def cleaned(self) -> Result:
        """The result with NUL characters removed from all its text (PostgreSQL refuses them,
        and no real page needs them)."""
        self.error = without_nul(self.error)
        self.warnings = [without_nul(w) or "" for w in self.warnings]
        self.records = [without_nul(r) for r in self.records]
        return self

    def to_wire(self) -> dict[str, Any]:
        """:meth:`to_dict` plus the distributed run the result belongs to."""
        return {**self.to_dict(), "run": self.run}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        """A result line; a malformed one is an ``error`` result that says so (never raises
        for a line that names its source)."""
        source_id = str(data.get("source_id") or "")
        try:
            status = FetchStatus(str(data.get("status")))
        except ValueError:
            return cls.failure(
                source_id,
                str(data.get("kind") or ""),
                data.get("url"),
                f"the crawler returned an unknown status {data.get('status')!r}",
            )
        http_status = data.get("http_status")
        return cls(
            source_id=source_id,
            kind=str(data.get("kind") or ""),
            url=data.get("url") or None,
            status=status,
            http_status=http_status if isinstance(http_status, int) else None,
            etag=data.get("etag") or None,
            last_modified=data.get("last_modified") or None,
            content_hash=data.get("content_hash") or None,
            fetched_at=str(data.get("fetched_at") or format_timestamp(utcnow())),
            error=data.get("error") or None,
            records=[dict(r) for r in data.get("records") or () if isinstance(r, Mapping)],
            warnings=[str(w) for w in data.get("warnings") or ()],
            run=data.get("run") or None,
        )

    @classmethod
    def failure(
        cls,
        source_id: str,
        kind: str,
        url: str | None,
        error: str,
        *,
        status: FetchStatus = FetchStatus.ERROR,
    ) -> Result:
        return cls(source_id=source_id, kind=kind, url=url, status=status, error=error)

    @classmethod
    def for_target(cls, target: Target, error: str) -> Result:
        return cls.failure(target.source_id, target.kind, target.url, error)


def without_nul(value: Any) -> Any:
    """``value`` (text, or lists and mappings of it) with NUL characters removed."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, Mapping):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [without_nul(v) for v in value]
    return value


def error_kind(status: FetchStatus | str, error: str | None) -> str | None:
    status = FetchStatus(status)
    if status.verified:
        return None
    if status is FetchStatus.GONE:
        return "gone"
    text = error or ""
    if status is FetchStatus.REFUSED:
        return "robots" if "robots" in text else "refused"
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(text):
            return kind
    return "other"


class Ledger:
    """Which targets are still owed a result: the guarantee of one result per target.

    ``accept`` takes a result the first time its target is answered and refuses duplicates
    (a distributed crawl may answer twice) and strangers; ``owed`` answers what is left with
    a failure saying why.

    With ``keep=False`` only the source ids are held (memory flat in the number of targets,
    for a night's whole plan); ``owed`` then reads the targets again from ``targets``.
    """

    def __init__(self, targets: Iterable[Target] = (), *, keep: bool = True) -> None:
        self._keep = keep
        self._owed: dict[str, Target | None] = {}
        for target in targets:
            self.expect(target)

    def expect(self, target: Target) -> None:
        self._owed.setdefault(target.source_id, target if self._keep else None)

    def __len__(self) -> int:
        return len(self._owed)

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._owed

    def accept(self, result: Result) -> bool:
        if result.source_id not in self._owed:
            return False
        del self._owed[result.source_id]
        return True

    def owed(self, reason: str, targets: Iterable[Target] = ()) -> Iterator[Result]:
        """A failure result for every target still owed one; the ledger is empty after.
        ``targets`` (iterated only when something is owed) gives back the targets a ledger
        with ``keep=False`` did not hold."""
        if any(target is None for target in self._owed.values()):
            for target in targets:
                if target.source_id in self._owed and self._owed[target.source_id] is None:
                    del self._owed[target.source_id]
                    yield Result.for_target(target, reason)
        while self._owed:
            source_id, kept = self._owed.popitem()
            if kept is not None:
                yield Result.for_target(kept, reason)
            else:  # expected, but not among ``targets``: still owed its one result
                yield Result.failure(source_id, "", None, reason)
