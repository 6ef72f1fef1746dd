"""Is this employer a bank? The banking ladder (Analyst, Associate, VP, Director, MD) applies there.

Decided from the company name: a maintained list of banks and financial firms (investment banks,
commercial banks, private equity, asset managers, trading firms), or words that mark one
(Bank, Capital, Securities, Partners, ...). Add names to :data:`KNOWN_BANKS` in normalised
form (lower case, no accents, punctuation as spaces).
"""

from __future__ import annotations

import re
from functools import lru_cache

from enrichment.seniority._text import fold

#: Financial firms known by name, in normalised form. Short ones match only whole words.
KNOWN_BANKS: frozenset[str] = frozenset(
    {
        # investment and universal banks
        "goldman sachs",
        "morgan stanley",
        "jpmorgan",
        "jp morgan",
        "j p morgan",
        "jpmorgan chase",
        "chase",
        "citi",
        "citigroup",
        "citibank",
        "bank of america",
        "bofa",
        "merrill lynch",
        "merrill",
        "wells fargo",
        "barclays",
        "hsbc",
        "ubs",
        "credit suisse",
        "deutsche bank",
        "bnp paribas",
        "societe generale",
        "natixis",
        "credit agricole",
        "santander",
        "bbva",
        "caixabank",
        "ing",
        "rabobank",
        "abn amro",
        "nomura",
        "mizuho",
        "mufg",
        "smbc",
        "macquarie",
        "lazard",
        "evercore",
        "moelis",
        "centerview",
        "pjt partners",
        "perella weinberg",
        "guggenheim",
        "jefferies",
        "rbc",
        "rbc capital markets",
        "td securities",
        "bmo",
        "scotiabank",
        "cibc",
        "houlihan lokey",
        "raymond james",
        "stifel",
        "piper sandler",
        "cowen",
        "william blair",
        "baird",
        "commerzbank",
        "lloyds",
        "natwest",
        "standard chartered",
        "unicredit",
        "intesa sanpaolo",
        "dbs",
        "ocbc",
        "icbc",
        "state street",
        "bny mellon",
        "bny",
        "northern trust",
        "pnc",
        "truist",
        "capital one",
        "us bancorp",
        "american express",
        "amex",
        "charles schwab",
        "schwab",
        "nordea",
        "danske",
        "handelsbanken",
        "seb",
        "kbc",
        "dz bank",
        "lbbw",
        "helaba",
        "bayernlb",
        "sparkasse",
        "credit mutuel",
        "la banque postale",
        "bankinter",
        "sabadell",
        "bpce",
        "unicaja",
        "mediobanca",
        "julius baer",
        "pictet",
        "lombard odier",
        "vontobel",
        # private equity, venture, asset management, trading
        "blackstone",
        "kkr",
        "carlyle",
        "carlyle group",
        "apollo",
        "apollo global management",
        "tpg",
        "warburg pincus",
        "bain capital",
        "general atlantic",
        "silver lake",
        "advent",
        "advent international",
        "hellman friedman",
        "thoma bravo",
        "vista equity",
        "eqt",
        "permira",
        "cvc",
        "ardian",
        "brookfield",
        "blackrock",
        "vanguard",
        "fidelity",
        "pimco",
        "t rowe price",
        "invesco",
        "franklin templeton",
        "bridgewater",
        "citadel",
        "two sigma",
        "de shaw",
        "d e shaw",
        "jane street",
        "point72",
        "millennium",
        "millennium management",
        "renaissance technologies",
        "aqr",
        "man group",
        "schroders",
        "amundi",
        "allianz global investors",
        "sequoia",
        "andreessen horowitz",
        "a16z",
        "accel",
        "benchmark",
        "greylock",
        "kleiner perkins",
        "lightspeed",
        "index ventures",
        "insight partners",
        "tiger global",
        "softbank",
        "general catalyst",
    }
)

#: One-word names that are a bank wherever they appear in a longer name ("BBVA Tech"); other
#: one-word names (Chase, Apollo, Fidelity, Sequoia) must be the whole name.
_DISTINCTIVE: frozenset[str] = frozenset(
    {
        "goldman",
        "jpmorgan",
        "citigroup",
        "citibank",
        "barclays",
        "hsbc",
        "ubs",
        "bbva",
        "caixabank",
        "rabobank",
        "nomura",
        "mizuho",
        "mufg",
        "smbc",
        "macquarie",
        "lazard",
        "evercore",
        "moelis",
        "centerview",
        "jefferies",
        "commerzbank",
        "natwest",
        "unicredit",
        "blackstone",
        "kkr",
        "carlyle",
        "tpg",
        "blackrock",
        "pimco",
        "bridgewater",
        "schroders",
        "amundi",
        "santander",
        "natixis",
        "scotiabank",
        "cibc",
        "bmo",
        "rbc",
        "stifel",
        "lloyds",
        "nordea",
        "handelsbanken",
        "mediobanca",
        "pictet",
        "vontobel",
        "eqt",
        "permira",
        "ardian",
        "a16z",
        "bofa",
        "bny",
        "pnc",
        "truist",
        "icbc",
        "ocbc",
        "dbs",
        "sabadell",
        "bankinter",
        "bpce",
        "helaba",
        "lbbw",
        "bayernlb",
        "sparkasse",
        "citi",
        "ing",
    }
)

#: Words in a company name that mark a financial firm.
BANK_WORDS = re.compile(
    r"\b(bank|banque|banco|banca|bancorp|bancorporation|banc|bankhaus|sparkasse|capital|"
    r"securities|partners|investments?|asset management|investment management|ventures|"
    r"private equity|equity partners|financial group|financial services|trust company|"
    r"wealth management|kapital|valores|inversiones)\b"
)
#: Company names ending in "bank" written as one word (Commerzbank, Landesbank).
_BANK_COMPOUND = re.compile(r"\b[a-z]{3,}bank\b")
#: ... except these, which are not financial firms.
_NOT_BANKS = re.compile(
    r"\b(food ?bank|blood ?bank|data ?bank|seed ?bank|sperm ?bank|milk ?bank)\b"
)

#: Title words that say "investment banking" without the company: the ladder applies.
BANKING_TITLE = re.compile(
    r"\b(investment banking|ibd|m and a|mergers and acquisitions|equity research|"
    r"sales and trading|leveraged finance|debt capital markets|equity capital markets|"
    r"capital markets|private equity|venture capital|corporate banking|global markets|"
    r"fixed income|restructuring|growth equity)\b"
)


@lru_cache(maxsize=8192)
def bank_signal(company: str | None) -> str | None:
    """Why ``company`` counts as a bank (a short phrase for a reason), or None."""
    if not company:
        return None
    name = fold(company)
    if not name or _NOT_BANKS.search(name):
        return None
    if name in KNOWN_BANKS:
        return f"'{company}' is on the list of banks and financial firms"
    words = name.split()
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            gram = " ".join(words[i : i + size])
            if gram in KNOWN_BANKS and (size > 1 or gram in _DISTINCTIVE):
                return f"'{company}' is on the list of banks and financial firms"
    match = BANK_WORDS.search(name) or _BANK_COMPOUND.search(name)
    if match:
        return f"company name contains '{match.group(0)}'"
    return None
