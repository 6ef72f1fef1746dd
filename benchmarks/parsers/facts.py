"""What counts as one fact of a profile record, for recall and precision (see the README)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Fact = tuple[str, ...]


def _text(value: Any) -> str:
    return " ".join(str(value).split()).casefold()


def facts(record: Mapping[str, Any]) -> set[Fact]:
    """Every fact of one record (a ``ProfileRecord.to_dict()``), keyed by the record's person."""
    who = _text(record.get("full_name") or "")
    out: set[Fact] = {("name", who)}
    if record.get("location"):
        out.add(("location", who, _text(record["location"])))
    for email in record.get("emails") or []:
        out.add(("email", who, _text(email)))
    for key, value in (record.get("identifiers") or {}).items():
        out.add(("identifier", who, key, _text(value)))
    for skill in record.get("skills") or []:
        out.add(("skill", who, _text(skill)))
    for i, job in enumerate(record.get("positions") or []):
        anchor = _text(job.get("title") or job.get("company") or i)
        for field in ("title", "company", "start", "end"):
            if job.get(field):
                out.add(("position", who, anchor, field, _text(job[field])))
    for i, school in enumerate(record.get("education") or []):
        anchor = _text(school.get("institution") or school.get("degree") or i)
        for field in ("institution", "degree", "area", "start", "end"):
            if school.get(field):
                out.add(("education", who, anchor, field, _text(school[field])))
    return out


def all_facts(records: list[Mapping[str, Any]]) -> set[Fact]:
    found: set[Fact] = set()
    for record in records:
        found |= facts(record)
    return found
