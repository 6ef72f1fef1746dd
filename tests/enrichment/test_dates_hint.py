"""The date hint names every form that is accepted, and each of those forms is accepted."""

from __future__ import annotations

import pytest

from enrichment.dates import PartialDate
from enrichment.errors import InvalidDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021", (2021, None, None)),
        ("2021-03", (2021, 3, None)),
        ("2021-03-04", (2021, 3, 4)),
        ("03/2021", (2021, 3, None)),
        ("March 2021", (2021, 3, None)),
        ("Mar 2021", (2021, 3, None)),
    ],
)
def test_every_form_the_hint_names_is_accepted(text: str, expected: tuple[object, ...]) -> None:
    date = PartialDate.parse(text)
    assert date is not None
    assert (date.year, date.month, date.day) == expected


def test_the_hint_lists_the_accepted_forms() -> None:
    with pytest.raises(InvalidDate) as caught:
        PartialDate.parse("soon")
    assert str(caught.value) == (
        "'soon' is not a date (expected YYYY, YYYY-MM, YYYY-MM-DD, MM/YYYY or a month and "
        "year such as 'March 2021' or 'Mar 2021')"
    )
