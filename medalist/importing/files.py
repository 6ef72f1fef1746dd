"""Which reader reads a path: by extension, or every readable file of a folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from enrichment.errors import InvalidInput
from enrichment.model import Candidate
from medalist.importing.candidates_csv import read_candidates_csv
from medalist.importing.candidates_json import candidate_from_json
from medalist.importing.jsonlines import read_jsonlines
from medalist.importing.report import BadRow, Row

CANDIDATE_SUFFIXES = {
    ".csv": "CSV",
    ".jsonl": "JSON Lines",
    ".ndjson": "JSON Lines",
    ".json": "JSON Resume",
}


def _key(candidate: Candidate) -> str:
    return candidate.external_id


def candidate_files(path: Path) -> list[Path]:
    """The files to read: ``path`` itself, or a folder's files with a known extension."""
    if not path.exists():
        raise InvalidInput(f"{path}: no such file or folder")
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir() if p.is_file() and p.suffix.lower() in CANDIDATE_SUFFIXES
        )
        if not files:
            raise InvalidInput(f"{path}: the folder has no .csv, .jsonl, .ndjson or .json files")
        return files
    if path.suffix.lower() not in CANDIDATE_SUFFIXES:
        raise InvalidInput(f"{path}: unknown file type (expected .csv, .jsonl, .ndjson or .json)")
    return [path]


def read_candidates(
    path: Path, *, external_id: str | None = None
) -> Iterator[Row[Candidate] | BadRow]:
    """Every candidate row of a file or folder, streamed. ``external_id`` names the candidate
    of a single JSON Resume file."""
    files = candidate_files(path)
    if external_id and (len(files) != 1 or files[0].suffix.lower() != ".json"):
        raise InvalidInput("--external-id applies to a single JSON Resume (.json) file")
    for file in files:
        shown = str(file)
        try:
            yield from _read_file(file, shown, external_id)
        except OSError as error:
            # One unreadable file of a folder is reported; the other files still import.
            reason = error.strerror or str(error)
            yield BadRow(
                shown, None, None, f"cannot read the file ({reason}); nothing read from it"
            )


def _read_file(
    file: Path, shown: str, external_id: str | None
) -> Iterator[Row[Candidate] | BadRow]:
    suffix = file.suffix.lower()
    if suffix == ".csv":
        yield from read_candidates_csv(file, shown)
    elif suffix == ".json":
        from medalist.importing.jsonresume import read_jsonresume

        yield from read_jsonresume(file, shown, external_id)
    else:
        yield from read_jsonlines(file, shown, candidate_from_json, _key, "candidate")
