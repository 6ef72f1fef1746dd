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
from enrichment.matching.features import Person
from enrichment.matching.training import estimate_unlabelled
from enrichment.model import Candidate, ProfileRecord

T = TypeVar("T")


def read_jsonl(
    path: Path,
    parse: Callable[[dict[str, Any], str], T],
    skipped: Callable[[InvalidInput], None] | None = None,
) -> Iterator[T]:
    """Each non-blank line of ``path`` parsed.

    A bad line (not JSON, not an object, a record ``parse`` refuses) is reported to
    ``skipped`` as an :class:`InvalidInput` naming file, line and reason, and reading goes
    on: one broken row in a real export must not lose the rest. Without ``skipped`` the
    first bad line raises.
    """
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}: line {number}"
            try:
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as error:
                    raise InvalidInput(f"not valid JSON ({error.msg})", where=where) from None
                if not isinstance(data, dict):
                    raise InvalidRecord("expected a JSON object", where=where)
                record = parse(data, where)
            except InvalidInput as error:
                if skipped is None:
                    raise
                skipped(error)
                continue
            yield record


def _report(error: InvalidInput) -> None:
    click.echo(f"skipped {error}", err=True)


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
@click.option(
    "--weights",
    type=click.Choice(["em", "hand"]),
    default="em",
    show_default=True,
    help="Level weights: estimated from these records by EM (with 500 profiles or more; "
    "fewer keep the hand-set ones), or the hand-set ones.",
)
def match(candidates_path: Path, profiles_path: Path, out: IO[str], weights: str) -> None:
    """Link profile records to candidate records; one JSON line per profile.

    \b
    decision: link (candidate_id set), review (proposed_candidate_id set) or reject.
    reasons: the signals and rules that decided it.
    A line that cannot be read is reported on standard error (file, line, reason) and
    skipped; the exit status is 0 when every line was read, 1 when some were skipped.
    """
    problems: list[InvalidInput] = []

    def skipped(error: InvalidInput) -> None:
        problems.append(error)
        _report(error)

    candidates = []
    seen: set[str] = set()
    for candidate in read_jsonl(candidates_path, Candidate.from_dict, skipped):
        if candidate.external_id in seen:
            skipped(
                InvalidRecord(
                    f"duplicate external_id {candidate.external_id!r}; the first is kept",
                    where=str(candidates_path),
                    field="external_id",
                )
            )
            continue
        seen.add(candidate.external_id)
        candidates.append(candidate)
    index = CandidateIndex.build(candidates)
    profiles = list(read_jsonl(profiles_path, ProfileRecord.from_dict, skipped))
    if weights == "em":
        trained = estimate_unlabelled(
            index.compare,
            index.candidates,
            [Person.of_profile(p) for p in profiles],
            [Person.of_candidate(c) for c in candidates],
        )
        index.use(trained)
        if trained is not None:
            click.echo(f"weights: estimated by EM from {len(profiles)} profile(s)", err=True)
    for profile in profiles:
        result = index.match(profile)
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    if problems:
        click.echo(f"{len(problems)} line(s) skipped", err=True)
        raise SystemExit(1)
