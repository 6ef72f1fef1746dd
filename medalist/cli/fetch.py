"""``medalist fetch TARGET [--json]``: fetch one source now and print what it says; stores nothing.

TARGET is a URL (its kind inferred: orcid.org → ``orcid``, github.com/LOGIN → ``github``,
wikidata.org/wiki/Q… → ``wikidata``, ``*.json`` → ``jsonresume``, else ``website``; ``--kind``
forces one, e.g. ``team_page`` or ``feed``) or ``orcid:ID``, ``github:LOGIN``, ``wikidata:QID``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from enrichment.errors import InvalidInput
from enrichment.model import IDENTIFIER_KINDS, PROFILE_KINDS
from medalist.cli._context import settings_from
from medalist.cli.errors import Failure
from medalist.crawling import crawl
from medalist.settings import Settings
from medalist.terminal import clean

#: A one-off fetch makes a handful of requests: no AutoThrottle warm-up, a short delay.
ONE_OFF = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0.25"}
_PREFIXED = re.compile(r"(?P<kind>[a-z_]+):(?P<id>[^/\s]+)", re.I)
_ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")


def target_of(text: str, kind: str | None = None, render: str = "auto") -> dict[str, Any]:
    """The crawl target for TARGET as typed on the command line."""
    text = text.strip()
    prefixed = _PREFIXED.fullmatch(text)
    if prefixed and prefixed["kind"].lower() in IDENTIFIER_KINDS:
        found, identifier = prefixed["kind"].lower(), prefixed["id"]
        if kind and kind != found:
            raise InvalidInput(f"{text}: --kind {kind} does not fit a {found} identifier")
        return {"source_id": "fetch", "kind": found, "identifier": identifier, "render": render}
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidInput(
            f"{text!r} is not a URL or one of orcid:ID, github:LOGIN, wikidata:QID", where="TARGET"
        )
    kind = kind or infer_kind(text)
    target: dict[str, Any] = {"source_id": "fetch", "kind": kind, "url": text, "render": render}
    if kind in IDENTIFIER_KINDS:
        identifier = _identifier_in(kind, text)
        if not identifier:
            raise InvalidInput(f"{text}: no {kind} identifier in this URL", where="TARGET")
        target = {"source_id": "fetch", "kind": kind, "identifier": identifier, "render": render}
    return target


def infer_kind(url: str) -> str:
    """A profile URL's kind (contract section 4): orcid, github, wikidata, jsonresume, website."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if host.endswith("orcid.org") and _ORCID.search(parts.path):
        return "orcid"
    if host == "github.com" and len(segments) == 1:
        return "github"
    if host.endswith("wikidata.org") and segments and re.fullmatch(r"Q\d+", segments[-1]):
        return "wikidata"
    if parts.path.lower().endswith(".json"):
        return "jsonresume"
    return "website"


def _identifier_in(kind: str, url: str) -> str | None:
    path = urlsplit(url).path
    if kind == "orcid":
        match = _ORCID.search(path)
        return match.group(0) if match else None
    segments = [s for s in path.split("/") if s]
    return segments[-1].removesuffix(".json") if segments else None


def summary(record: dict[str, Any]) -> str:
    """A record as a few readable lines."""
    lines = [f"{record.get('full_name')}  [{record.get('kind')}]"]
    if record.get("url"):
        lines.append(f"  source:    {record['url']}")
    if record.get("location"):
        lines.append(f"  location:  {record['location']}")
    identifiers = record.get("identifiers") or {}
    if identifiers:
        lines.append("  ids:       " + ", ".join(f"{k}={v}" for k, v in identifiers.items()))
    for position in record.get("positions") or []:
        what = " at ".join(p for p in (position.get("title"), position.get("company")) if p)
        when = f"{position.get('start') or '?'} – {position.get('end') or 'now'}"
        lines.append(f"  position:  {what} ({when})")
    for school in record.get("education") or []:
        what = ", ".join(p for p in (school.get("degree"), school.get("institution")) if p)
        lines.append(f"  education: {what}" + (f" ({school['end']})" if school.get("end") else ""))
    if record.get("skills"):
        lines.append("  skills:    " + ", ".join(record["skills"]))
    return "\n".join(lines)


#: Low-level network errors and how a person would say them.
_NETWORK_WORDS = (
    (
        (
            "errno -2",
            "errno -3",
            "errno -5",
            "dns lookup failed",
            "name or service not known",
            "nodename nor servname",
            "no address associated",
        ),
        "could not resolve host {host}",
    ),
    (("connection refused", "errno 111"), "{host} refused the connection"),
    (("timed out", "timeout"), "{host} did not answer in time"),
    (("ssl", "certificate"), "{host}: the TLS connection failed ({detail})"),
)


def failure_text(result: dict[str, Any]) -> str:
    """One readable line for a failed fetch: what failed, for which URL, and why."""
    url = str(result.get("url") or "")
    host = urlsplit(url).hostname or url
    detail = str(result.get("error") or result.get("status") or "unknown error")
    lowered = detail.lower()
    for words, template in _NETWORK_WORDS:
        if any(word in lowered for word in words):
            return clean(template.format(host=host, detail=detail), keep_layout=False)
    detail = re.sub(r"^(error|failed):\s*", "", detail, flags=re.IGNORECASE)
    return clean(f"{result.get('status')}: {detail}", keep_layout=False)


@click.command("fetch")
@click.argument("target")
@click.option("--json", "as_json", is_flag=True, help="print JSON Lines of profile records")
@click.option(
    "--kind", type=click.Choice(PROFILE_KINDS), help="the source kind, instead of inferring it"
)
@click.option(
    "--render",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="render the page in a browser: when it needs JavaScript, always or never",
)
@click.option("--timeout", type=float, default=300, show_default=True, help="seconds")
@click.pass_context
def fetch(
    ctx: click.Context, target: str, as_json: bool, kind: str | None, render: str, timeout: float
) -> None:
    """Fetch one source now and print the extracted profile; writes nothing."""
    settings = settings_from(ctx)
    planned = target_of(target, kind, render)
    objection = _objection(settings, planned)
    if objection is not None:
        raise Failure(objection)
    (result,) = crawl([planned], settings, timeout=timeout, scrapy_overrides=ONE_OFF)
    for warning in result.get("warnings") or []:
        click.echo(clean(f"warning: {warning}"), err=True)
    if result.get("status") != "ok":
        message = failure_text(result)
        if as_json:
            error = {"error": message, "status": result.get("status"), "url": result.get("url")}
            click.echo(json.dumps(error, ensure_ascii=False))
        raise Failure(message)
    records = result.get("records") or []
    if result.get("error"):
        click.echo(clean(f"warning: {result['error']}"), err=True)
    if as_json:
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    if not records:
        click.echo(clean(f"no profile found at {result.get('url')}"))
        return
    click.echo(clean("\n\n".join(summary(record) for record in records)))


def _objection(settings: Settings, target: dict[str, Any]) -> str | None:
    """Why the stored database forbids fetching ``target`` (its owner opted out), if there is
    a database to ask: ``fetch`` works, and writes nothing, without one."""
    from sqlalchemy.engine import make_url

    from medalist.database import open_database
    from medalist.services.privacy import fetch_objection

    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and not (url.database and Path(url.database).is_file()):
        return None
    try:
        sessions = open_database(settings)
    except Exception:  # no usable database: nothing stored says no
        return None
    locator = str(target.get("identifier") or target.get("url") or "")
    return fetch_objection(sessions, str(target["kind"]), locator)
