"""The input of every parser: one fetched document and where it came from."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from enrichment.errors import SourceError


@dataclass(frozen=True, slots=True)
class Document:
    url: str
    body: bytes
    fetched_at: datetime
    content_type: str = ""
    encoding: str | None = None
    #: Extra context from the source row (for example the ORCID iD or GitHub login asked for).
    context: Mapping[str, str] = field(default_factory=dict)
    #: Documents this one needs to be understood (fetched by the spider from the URLs a parser
    #: module's optional ``requires(document)`` returned), keyed by URL.
    related: Mapping[str, Document] = field(default_factory=dict)

    @property
    def text(self) -> str:
        for encoding in filter(None, (self.encoding, "utf-8")):
            try:
                return self.body.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
        return self.body.decode("latin-1")

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError) as error:
            raise SourceError(f"{self.url}: the response is not valid JSON ({error})") from None
