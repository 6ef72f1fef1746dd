"""XML to plain dicts keyed by local names, so one reader serves an API's JSON and XML forms.

An element with children becomes a dict (repeated children become a list, attributes are kept
under ``@name``); an element without children becomes its stripped text, or, when it has
attributes, ``{"@name": …, "value": text}`` (the shape ORCID's JSON gives leaf values).
Namespaces are dropped: ``<common:role-title>`` is ``"role-title"``, as in the ORCID JSON.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from enrichment.errors import SourceError


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def to_dict(element: etree._Element) -> Any:
    children = [c for c in element if isinstance(c.tag, str)]
    attributes: dict[str, Any] = {f"@{_local(k)}": v for k, v in element.attrib.items()}
    if not children:
        text = (element.text or "").strip() or None
        return {**attributes, "value": text} if attributes else text
    out = attributes
    for child in children:
        key, value = _local(child.tag), to_dict(child)
        if key in out:
            existing = out[key]
            out[key] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            out[key] = value
    return out


def parse_xml(body: bytes, url: str) -> tuple[str, Any]:
    """The root's local name and its dict; :class:`SourceError` for malformed XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as error:
        raise SourceError(f"{url}: the response is not well-formed XML ({error})") from None
    return _local(root.tag), to_dict(root)
