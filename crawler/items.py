"""The crawl's two record shapes: a target (what to fetch) and its result (what happened).

Both are lines of the JSON Lines files of docs/architecture.md, "The crawl". Exactly one
:class:`Result` is written per target, whatever happened.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from enrichment.model import IDENTIFIER_KINDS, PROFILE_KINDS, format_timestamp, utcnow

STATUSES = ("ok", "not_modified", "gone", "refused", "error")
RENDER_MODES = ("auto", "always", "never")


class BadTarget(ValueError):
    """A target line that cannot be crawled; the message names the field."""


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


def _context(value: object) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise BadTarget("field 'context' must be an object")
    return {str(k): str(v) for k, v in value.items() if v not in (None, "")}


@dataclass(slots=True)
class Result:
    """One target's outcome (the Scrapy item of this project)."""

    source_id: str
    kind: str
    url: str | None
    status: str
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

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["run"]
        return data

    @classmethod
    def failure(
        cls, source_id: str, kind: str, url: str | None, error: str, *, status: str = "error"
    ) -> Result:
        return cls(source_id=source_id, kind=kind, url=url, status=status, error=error)


def content_hash(body: bytes) -> str:
    return "sha256:" + hashlib.sha256(body).hexdigest()
