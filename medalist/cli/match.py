"""``medalist match``: link profile records to candidate records, without a database.

For evaluation and dry runs (contract section 2). Reads candidates and profiles as JSON Lines,
prints one JSON line per profile, in order: ``profile_id``, ``candidate_id`` (the linked
candidate's ``external_id`` or null), ``score``, ``decision``, ``reasons``, plus ``method`` and,
for ``review``, ``proposed_candidate_id``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from enrichment.errors import InvalidInput, InvalidRecord
from enrichment.matching import CandidateIndex
from enrichment.model import Candidate, ProfileRecord

T = TypeVar("T")


def read_jsonl(path: Path, parse: Callable[[dict[str, Any], str], T]) -> Iterator[T]:
    """Each non-blank line of ``path`` parsed; a bad line raises naming file, line and field."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}: line {number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise InvalidInput(f"not valid JSON ({error.msg})", where=where) from None
            if not isinstance(data, dict):
                raise InvalidRecord("expected a JSON object", where=where)
            yield parse(data, where)


@click.command("match")
@click.option(
    "--candidates",
    "candidates_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Stored candidates, JSON Lines (contract section 4).",
)
@click.option(
    "--profiles",
    "profiles_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Profile records, JSON Lines (as printed by `fetch --json`).",
)
@click.option(
    "--out",
    "out",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write the results here instead of standard output.",
)
def match(candidates_path: Path, profiles_path: Path, out: IO[str]) -> None:
    """Link profile records to candidate records; one JSON line per profile.

    \b
    decision: link (candidate_id set), review (proposed_candidate_id set) or reject.
    reasons: the signals and rules that decided it.
    """
    index = CandidateIndex()
    for number, candidate in enumerate(read_jsonl(candidates_path, Candidate.from_dict), 1):
        if candidate.external_id in index:
            raise InvalidRecord(
                f"duplicate external_id {candidate.external_id!r}",
                where=f"{candidates_path}: candidate {number}",
                field="external_id",
            )
        index.add(candidate)
    for profile in read_jsonl(profiles_path, ProfileRecord.from_dict):
        result = index.match(profile)
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
