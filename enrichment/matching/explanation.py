"""A match's reasons in plain words, for the person who reviews it.

The matcher's reasons are labelled levels with their weights (``location: different city
(osaka vs tokyo) (-1.0)``) and the rules that held a link back (``namesake: ...``). A
recruiter reads :func:`in_words` instead: what agreed ("same given name and surname"), what
disagreed ("different city: Osaka vs Tokyo"), and why it was not linked automatically. The
profile's value comes first in every "A vs B", the stored candidate's second.

It reads stored reason strings, so it also explains matches made before it existed: a label
it does not know is shown as "signal: label".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LEVEL = re.compile(r"^(?P<signal>[^:]+):\s*(?P<label>.*?)\s*\((?P<weight>[+-]\d+(?:\.\d+)?)\)\s*$")
_VALUE = re.compile(r"\(([^()]*)\)")
_PLAIN_SUFFIX = ", one side has no first name"
_BITS = re.compile(r"weight (\d+(?:\.\d+)?) bits")


@dataclass(frozen=True, slots=True)
class Explanation:
    """``agreed`` and ``disagreed`` signals, ``held_back``: why no automatic link, and
    ``notes``: other reasons, as they were written."""

    agreed: list[str] = field(default_factory=list)
    disagreed: list[str] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "agreed": self.agreed,
            "disagreed": self.disagreed,
            "held_back": self.held_back,
            "notes": self.notes,
        }


def _shown(value: str) -> str:
    """A folded value written for reading: ``osaka`` -> ``Osaka``, ``jp`` -> ``JP``."""
    value = value.strip()
    if len(value) <= 3 and value.isalpha():
        return value.upper()  # a country or state code
    return " ".join(w[:1].upper() + w[1:] for w in value.split())


def _pair(text: str) -> str:
    """``a vs b`` / ``a ~ b`` shown as ``A vs B`` / ``A ~ B``."""
    for sep in (" vs ", " ~ "):
        if sep in text:
            left, right = text.split(sep, 1)
            return f"{_shown(left)}{sep}{_shown(right)}"
    return _shown(text)


def _values(label: str) -> list[str]:
    return [_pair(v) for v in _VALUE.findall(label)]


#: (signal, label start) -> words; ``{0}``, ``{1}`` are the label's values in brackets
_WORDS: dict[str, list[tuple[str, str]]] = {
    "surname": [
        ("exact (double surname)", "same double surname"),
        ("exact", "same surname"),
        ("double-surname part", "surnames share a part ({0})"),
        ("jaro-winkler >= 0.92", "surname spelt almost the same"),
        ("sounds alike", "surnames sound alike"),
        ("jaro-winkler", "similar surname"),
        ("different", "different surname"),
    ],
    "first name": [
        ("exact", "same first name"),
        ("same given name", "same given name ({0})"),
        ("same initial", "same first initial"),
        (
            "nickname (",
            "first names are nicknames of one another ({0}), but different middle names: {1}",
        ),
        ("nickname-equivalent", "first name is a nickname of the other ({0})"),
        ("same syllables", "same given name in another spelling ({0})"),
        ("one given name is part of the other", "one given name is part of the other ({0})"),
        ("different given name", "different given name: {0}"),
        ("jaro-winkler >= 0.92", "first name spelt almost the same"),
        ("goes by middle name", "goes by the middle name"),
        ("jaro-winkler", "similar first name"),
        ("initial-compatible", "first initial fits"),
        ("different", "different first name"),
    ],
    "middle name": [
        ("same middle name", "same middle name ({0})"),
        ("agree", "middle names agree"),
        ("initials differ", "different middle names"),
    ],
    "name order": [("read another way", "name written the other way round")],
    "employer": [
        ("same current employer", "same current employer ({0})"),
        ("stored employer in career", "the stored employer is in the profile's career ({0})"),
        ("similar employer", "similar employer: {0}"),
        ("employer named in short", "same employer, named in short: {0}"),
        ("career differs", "the profile's career does not include the stored employer"),
        ("moved on", "moved on to another employer, in a job begun after the stored one: {0}"),
        (
            "different employer, held before",
            "a different employer, in a job begun before the stored one: {0}",
        ),
        ("different employer", "different employer: {0}"),
    ],
    "title": [("same title", "same job title ({0})")],
    "location": [
        ("same city", "same city ({0})"),
        ("similar city", "similar city: {0}"),
        ("other city, same country", "different city in the same country: {0}"),
        ("different city", "different city: {0}"),
        ("different country", "different country: {0}"),
        ("same country", "same country"),
    ],
    "education": [("same school", "same school ({0})"), ("different schools", "different schools")],
    "web domain": [("same personal web domain", "the same personal web domain ({0})")],
}
_EXTRA_WORDS = [
    ("exact", "same {signal}"),
    ("close", "{signal} differs by one character"),
    ("same first part", "{signal} starts the same ({0})"),
    ("different", "different {signal}"),
]
#: rules that held a link back, by how their reason starts
_HELD = [
    ("name-only match", "only the name agrees, and the name alone does not decide: {why}"),
    ("first names differ", "the first names differ"),
    ("contradiction:", "the profile contradicts the stored record ({rest})"),
    ("namesake:", "another stored person ({first}) fits almost as well"),
    ("crowded:", "{first} stored people could be this profile"),
    ("name and a large employer only", "only the name and a large employer agree ({rest})"),
    ("one name only", "only one name is known and little else agrees"),
    ("score below link threshold", "the evidence is not strong enough to link"),
    ("score below review threshold", "the evidence is weak"),
    ("identifier matches but the name does not", "an identifier matches but the name does not"),
    ("identifiers also point to", "the identifiers point to several stored people ({rest})"),
    ("a reviewer rejected", "{reason}"),
]


def _level_words(signal: str, label: str) -> str:
    suffix = ""
    if label.endswith(_PLAIN_SUFFIX):
        label = label[: -len(_PLAIN_SUFFIX)]
        suffix = " (one record has no first name)"
    values = _values(label)
    # the signal's own words, then the generic ones (an extra signal such as a date of
    # birth, or an older label): "same dob", "different employer"
    name = signal.replace("_", " ")
    table = [
        *_WORDS.get(signal, []),
        *((start, words.replace("{signal}", name)) for start, words in _EXTRA_WORDS),
    ]
    words = next((w for start, w in table if label.startswith(start)), "")
    if not words:
        return f"{signal}: {label}{suffix}"
    needed = words.count("{")
    if len(values) < needed:
        values += [""] * (needed - len(values))
    return words.format(*values).replace(" ()", "") + suffix


def in_words(reasons: list[str] | tuple[str, ...]) -> Explanation:
    """Sort a match's reasons into what agreed, what disagreed and what held it back."""
    out = Explanation()
    given_and_surname = {"same first name", "same surname"}
    for reason in reasons:
        reason = str(reason)
        level = _LEVEL.match(reason)
        if level is not None:
            weight = float(level["weight"])
            if weight == 0:
                continue  # missing on one side, or too weak to say either way
            words = _level_words(level["signal"].strip(), level["label"])
            (out.agreed if weight > 0 else out.disagreed).append(words)
            continue
        if reason.startswith("rare full name"):
            bits = _BITS.search(reason)
            form = reason.split("; ", 1)[1] if "; " in reason else ""
            out.agreed.append(
                "the full name is rare in the store and no other stored person could bear it"
                + (f" ({bits[1]} bits)" if bits else "")
                + (f", with {form}" if form else "")
            )
            continue
        for start, words in _HELD:
            if reason.startswith(start):
                rest = reason.split(":", 1)[1].strip() if ":" in reason else ""
                first = rest.split(" ", 1)[0]
                why = reason.rsplit("not decide: ", 1)[1] if "not decide: " in reason else ""
                why = why or "it is not rare and unambiguous enough"
                out.held_back.append(words.format(rest=rest, first=first, reason=reason, why=why))
                break
        else:
            if reason.endswith(": exact"):  # an exact identifier: "orcid: exact"
                out.agreed.append(f"same {reason.split(':', 1)[0]}")
            elif not reason.startswith("match weight"):
                out.notes.append(reason)
    if given_and_surname <= set(out.agreed):
        out.agreed.remove("same first name")
        out.agreed[out.agreed.index("same surname")] = "same first name and surname"
    return out
