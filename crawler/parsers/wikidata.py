"""Wikidata: an item's entity JSON, as ``Special:EntityData/Q….json`` (``{"entities": {…}}``),
the ``wbgetentities`` API envelope (``{"entities": …, "success": 1}``) or a bare entity.

* label → ``full_name`` (English, else the first label in any language).
* P39 position held → position titled with the held item's label (the P642 "of" qualifier, when
  present, as the company); P108 employer → a position at the employer with no title (the P2868
  / P794 "subject has role" qualifier, when present, as the title). P580 start / P582 end at the
  precision given (9 year, 10 month, 11 day). Deprecated statements are skipped. A statement with
  no end would read as a *current* position, so it is kept only when it has a start and the person
  is alive (no P570 date of death); undated statements say nothing about when and are dropped.
* P69 educated at → education, P512 academic degree and P812 academic major as degree and area.
* ``identifiers["wikidata"]`` = the QID.

The statements point at other items (Q651703) whose labels live elsewhere. ``requires(document)``
returns the ``wbgetentities`` URLs that fetch them, one per 50 ids (the API's limit), built on
``document.context["wikidata_api"]`` (the ``w/api.php`` endpoint, default
``https://www.wikidata.org/w/api.php``). The spider passes those responses in
``document.related``; ``parse`` reads labels from them and, for an item without one, falls back to
the QID itself (``"Q651703"``) so the record is complete but visibly unlabelled, and logs a
warning naming the unlabelled items.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from crawler.parsers._dates import wikidata_time
from crawler.parsers._document import Document
from crawler.parsers._records import build
from crawler.parsers._text import clean
from enrichment.dates import PartialDate
from enrichment.errors import SourceError
from enrichment.model import Education, Position, ProfileRecord

log = logging.getLogger(__name__)

KIND = "wikidata"
DEFAULT_API = "https://www.wikidata.org/w/api.php"
BATCH = 50

_QID = re.compile(r"^Q\d+$")
_POSITION_HELD, _EMPLOYER, _EDUCATED_AT = "P39", "P108", "P69"
_START, _END, _DEATH = "P580", "P582", "P570"
_OF, _ROLES = "P642", ("P2868", "P794")
_DEGREE, _MAJOR = "P512", "P812"


def _entity(document: Document) -> dict[str, Any]:
    data = document.json()
    if not isinstance(data, dict):
        raise SourceError(f"{document.url}: Wikidata entity JSON must be an object")
    if "entities" in data:
        entities = data["entities"]
        if not isinstance(entities, dict):
            raise SourceError(f"{document.url}: 'entities' is not an object")
        wanted = document.context.get("wikidata") or document.context.get("identifier")
        items = [e for e in entities.values() if isinstance(e, dict) and "missing" not in e]
        if wanted:
            items = [e for e in items if e.get("id") == wanted] or items
        if not items:
            return {}
        return items[0]
    if "claims" in data or "labels" in data:
        return data
    raise SourceError(f"{document.url}: not Wikidata entity JSON (no 'entities' or 'claims')")


def _statements(entity: dict[str, Any], prop: str) -> Iterator[dict[str, Any]]:
    claims = entity.get("claims")
    for statement in (claims.get(prop) if isinstance(claims, dict) else None) or []:
        if isinstance(statement, dict) and statement.get("rank") != "deprecated":
            yield statement


def _item(snak: object) -> str | None:
    if not isinstance(snak, dict) or snak.get("snaktype") != "value":
        return None
    value = (snak.get("datavalue") or {}).get("value")
    qid = value.get("id") if isinstance(value, dict) else None
    return qid if isinstance(qid, str) and _QID.match(qid) else None


def _time(snak: object) -> PartialDate | None:
    if not isinstance(snak, dict) or snak.get("snaktype") != "value":
        return None
    return wikidata_time((snak.get("datavalue") or {}).get("value"))


def _qualifier(statement: dict[str, Any], *props: str) -> list[dict[str, Any]]:
    qualifiers = statement.get("qualifiers")
    if not isinstance(qualifiers, dict):
        return []
    return [s for p in props for s in qualifiers.get(p) or [] if isinstance(s, dict)]


def _first_time(statement: dict[str, Any], prop: str) -> PartialDate | None:
    return next(filter(None, (_time(s) for s in _qualifier(statement, prop))), None)


def _first_item(statement: dict[str, Any], *props: str) -> str | None:
    return next(filter(None, (_item(s) for s in _qualifier(statement, *props))), None)


def _referenced_ids(entity: dict[str, Any]) -> list[str]:
    ids: list[str] = []
    for prop in (_POSITION_HELD, _EMPLOYER, _EDUCATED_AT):
        for statement in _statements(entity, prop):
            ids.append(_item(statement.get("mainsnak")) or "")
            for qualifier in (_OF, *_ROLES, _DEGREE, _MAJOR):
                ids.extend(_item(s) or "" for s in _qualifier(statement, qualifier))
    return list(dict.fromkeys(i for i in ids if i))


def requires(document: Document) -> list[str]:
    """The ``wbgetentities`` URLs for the labels of the items this entity points at."""
    ids = _referenced_ids(_entity(document))
    api = document.context.get("wikidata_api") or DEFAULT_API
    return [
        f"{api}?action=wbgetentities&ids={quote('|'.join(ids[i : i + BATCH]), safe='|')}"
        "&props=labels&languages=en&format=json"
        for i in range(0, len(ids), BATCH)
    ]


def _label_of(entity: dict[str, Any]) -> str | None:
    labels = entity.get("labels")
    if not isinstance(labels, dict) or not labels:
        return None
    preferred = labels.get("en") or labels.get("mul") or next(iter(labels.values()))
    return clean(preferred.get("value")) if isinstance(preferred, dict) else None


def _related_labels(document: Document) -> dict[str, str]:
    labels: dict[str, str] = {}
    for related in document.related.values():
        try:
            data = json.loads(related.body)
        except (ValueError, UnicodeDecodeError):
            continue  # an unreadable label batch only costs labels: QIDs stand in
        entities = data.get("entities") if isinstance(data, dict) else None
        for qid, entity in (entities or {}).items():
            label = _label_of(entity) if isinstance(entity, dict) else None
            if label:
                labels[qid] = label
    return labels


def parse(document: Document) -> list[ProfileRecord]:
    entity = _entity(document)
    qid = entity.get("id")
    full_name = _label_of(entity)
    if not full_name or not isinstance(qid, str):
        return []
    labels = _related_labels(document)
    unlabelled = [qid for qid in _referenced_ids(entity) if qid not in labels]
    if unlabelled:
        log.warning(
            "%s: no labels for %s; the QIDs stand in for their names",
            document.url,
            ", ".join(unlabelled[:10]) + (" …" if len(unlabelled) > 10 else ""),
        )

    def label(item: str | None) -> str | None:
        return labels.get(item, item) if item else None

    deceased = any(_time(s.get("mainsnak")) for s in _statements(entity, _DEATH))
    positions: list[Position] = []
    for prop in (_POSITION_HELD, _EMPLOYER):
        for statement in _statements(entity, prop):
            target = _item(statement.get("mainsnak"))
            start, end = _first_time(statement, _START), _first_time(statement, _END)
            if not target or (end is None and (start is None or deceased)):
                continue
            if prop == _POSITION_HELD:
                title, company = label(target), label(_first_item(statement, _OF))
            else:
                title, company = label(_first_item(statement, *_ROLES)), label(target)
            positions.append(Position(title=title, company=company, start=start, end=end))
    schooling = [
        Education(
            institution=label(_item(statement.get("mainsnak"))),
            degree=label(_first_item(statement, _DEGREE)),
            area=label(_first_item(statement, _MAJOR)),
            start=_first_time(statement, _START),
            end=_first_time(statement, _END),
        )
        for statement in _statements(entity, _EDUCATED_AT)
        if _item(statement.get("mainsnak"))
    ]
    description = (
        entity.get("descriptions", {}).get("en")
        if isinstance(entity.get("descriptions"), dict)
        else None
    )
    summary = clean(description.get("value")) if isinstance(description, dict) else None
    return [
        build(
            document,
            KIND,
            f"{KIND}:{qid}",
            full_name,
            identifiers={"wikidata": qid},
            positions=positions,
            education=schooling,
            excerpt_text=f"{full_name}: {summary}" if summary else None,
        )
    ]
