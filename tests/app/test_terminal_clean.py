"""Scraped text printed on a terminal loses every escape sequence and control character."""

from __future__ import annotations

import pytest

from medalist.terminal import clean


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J\x1b[HAda", "Ada"),  # clear screen, cursor home
        ("\x1b[31mred\x1b[0m", "red"),  # colours
        ("\x1b]0;owned\x07Ada", "Ada"),  # window title (OSC ... BEL)
        ("\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"),  # OSC 8 link
        ("\x9b31mx", "x"),  # 8-bit CSI
        ("\x9d0;t\x9cy", "y"),  # 8-bit OSC ... ST
        ("a\x00b\x07c\x08d\x7fe\x85f", "abcdef"),  # C0, DEL, C1
        ("\x1bPq#0;2;0;0;0\x1b\\z", "z"),  # DCS (sixel)
        ("line one\n\tline two", "line one\n\tline two"),
        ("Zoë Ångström, CTO", "Zoë Ångström, CTO"),
    ],
)
def test_clean(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_clean_one_line() -> None:
    assert clean("a\nb\tc\r", keep_layout=False) == "a b c "
