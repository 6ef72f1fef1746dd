"""Text of an import file, whatever its encoding, and the CSV dialect it was written in.

ATS exports arrive as UTF-8, UTF-8 with a BOM, UTF-16 (Excel's "Unicode text"), or a legacy
code page (Latin-1, Windows-1252). The order of trust: a byte-order mark; then UTF-8, where a
few undecodable lines are bad rows of their own (reported, nothing else lost); then, when most
of the file is not UTF-8, the encoding ``charset-normalizer`` detects. The delimiter is sniffed
(``csv.Sniffer``) among comma, semicolon, tab and pipe, so European semicolon exports import.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: More undecodable UTF-8 lines than this share of the file means it is another encoding.
BAD_LINE_SHARE = 0.01
DELIMITERS = ",;\t|"


@dataclass(slots=True)
class DecodedText:
    """The file's lines (undecodable ones replaced by an empty line), and what was found."""

    lines: list[str]
    encoding: str
    #: line number (from 1) -> why it could not be read
    bad_lines: dict[int, str] = field(default_factory=dict)
    #: line numbers whose NUL bytes were removed
    nul_lines: list[int] = field(default_factory=list)


def _split(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def decode(path: Path) -> DecodedText:
    """Read ``path`` as text (see the module docstring for the order of trust)."""
    data = path.read_bytes()
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            result = DecodedText(_split(data.decode(encoding, errors="replace")), encoding)
            return _without_nul(result)
    raw_lines = data.splitlines(keepends=True)
    lines: list[str] = []
    bad: dict[int, str] = {}
    for number, raw in enumerate(raw_lines, start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            byte = raw[error.start : error.start + 1]
            bad[number] = (
                f"byte 0x{byte.hex()} at column {error.start + 1} is not valid UTF-8; "
                "the row was skipped (save the file as UTF-8 and import it again)"
            )
            lines.append("\n")
    if len(bad) <= max(1, int(len(raw_lines) * BAD_LINE_SHARE)):
        return _without_nul(DecodedText(lines, "utf-8", bad))
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    return _without_nul(DecodedText(_split(data.decode(encoding, errors="replace")), encoding))


def _without_nul(text: DecodedText) -> DecodedText:
    for index, line in enumerate(text.lines):
        if "\x00" in line:
            text.lines[index] = line.replace("\x00", "")
            text.nul_lines.append(index + 1)
    return text


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter of a CSV whose first lines are ``lines``; a comma when unsure."""
    sample = "".join(lines[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def numbered(lines: list[str]) -> Iterator[str]:
    """The lines, for :func:`csv.reader`."""
    yield from lines
