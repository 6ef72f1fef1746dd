"""``medalist titles [FILE|-]``: classify job titles onto the seniority scale (contract section 2).

One title per line, optionally a tab and the employer. One JSON line per input line, in order:
``title``, ``company``, ``level``, ``level_name``, ``track``, ``reasons``. A blank line still
gets its line, with ``level`` null and a reason, so output lines up with input.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

import click

from enrichment.seniority import classify


def classify_line(line: str) -> dict[str, Any]:
    """The output object for one input line (without its line ending)."""
    title, _, company = line.partition("\t")
    title, company = title.strip(), company.strip()
    if not title:
        return {
            "title": title,
            "company": company or None,
            "level": None,
            "level_name": None,
            "track": None,
            "reasons": ["blank line: no title to classify"],
        }
    result = classify(title, company or None)
    return {
        "title": title,
        "company": company or None,
        "level": result.level,
        "level_name": result.level_name,
        "track": result.track,
        "reasons": list(result.reasons),
    }


@click.command("titles")
@click.argument("file", required=False, default="-", type=click.File("rb"))
def titles(file: BinaryIO) -> None:
    """Classify job titles from FILE (or standard input when FILE is - or absent).

    One title per line, optionally followed by a TAB and the employer. Prints one JSON line
    per input line: title, company, level, level_name, track, reasons.
    """
    name = getattr(file, "name", "-")
    name = "standard input" if name in ("-", "<stdin>") or not isinstance(name, str) else name
    for number, raw in enumerate(file, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise click.ClickException(
                f"{name}: line {number} is not UTF-8 text ({error.reason}); save the file as UTF-8"
            ) from None
        record = classify_line(line.rstrip("\r\n"))
        click.echo(json.dumps(record, ensure_ascii=False))
