"""A page that names a job without its employer is the stored job when title and start agree."""

from __future__ import annotations

import pytest

from enrichment.dates import PartialDate
from enrichment.diff._positions import same_position
from enrichment.model import Position


def _p(title: str, company: str | None, start: str, end: str | None = None) -> Position:
    return Position(title, company, PartialDate.parse(start), PartialDate.parse(end))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            _p("Software Engineer", "Acme", "2019-03"),
            _p("Software Engineer", None, "2019-03", "2024-12"),
            True,
        ),
        (
            _p("Software Engineer", "Acme", "2019-03"),
            _p("Software Engineer", None, "2019-04"),
            True,
        ),
        (
            _p("Software Engineer", "Acme", "2019-03"),
            _p("Software Engineer", None, "2021-01"),
            False,
        ),
        (_p("Software Engineer", "Acme", "2019-03"), _p("Data Engineer", None, "2019-03"), False),
        (
            _p("Software Engineer", "Acme", "2019-03"),
            _p("Software Engineer", "Globex", "2019-03"),
            False,
        ),
    ],
)
def test_a_job_without_its_employer(a: Position, b: Position, same: bool) -> None:
    assert same_position(a, b) is same
    assert same_position(b, a) is same
