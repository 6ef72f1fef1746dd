"""A targets file (JSON Lines, one :class:`~enrichment.protocol.Target` per line), read again
on every pass instead of held in memory: a night's plan of 100,000 targets costs the crawler
process what the targets in flight cost, not what all of them do."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from enrichment.protocol import BadTarget, Result, Target


class TargetFile:
    """The valid targets of ``path`` (of one ``kind`` when given), in file order."""

    def __init__(self, path: Path | str, kind: str | None = None) -> None:
        self.path = Path(path)
        self.kind = kind

    def of_kind(self, kind: str) -> TargetFile:
        return TargetFile(self.path, kind)

    def __iter__(self) -> Iterator[Target]:
        for target, _ in self._lines():
            if target is not None and (self.kind is None or target.kind == self.kind):
                yield target

    def scan(self) -> tuple[list[str], list[Result]]:
        """One pass: the kinds present (in order of first appearance), and an error result
        for each line that is not a target, naming the file and line."""
        kinds: dict[str, None] = {}
        bad: list[Result] = []
        for target, problem in self._lines():
            if target is not None:
                kinds.setdefault(target.kind, None)
            elif problem is not None:
                bad.append(problem)
        return list(kinds), bad

    def _lines(self) -> Iterator[tuple[Target | None, Result | None]]:
        with self.path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                data: Any = None
                try:
                    data = json.loads(line)
                    yield Target.from_dict(data), None
                except (ValueError, BadTarget) as error:
                    yield None, self._bad(number, data, error)

    def _bad(self, number: int, data: Any, error: Exception) -> Result:
        fields = data if isinstance(data, Mapping) else {}
        source_id = fields.get("source_id")
        return Result.failure(
            str(source_id) if source_id not in (None, "") else f"line {number}",
            str(fields.get("kind") or ""),
            fields.get("url"),
            f"{self.path}: line {number}: {error}",
        )
