"""Scraped text made safe to print on a terminal.

Names, titles and companies come from web pages anyone can write. Printed raw, an escape
sequence in them could clear the screen, recolour it, set the window title, or hide a link
(OSC 8) behind innocent text. :func:`clean` removes every CSI, OSC, DCS/SOS/PM/APC string and
other ESC sequence, and every C0 and C1 control character, keeping newline and tab unless told
otherwise. JSON output needs none of this: ``json.dumps`` already escapes control characters.
"""

from __future__ import annotations

import re

#: ESC [ ... final (CSI); ESC ] ... BEL or ST (OSC, incl. OSC 8 links); ESC P/X/^/_ ... ST
#: (DCS, SOS, PM, APC); the 8-bit forms (0x9b CSI, 0x9d OSC, 0x90/0x98/0x9e/0x9f); then any
#: other two-character ESC sequence.
_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_AND_LAYOUT = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(text: object, *, keep_layout: bool = True) -> str:
    """``text`` without escape sequences or control characters. With ``keep_layout`` newline and
    tab stay (a multi-line description); without it they become spaces (one table cell)."""
    value = _SEQUENCES.sub("", str(text))
    if keep_layout:
        return _CONTROLS.sub("", value)
    return _CONTROLS_AND_LAYOUT.sub(lambda m: " " if m.group() in "\t\n\r" else "", value)
