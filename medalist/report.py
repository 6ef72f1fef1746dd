"""The "candidates who leveled up" report (contract section 6), as JSON, CSV or HTML.

The renderers take the stored event dictionaries (the contract's event shape) and write text;
they never query anything. Everything in an event came from a scraped page or an import, so the
HTML renderer escapes every value and links only ``http``/``https`` URLs.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from enrichment.errors import ConfigurationError
from enrichment.model import utcnow
from medalist.services.leveled import PersonCard, group_by_person
from medalist.settings import data_path

#: Reports hold personal data: owner-only.
PRIVATE_MODE = 0o600

FORMATS = ("json", "csv", "html")

#: CSV columns: the event's fields flattened, lists joined with "; ".
CSV_COLUMNS = (
    "id",
    "type",
    "leveled_up",
    "candidate.external_id",
    "candidate.full_name",
    "before.title",
    "before.company",
    "before.level",
    "before.level_name",
    "after.title",
    "after.company",
    "after.level",
    "after.level_name",
    "after.start",
    "after.end",
    "after.skills",
    "after.education",
    "years_experience.before",
    "years_experience.after",
    "qualifies_for",
    "evidence.urls",
    "evidence.kinds",
    "evidence.excerpts",
    "match.score",
    "match.method",
    "detected_at",
    "status",
)


def _dig(event: Mapping[str, Any], dotted: str) -> Any:
    value: Any = event
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _education_text(entry: Any) -> str:
    if not isinstance(entry, Mapping):
        return str(entry)
    parts = [entry.get("degree"), entry.get("institution"), entry.get("end")]
    return ", ".join(str(p) for p in parts if p)


def flatten(event: Mapping[str, Any]) -> dict[str, Any]:
    """One CSV row: the event's fields under dotted names."""
    row: dict[str, Any] = {}
    evidence = event.get("evidence") or []
    for column in CSV_COLUMNS:
        if column == "after.skills":
            value: Any = "; ".join(str(s) for s in (_dig(event, column) or []))
        elif column == "after.education":
            value = "; ".join(_education_text(e) for e in (_dig(event, column) or []))
        elif column == "qualifies_for":
            value = "; ".join(str(q.get("req_id")) for q in event.get("qualifies_for") or [])
        elif column.startswith("evidence."):
            key = {"urls": "url", "kinds": "kind", "excerpts": "excerpt"}[column.split(".")[1]]
            value = "; ".join(str(e.get(key) or "") for e in evidence)
        else:
            value = _dig(event, column)
        if isinstance(value, bool):
            value = "true" if value else "false"
        row[column] = "" if value is None else value
    return row


def render_json(events: Sequence[Mapping[str, Any]]) -> str:
    return json.dumps(list(events), indent=2, ensure_ascii=False) + "\n"


#: A cell starting with one of these is read as a formula by spreadsheets (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, prefixed with ``'`` the OWASP way
    (``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``); numbers and other cells unchanged. A bare
    CR becomes a newline: the writer ends lines with ``\n`` and would not quote a CR."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n")


def render_csv(events: Sequence[Mapping[str, Any]]) -> str:
    """One row per event; scraped text that looks like a formula is neutralised."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow({key: neutralise(value) for key, value in flatten(event).items()})
    return out.getvalue()


def write_private(path: Path, text: str) -> None:
    """Write a report readable by its owner only (0600): it holds personal data. A missing
    folder is a clear error naming it."""
    if not path.parent.is_dir():
        raise ConfigurationError(
            f"cannot write {path}: the folder {path.parent} does not exist; create it or pick "
            "another --out"
        )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
    os.fchmod(fd, PRIVATE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def render_html(
    events: Sequence[Mapping[str, Any]],
    *,
    title: str = "Candidates who leveled up",
    generated_at: datetime | None = None,
    cards: Sequence[PersonCard] | None = None,
) -> str:
    """One self-contained page (inline CSS, nothing fetched): one card per person with their
    changes, dates, match confidence and evidence, from the templates of the pages under
    ``/ui/``, or ``cards`` when given (with what the store knows: applications, years now).
    Every value is escaped; only http(s) URLs become links."""
    from medalist.web.templating import render as render_template

    css = data_path("web", "static", "medalist.css").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return render_template(
        "report.html",
        title=title,
        cards=group_by_person(events) if cards is None else cards,
        events=len(events),
        css=Markup(css),
        style_hash=f"sha256-{digest}",
        generated_at=generated_at or utcnow(),
    )


RENDERERS: dict[str, Callable[[Sequence[Mapping[str, Any]]], str]] = {
    "json": render_json,
    "csv": render_csv,
    "html": render_html,
}


def render(events: Iterable[Mapping[str, Any]], fmt: str) -> str:
    if fmt not in RENDERERS:
        raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    return RENDERERS[fmt](list(events))
