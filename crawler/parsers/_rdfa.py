"""RDFa as extruct gives it (expanded JSON-LD: full IRIs, nodes linked by ``@id``) turned into the
compact shape JSON-LD and microdata have (``name``, ``jobTitle``, nested objects)."""

from __future__ import annotations

import re
from typing import Any

_VOCAB = re.compile(r"^https?://schema\.org/")


def _compact(value: object, nodes: dict[str, dict[str, Any]], depth: int = 0) -> Any:
    """An expanded (RDFa) value with schema.org IRIs shortened and ``{"@id"}`` links embedded."""
    if isinstance(value, list):
        return [_compact(v, nodes, depth) for v in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {"@id"} and value["@id"] in nodes and depth < 8:
        return _compact(nodes[value["@id"]], nodes, depth + 1)
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key == "@type":
            out[key] = [
                _VOCAB.sub("", t) if isinstance(t, str) else t
                for t in (item if isinstance(item, list) else [item])
            ]
        else:
            out[_VOCAB.sub("", key)] = _compact(item, nodes, depth)
    return out


def rdfa_roots(graph: list[Any]) -> list[Any]:
    """The nodes of an expanded RDFa graph that no other node points at, with links embedded."""
    nodes = {n["@id"]: n for n in graph if isinstance(n, dict) and isinstance(n.get("@id"), str)}
    referenced: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, list):
            for v in value:
                collect(v)
        elif isinstance(value, dict):
            if set(value) == {"@id"}:
                referenced.add(str(value["@id"]))
            for k, v in value.items():
                if k != "@id":
                    collect(v)

    collect(graph)
    return [
        _compact(n, nodes) for n in graph if isinstance(n, dict) and n.get("@id") not in referenced
    ]


def _syntax_nodes(data: dict[str, Any], syntax: str) -> list[Any]:
    nodes = data.get(syntax) or []
    return rdfa_roots(nodes) if syntax == "rdfa" else nodes
