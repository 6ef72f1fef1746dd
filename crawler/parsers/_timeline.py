"""A personal page's résumé sections: "Experience" and "Education" headings over dated items.

Personal sites built from Markdown or a portfolio theme list a career under a heading, one item
per job or school, in many layouts::

    ## Work Experience                       ### Berufserfahrung
    - **2018-Today**: Developer at [Acme]     #### Senior Engineer | TechFirma GmbH
                                             *Januar 2020 - Heute*
    ### EDLINK                               <h3 class="resume-title">Education</h3>
    **Senior Software Engineer**             <div class="resume-item"><h4>Master in …</h4>
    *Austin, TX* *2023 - 2024*                 <h5>2002 - 2005</h5><p><em>State Academy …</em>

Read here by structure, not by layout: a **section** is a heading (``h1``-``h6``, or a short
bold or paragraph line standing alone) whose whole text names one (``Experience``, ``Work
History``, ``Berufserfahrung``, ``Werdegang``, ``Expérience professionnelle``, ``Parcours``,
``Experiencia laboral``; ``Education``, ``Ausbildung``, ``Studium``, ``Formation``,
``Études``, ``Formación``, ``Estudios``), and runs to the next heading of its rank or higher.
Its **items** are the section's list items, else its sub-headings with what follows each, else
its table rows, else its paragraphs. An item is read from its first few short lines:

* a **position** needs a date or a date range (``2019 - Present``, ``Jan – Jun 2021``, ``seit
  2019``, ``Aug 2023 - jetzt``, ``2015 - aujourd'hui``) and a line, or a part of a line, that is
  title-like by the seniority lexicon (:func:`crawler.parsers._names.is_title`); the employer is
  the part after ``at``/``@``/``bei``/``chez``/``en``/``|``/``—``/``,`` in the title's line, else
  the item's other short line (its heading, typically);
* an **education** entry needs an institution (a line naming a university, school, college,
  institute…, or the item's other line beside a degree) and gives the degree (``Bachelor``,
  ``Master of Science``, ``PhD``, ``Diplom``, ``Licence``, ``Grado``…) and dates when written.

An item that is not sure of both is left out: nothing is guessed from the descriptions under an
item, and a section without dated, titled items gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

from crawler.parsers._blocks import lines
from crawler.parsers._names import has_job_word, is_title
from crawler.parsers._records import education as make_education
from crawler.parsers._records import position as make_position
from crawler.parsers._text import clean
from enrichment.dates import PartialDate
from enrichment.model import Education, Position

_WORK = re.compile(
    r"^(?:(?:my|meine|mon|mes|mi|mis)\s+)?(?:"
    r"(?:(?:work|working|professional|industry|relevant|employment|career)\s+)?experiences?"
    r"|employment(?:\s+history)?|work\s+history|career(?:\s+history)?|jobs|positions"
    r"|(?:berufliche\s+)?erfahrung(?:en)?|berufserfahrung|(?:beruflicher\s+)?werdegang"
    r"|exp[ée]riences?(?:\s+professionnelles?)?|parcours(?:\s+professionnel)?"
    r"|experiencia(?:\s+(?:laboral|profesional))?|trayectoria(?:\s+profesional)?"
    r")$",
    re.IGNORECASE,
)
_SCHOOL = re.compile(
    r"^(?:(?:my|meine|mon|ma|mes|mi|mis)\s+)?(?:"
    r"education|academic\s+background|studies|schooling|qualifications|degrees|diplomas"
    r"|dipl[ôo]mes|abschl[üu]sse|t[íi]tulos|titulaciones"
    r"|ausbildung|bildung(?:sweg)?|studium|schulbildung|akademischer\s+werdegang"
    r"|formations?|[ée]tudes|parcours\s+(?:acad[ée]mique|scolaire|universitaire)"
    r"|educaci[óo]n|formaci[óo]n(?:\s+acad[ée]mica)?|estudios"
    r")$",
    re.IGNORECASE,
)
_SKILLS = re.compile(
    r"^(?:(?:my|meine|mes|mis)\s+)?(?:(?:technical|tech|key|core|professional)\s+)?(?:"
    r"(?:_SKILL)(?:\s*(?:&|and|und|et|y)\s*(?:_SKILL))?"
    r")$".replace(
        "_SKILL",
        r"skills?|skill\s+set|tech\s+stack|stack|technologies|tools|competenc(?:ies|es)"
        r"|(?:fach)?kenntnisse|f[äa]higkeiten|technologien|comp[ée]tences(?:\s+techniques)?"
        r"|habilidades(?:\s+t[ée]cnicas)?|tecnolog[íi]as|conocimientos|aptitudes|herramientas",
    ),
    re.IGNORECASE,
)
#: sub-sections of a skills section that list something else
_NOT_SKILLS = re.compile(
    r"^(?:(?:professional|personal|other)\s+)?(?:interests|hobbies|interessen|hobbys"
    r"|centres?\s+d[’']int[ée]r[êe]t|intereses|pasatiempos|in\s+meiner\s+freizeit"
    r"|(?:spoken\s+)?languages\s+spoken|spoken\s+languages|fremdsprachen|sprachen|langues"
    r"|idiomas)\W*$",
    re.IGNORECASE,
)
#: "Experience & Education", "Resume": items of both kinds, each told by what it holds
_BOTH = re.compile(
    r"^(?:(?:work\s+)?experience\s*(?:&|and|und|et|y)\s*education"
    r"|education\s*(?:&|and|und|et|y)\s*(?:work\s+)?experience|resume|r[ée]sum[ée]|cv"
    r"|curriculum(?:\s+vitae)?|lebenslauf)$",
    re.IGNORECASE,
)

_MONTHS = {
    **dict.fromkeys(("jan", "january", "januar", "janvier", "enero", "ene", "janv"), 1),
    **dict.fromkeys(("feb", "february", "februar", "février", "fevrier", "febrero", "févr"), 2),
    **dict.fromkeys(("mar", "march", "märz", "maerz", "mars", "marzo", "mär"), 3),
    **dict.fromkeys(("apr", "april", "avril", "abril", "abr", "avr"), 4),
    **dict.fromkeys(("may", "mai", "mayo"), 5),
    **dict.fromkeys(("jun", "june", "juni", "juin", "junio"), 6),
    **dict.fromkeys(("jul", "july", "juli", "juillet", "julio", "juil"), 7),
    **dict.fromkeys(("aug", "august", "août", "aout", "agosto", "ago"), 8),
    **dict.fromkeys(("sep", "sept", "september", "septembre", "septiembre", "set"), 9),
    **dict.fromkeys(("oct", "october", "okt", "oktober", "octobre", "octubre"), 10),
    **dict.fromkeys(("nov", "november", "novembre", "noviembre"), 11),
    **dict.fromkeys(("dec", "december", "dez", "dezember", "décembre", "decembre", "diciembre",
                     "dic", "déc"), 12),
}  # fmt: skip
_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
#: one point in time: "2019", "Jan 2019", "January, 2019", "15 Jun 2021", "03/2019", "2019-03"
_POINT = (
    rf"(?:(?:\d{{1,2}}\.?\s+)?(?:{_MONTH})\.?,?\s*(?:{_YEAR})?"
    rf"|(?:0?[1-9]|1[0-2])[/.](?:{_YEAR})|{_YEAR}(?:[/.-](?:0[1-9]|1[0-2])(?![\d]))?)"
)
_NOW = (
    r"(?:present|now|current(?:ly)?|today|ongoing|date|heute|jetzt|aktuell|dato"
    r"|aujourd[’']hui|pr[ée]sent|actuel(?:lement)?|maintenant"
    r"|actualidad|presente|hoy|actual|la\s+fecha)"
)
_SEP = r"\s*(?:-|–|—|~|to|until|till|bis(?:\s+zum)?|à|au|a|hasta|al)\s*"
_RANGE = re.compile(
    rf"(?<![\w/])(?:(?:since|seit|depuis|desde)\s+(?P<since>{_POINT})"
    rf"|(?P<start>{_POINT})(?:{_SEP}(?:(?P<now>{_NOW})|(?P<end>{_POINT}))|\s+(?P<onward>and\s+onwards?))?)"
    r"(?![\w/])",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    r"\b(?:bachelor|master|b\.?\s?sc|m\.?\s?sc|b\.?\s?a|m\.?\s?a|b\.?\s?s|m\.?\s?s|b\.?\s?eng"
    r"|m\.?\s?eng|b\.?\s?tech|m\.?\s?tech|mba|ph\.?\s?d|doctor(?:ate)?|diploma|diplom|degree"
    r"|associate|licence|licenciatura|licenciado|grado|m[áa]ster|doctorado|ingeniero|ingénieur"
    r"|dipl\.|abitur|baccalaur[ée]at|bts|dut|magister|staatsexamen|promotion|high\s+school"
    r"|studium|ssc|hsc|sslc|cbse|icse)\b",
    re.IGNORECASE,
)
_INSTITUTION = re.compile(
    r"\b(?:university|universit[äa]t|universit[ée]|universidad|universidade|universit[àa]"
    r"|college|school|institute|institut|instituto|hochschule|fachhochschule|academy|akademie"
    r"|acad[ée]mie|academia|gymnasium|lyc[ée]e|coll[èe]ge|[ée]cole|escuela|colegio|polytechnic"
    r"|polytechnique|polit[ée]cnica|conservatory|seminary|campus)\b",
    re.IGNORECASE,
)
#: how a title names its employer in the same line
_EMPLOYER_SPLIT = re.compile(r"\s+(?:at|@|bei|chez|en|für|for)\s+|\s*@\s*|\s+[|–—·•𑁋]\s+|\s+-\s+")
_ITEM_LINES = 5
_SHORT = 130
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(slots=True)
class Timeline:
    positions: list[Position]
    education: list[Education]
    skills: list[str] = field(default_factory=list)


def read(tree: BeautifulSoup) -> Timeline:
    """Every dated position and every education entry of the page's résumé sections."""
    out = Timeline([], [])
    seen: set[int] = set()
    for heading, kind in _sections(tree):
        if kind == "skills":
            for skill in _skills(heading):
                if skill.casefold() not in {k.casefold() for k in out.skills}:
                    out.skills.append(skill)
            continue
        for item, group in _items(heading):
            if id(item) in seen:
                continue
            seen.add(id(item))
            for texts, anchor in _entries(_item_lines(item), group):
                # a career lists its studies among the jobs, and a school list its
                # internships: an item is read as the other kind when it says so plainly
                job = _position(texts, anchor, group)
                school = _education(texts, anchor, group)
                if job is not None and school is not None:
                    job, school = (None, school) if kind == "school" else (job, None)
                if kind == "work" and school is not None and not _DEGREE.search(" ".join(texts)):
                    school = None  # among jobs, a school only with its degree or studies
                if job is not None and job not in out.positions:
                    out.positions.append(job)
                if school is not None and school not in out.education:
                    out.education.append(school)
    return out


# -- sections and items ----------------------------------------------------------------------


def _heading_kind(text: str) -> str | None:
    text = re.sub(r"[#:*_>\s]+$|^[#*_\W\s]+", "", text).strip()
    text = re.sub(r"\s+", " ", text)
    if not text or len(text) > 40:
        return None
    if _WORK.match(text):
        return "work"
    if _SCHOOL.match(text):
        return "school"
    if _BOTH.match(text):
        return "both"
    if _SKILLS.match(text):
        return "skills"
    return None


def _rank(el: Tag) -> int:
    return int(el.name[1]) if el.name in _HEADINGS else 7


def _sections(tree: BeautifulSoup) -> Iterator[tuple[Tag, str]]:
    for el in tree.find_all([*_HEADINGS, "p", "strong", "b", "dt"]):
        if not isinstance(el, Tag) or el.find_parent(("script", "style", "nav", "footer")):
            continue
        if el.name in ("strong", "b") and (
            el.parent is None or clean(el.parent.get_text(" ")) != clean(el.get_text(" "))
        ):
            continue  # a bold word inside a sentence
        kind = _heading_kind(el.get_text(" "))
        if kind:
            yield el, kind


def _following(heading: Tag) -> list[Tag]:
    """The elements after ``heading`` up to the next heading of its rank or higher; when the
    heading stands alone in its wrapper (``<div><h3>Education</h3></div>``), after the
    wrapper."""
    anchor = heading
    if heading.name in ("strong", "b") and heading.parent is not None:
        anchor = heading.parent
    while anchor.parent is not None and not [
        s for s in anchor.find_next_siblings() if isinstance(s, Tag)
    ]:
        if anchor.parent.name in ("body", "html", "main", "article"):
            break
        anchor = anchor.parent
    rank = _rank(heading)
    out: list[Tag] = []
    for sibling in anchor.find_next_siblings():
        if not isinstance(sibling, Tag):
            continue
        if sibling.name in _HEADINGS and _rank(sibling) <= rank:
            break
        nested = sibling.find(_HEADINGS)
        if (
            sibling.name not in _HEADINGS
            and nested is not None
            and _heading_kind(nested.get_text(" "))
        ):
            break  # the next résumé section, inside its own wrapper
        if _heading_kind(sibling.get_text(" ")) or _bold_line(sibling):
            break
        out.append(sibling)
        if len(out) > 60:
            break
    return out


def _bold_line(el: Tag) -> bool:
    """A paragraph that is one short bold run (``<p><strong>#Language</strong></p>``): the
    heading of the next section, whatever it names."""
    if el.name not in ("p", "div"):
        return False
    bold = el.find(("strong", "b"))
    text = clean(el.get_text(" ")) or ""
    return bold is not None and 0 < len(text) <= 40 and clean(bold.get_text(" ")) == text


def _items(heading: Tag) -> list[tuple[Tag, str | None]]:
    """The section's items, each with the text of the sub-heading it stands under (an
    employer or a school that several items share), if any.

    Several readings of the section are tried (its sub-headings with what follows each, its
    outermost list items, its table rows, its block children) and the one with the most
    dated lines in its items wins, the first of them on a tie: a job's bullet points are list
    items too, and only the items carrying dates are the jobs."""
    scope = _following(heading)
    if not scope:
        return []
    readings: list[list[tuple[Tag, str | None]]] = []
    subs = [el for el in scope if el.name in _HEADINGS]
    if subs:
        readings.append([(_with_following(h), clean(h.get_text(" "))) for h in subs])
    top: list[Tag] = []
    for el in scope:
        for li in [el] if el.name == "li" else el.find_all("li"):
            if not any(p in top for p in li.parents):
                top.append(li)
    readings.append([(li, None) for li in top])
    nested = [h for el in scope for h in el.find_all(_HEADINGS)]
    readings.append([(_with_following(h), None) for h in nested])
    rows = [tr for el in scope for tr in ([el] if el.name == "tr" else el.find_all("tr"))]
    readings.append([(tr, None) for tr in rows])
    blocks = [el for el in scope if el.name in ("p", "div", "section", "article", "dl")]
    readings.append([(el, None) for el in blocks])
    best: list[tuple[Tag, str | None]] = []
    most = 0
    for reading in readings:
        dated = sum(_dated_lines(item) for item, _ in reading)
        if dated > most:
            best, most = reading, dated
    return best


def _dated_lines(item: Tag) -> int:
    return sum(1 for text in _item_lines(item) if _dates(text) is not None)


def _with_following(heading: Tag) -> Tag:
    """A sub-heading and what follows it up to the next heading, as one element (copied)."""
    holder = BeautifulSoup("<div></div>", "html.parser").div
    assert holder is not None
    holder.append(BeautifulSoup(str(heading), "html.parser"))
    for sibling in heading.find_next_siblings():
        if isinstance(sibling, Tag) and (sibling.name in _HEADINGS or sibling.find(_HEADINGS)):
            break
        holder.append(BeautifulSoup(str(sibling), "html.parser"))
    return holder


_INLINE = ("strong", "b", "em", "i", "small", "time", "code")


def _break_inline_runs(item: Tag) -> Tag:
    """``**Senior Engineer**\\n*Austin, TX*\\n*2023 - 2024*``: Markdown's soft line breaks
    between emphasised runs render as spaces, but the emphasis sets each run apart as a line of
    its own, as a reader sees it. A copy of ``item`` with a line break between such runs."""
    copy = BeautifulSoup(str(item), "html.parser")
    for el in copy.find_all(_INLINE):
        gap = el.next_sibling
        if isinstance(gap, NavigableString) and "\n" in gap and not gap.strip():
            after = gap.next_sibling
            if isinstance(after, Tag) and after.name in _INLINE:
                gap.replace_with(copy.new_tag("br"))
    return copy


def _item_lines(item: Tag) -> list[str]:
    """The item's short lines: heading, title, employer, dates, place (the descriptions'
    sentences are left out)."""
    out = []
    for text in lines(_break_inline_runs(item)):
        text = text.strip(" *_:;|•·-–—").strip()
        if not text or len(text) > _SHORT or (text.endswith(".") and len(text.split()) > 10):
            continue
        out.append(text)
    return out


def _entries(texts: list[str], group: str | None) -> Iterator[tuple[list[str], int]]:
    """One entry per dated line: the lines since the previous dated one (and, for the last,
    those after it), with the index of its dated line. An item listing two jobs under one
    employer's heading (title, dates; title, dates) gives two entries."""
    anchors = [i for i, text in enumerate(texts) if _dates(text) is not None]
    if group and texts and texts[0] == group:
        texts = texts[1:]
        anchors = [i - 1 for i in anchors if i > 0]
    if not anchors:
        yield texts, -1
        return
    begin = 0
    for n, anchor in enumerate(anchors):
        last = n == len(anchors) - 1
        stop = len(texts) if last else anchor + 1
        if not last and anchors[n + 1] == anchor + 1:
            stop = anchor + 1
        chunk = texts[begin:stop]
        yield chunk, anchor - begin
        begin = stop


def _skills(heading: Tag) -> list[str]:
    """A skills section's items: its list items, table cells (not the header's) and
    comma-separated lines of short names; not a sub-section of interests or hobbies."""
    found: list[str] = []
    skipping = False
    scope = _following(heading)
    # a theme's skill gauges: "<h6>html</h6>" under each bar, one or a few per column
    gauges = sum(len(el.find_all(("h4", "h5", "h6"))) for el in scope) >= 3
    for el in scope:
        if el.name in _HEADINGS:
            skipping = bool(_NOT_SKILLS.match(_trim(clean(el.get_text(" ")) or "")))
            continue
        if skipping:
            continue
        cells = [li for li in el.find_all("li")] if el.name not in ("li", "td") else [el]
        cells += el.find_all("td")
        if gauges:
            cells += el.find_all(("h4", "h5", "h6"))
        texts = [clean(c.get_text(" ")) or "" for c in cells if not c.find(("ul", "ol"))]
        if not cells and el.name == "p":
            for line in lines(el):
                parts = [p.strip() for p in re.split(r",\s+(?![^(]*\))|\s+and\s+", line)]
                if len(parts) >= 3 and all(0 < len(p) <= 30 for p in parts):
                    texts.extend(parts)
                elif re.match(r"^[-•·*]\s+\S", line):
                    texts.append(line)  # "- Teamwork": a list written as paragraphs
        for text in texts:
            if text.lstrip().startswith(("...", "…")):
                continue  # "… ein absoluter Teamplayer": the end of a sentence
            text = _trim(text.strip(" *-•·"))
            if not text or len(text) > 40 or text.endswith(".") or ":" in text:
                continue
            found.append(text)
    return found


# -- dates -----------------------------------------------------------------------------------


def _point(text: str | None) -> PartialDate | None:
    if not text:
        return None
    year = re.search(_YEAR, text)
    month = re.search(rf"(?<![^\W\d_])({_MONTH})(?![^\W\d_])", text, re.IGNORECASE)
    numeric = re.match(r"^\s*(0?[1-9]|1[0-2])[/.](\d{4})", text) or re.match(
        r"^\s*(\d{4})[/.-](0[1-9]|1[0-2])\s*$", text
    )
    if year is None:
        return None
    m: int | None = None
    if month:
        m = _MONTHS.get(month.group(1).casefold().rstrip("."))
    elif numeric:
        a, b = numeric.groups()
        m = int(b) if len(a) == 4 else int(a)
    return PartialDate(int(year.group(0)), m, _day(text) if m else None)


def _day(text: str) -> int | None:
    """The day of "15 Jun 2021" / "15. Juni 2021"."""
    found = re.match(rf"^\s*(\d{{1,2}})\.?\s+(?:{_MONTH})", text, re.IGNORECASE)
    return int(found.group(1)) if found and 1 <= int(found.group(1)) <= 31 else None


@dataclass(slots=True)
class _Dates:
    start: PartialDate | None
    end: PartialDate | None
    current: bool
    rest: str


def _dates(text: str) -> _Dates | None:
    """The date or date range in ``text`` and the text without it."""
    for found in _RANGE.finditer(text):
        since = found.group("since")
        start_text = since or found.group("start")
        if not start_text or not re.search(_YEAR, found.group(0)):
            continue
        end_text = found.group("end")
        start = _point(start_text)
        end = _point(end_text) if end_text else None
        if start is None and end is not None:
            # "Jan – Jun 2021", "15 Jun - 15 sep 2021": the start's year is the end's
            named = re.search(_MONTH, start_text, re.IGNORECASE)
            month = _MONTHS.get(named.group(0).casefold()) if named else None
            start = PartialDate(end.year, month, _day(start_text)) if month else None
        if start is None:
            continue
        current = bool(since or found.group("now") or found.group("onward"))
        if end is None and not current:
            end = start  # one date: within that time
        if end is not None and end < start:
            continue
        rest = clean(text[: found.start()] + " " + text[found.end() :]) or ""
        rest = re.sub(r"\(\s*\)|\[\s*\]", " ", rest)
        rest = rest.strip(" ,;:|–—-*").strip()
        if rest.count("(") < rest.count(")") and rest.startswith(")"):
            rest = rest[1:].strip()
        if rest.count("(") > rest.count(")") and rest.endswith("("):
            rest = rest[:-1].strip()
        return _Dates(start, None if current else end, current, rest)
    return None


# -- items -----------------------------------------------------------------------------------


def _trim(text: str) -> str:
    """``text`` without the punctuation around it, and without a parenthesis it does not
    close: ``(Acme)`` -> ``Acme``, ``Blockchain Terminal (BCT)`` stays whole."""
    text = text.strip(" ,;:").strip()
    while text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    if text.endswith("(") or (text.endswith(")") and text.count("(") < text.count(")")):
        text = text[:-1].strip()
    if text.startswith(")") or (text.startswith("(") and text.count("(") > text.count(")")):
        text = text[1:].strip()
    return text.strip(" ,;:")


_WORKED_AS = re.compile(
    r"^(?:I\s+)?(?:work(?:ed|ing)?|employed)\s+as\s+(?:an?\s+)?|^(?:ich\s+)?arbeit(?:e|ete)\s+als\s+"
    r"|^(?:je\s+)?travaill(?:e|ais)\s+(?:comme|en\s+tant\s+que)\s+|^(?:trabaj[oé])\s+como\s+",
    re.IGNORECASE,
)
#: the kind of engagement before an employer's name: "Internship MAK Enterprises"
_ENGAGEMENT = re.compile(
    r"^(?:internship|intern|stage|praktikum|pr[áa]cticas|freelance|contract)\s+(?:at\s+|bei\s+|chez\s+|en\s+)?",
    re.IGNORECASE,
)


def _title_and_employer(text: str) -> tuple[str, str | None] | None:
    """``Senior Engineer at Acme`` / ``Acme | Senior Engineer`` / ``Senior Engineer``: the
    title (lexicon title-like) and the employer named beside it."""
    text = _trim(_WORKED_AS.sub("", text))
    if not text:
        return None
    parts = [_trim(p) for p in _EMPLOYER_SPLIT.split(text, maxsplit=1)]
    if len(parts) == 2 and all(parts):
        first, second = parts
        if _titled(first) and not _titled(second):
            return first, second
        if _titled(second) and not _titled(first):
            return second, first
    if "," in text:
        first, _, second = text.partition(",")
        first, second = first.strip(), second.strip()
        if _titled(first) and second and not _titled(second):
            return first, second
    if _titled(text):
        return text, None
    return None


def _titled(text: str) -> bool:
    return bool(text) and has_job_word(text) and is_title(text) and not _INSTITUTION.search(text)


def _near(texts: list[str], anchor: int) -> list[int]:
    """Indexes of the entry's lines, nearest to its dated line first (before it, then after)."""
    before = list(range(anchor - 1, -1, -1))
    after = list(range(anchor + 1, len(texts)))
    return before + after if anchor >= 0 else list(range(len(texts)))


def _position(texts: list[str], anchor: int, group: str | None) -> Position | None:
    if anchor < 0:
        return None
    dated = _dates(texts[anchor])
    assert dated is not None
    candidates = ([dated.rest] if dated.rest else []) + [texts[i] for i in _near(texts, anchor)]
    title = employer = None
    for text in candidates:
        read = _title_and_employer(text)
        if read is not None:
            title, employer = read
            break
    if title is None and group:
        # "### Software Engineer | SAP SE" over its dates: the sub-heading is the job itself
        read = _title_and_employer(group)
        if read is None:
            return None
        title, employer = read
        group = None
    if title is None:
        return None
    if employer is None:
        after = [texts[i] for i in range(anchor + 1, len(texts))]
        before = [texts[i] for i in range(anchor - 1, -1, -1)]
        named = [t for t in after[:1] if len(t.split()) <= 6 and not t.endswith(".")]
        others = [
            t
            for t in [*([group] if group else []), *named, *before]
            if t and t != title and not _place_like(t) and not _titled(t) and _dates(t) is None
        ]
        employer = others[0] if others and len(others[0]) <= 60 else None
    if employer:
        employer = _ENGAGEMENT.sub("", employer).strip() or None
    return make_position(title, employer, dated.start, dated.end)


#: an education level as a label before the school's name
_LEVEL_LABEL = re.compile(
    r"^(?P<label>(?:[^:]{0,20}\b)?(?:university|universit[äa]t|universit[ée]|universidad"
    r"|college|school|pre-?u|high\s+school|secondary|primary|bachelor|master|ph\.?d|diploma"
    r"|licence|grado|abitur|bac)\b[^:]{0,20}?)\s*:\s*(?P<school>\S.{1,80})$",
    re.IGNORECASE,
)
_AREA_AFTER = re.compile(r"^(?P<degree>.+?)\s+(?:in|en|im|em)\s+(?P<area>[^\W\d_].{2,60})$")
_MAJOR = re.compile(
    r"^(?:major|minor|field|fach|sp[ée]cialit[ée]|especialidad)\s*(?:in|:)?\s*", re.I
)


def _degree_and_area(
    degree: str, pieces: list[str], institution: str
) -> tuple[str | None, str | None]:
    """``Master of Science in Informatik`` -> (``Master of Science``, ``Informatik``);
    ``Master of Science``, ``Major in Computer Science`` -> (``…``, ``Computer Science``);
    ``Computer Engineering`` 𑁋 ``Bachelor of Applied Science`` -> the field beside it."""
    studies = re.match(
        r"^studium\s+(?:der\s+|des\s+)?(?P<area>[^(]+?)\s*(?:\((?P<d>[^)]*)\))?$", degree, re.I
    )
    if studies:
        # "Studium Biologie (Diplom)": the field studied, and the degree in brackets if any
        inner = studies.group("d")
        return (inner if inner and _DEGREE.search(inner) else None), studies.group("area")
    short = re.match(
        r"^(?P<degree>[A-Z][A-Za-z.]{1,5})\s+(?P<area>[^\W\d_][\w\s&-]{2,50})$", degree
    )
    if (
        short
        and _DEGREE.fullmatch(short.group("degree"))
        and sum(c.isupper() for c in short.group("degree")) >= 2  # an acronym: DUT, BSc, MBA
    ):
        return short.group("degree"), short.group("area").strip()  # "DUT Informatique"
    split = _AREA_AFTER.match(degree)
    if split and _DEGREE.search(split.group("degree")):
        return split.group("degree").strip(" ,"), split.group("area").strip(" .,")
    at = pieces.index(degree)
    for i in (at + 1, at - 1):
        if 0 <= i < len(pieces):
            other = pieces[i]
            if other == institution or _DEGREE.search(other) or _dates(other) is not None:
                continue
            major = _MAJOR.match(other)
            if major or (
                i == at - 1 and len(other.split()) <= 4 and not _INSTITUTION.search(other)
            ):
                area = other[major.end() :] if major else other
                return degree, area.strip(" .,") or None
    return degree, None


def _place_like(text: str) -> bool:
    """``Austin, TX``, ``Berlin, Germany``, ``Remote``: a place under a job, not its employer."""
    if text.casefold() in ("remote", "hybrid", "on-site", "onsite", "télétravail"):
        return True
    return bool(re.fullmatch(r"[^\W\d_][\w .'-]{1,30},\s*[^\W\d_][\w .'-]{1,30}", text)) and (
        not has_job_word(text)
    )


def _education(texts: list[str], anchor: int, group: str | None) -> Education | None:
    dated = _dates(texts[anchor]) if anchor >= 0 else None
    rest = [dated.rest] if dated and dated.rest else []
    rest += [t for i, t in enumerate(texts) if i != anchor]
    if group:
        rest.append(group)
    pieces = [p for text in rest for p in _school_pieces(text)]
    pieces = [p for p in pieces if p and not p.casefold().startswith("location")]
    for i, piece in enumerate(pieces):
        labelled = _LEVEL_LABEL.match(piece)
        if labelled:
            # "University: UTM", "PRE-U (STPM) : SMJK Gajah Berang": the level, then the school
            level, school = labelled.group("label"), labelled.group("school")
            acronym = re.search(r"\(([A-Z]{2,6})\)", level)
            pieces[i] = school
            label = acronym.group(1) if acronym else level if _DEGREE.search(level) else None
            if not _INSTITUTION.search(school):
                return _finish(school, label, None, dated)
            if label:
                pieces.insert(i + 1, label)
            break
    schools = [p for p in pieces if _INSTITUTION.search(p)]
    institution = next(
        (p for p in schools if not _DEGREE.search(p)), schools[0] if schools else None
    )
    degree = next((p for p in pieces if _DEGREE.search(p) and p != institution), None)
    if institution is not None and degree is None:
        # "Osaka Metropolitan University B.Sc. in Computer Science": the school, then the degree
        inside = _DEGREE.search(institution)
        if inside and inside.start() > 0 and _INSTITUTION.search(institution[: inside.start()]):
            at = pieces.index(institution)
            institution, degree = (
                institution[: inside.start()].strip(" ,"),
                institution[inside.start() :].strip(" .,"),
            )
            pieces[at : at + 1] = [institution, degree]
    if institution is None and degree is not None and group and not _DEGREE.search(group):
        institution = group
    if institution is None and degree is not None:
        # "DUT Informatique, IUT d'Amiens": a degree and one other name beside it, the school
        others = [p for p in pieces if p != degree and not _place_like(p) and _dates(p) is None]
        if len(others) == 1 and len(others[0].split()) <= 8:
            institution = others[0]
    if institution is None or institution == degree:
        return None
    area = None
    if degree is not None:
        degree, area = _degree_and_area(degree, pieces, institution)
    return _finish(institution, degree, area, dated)


def _school_pieces(text: str) -> list[str]:
    """A school line's parts (split at dashes, bars and commas), but a school and its unit kept
    whole ("University of Toronto – School of Continuing Studies"), and of two schools joined
    by a slash ("Universität Leipzig / Martin-Luther-Universität Halle") the first."""
    parts = [p.strip() for p in re.split(r"\s+[|–—·•𑁋]\s+", text)]
    if len(parts) > 1 and all(_INSTITUTION.search(p) for p in parts):
        parts = [" – ".join(parts)] if "–" in text else [text.strip()]
    out = []
    for part in parts:
        pieces = [p.strip() for p in re.split(r"\s*,\s+(?=\S)|\s+,(?=\S)", part)]
        for piece in pieces:
            schools = [s.strip() for s in piece.split(" / ")]
            if len(schools) > 1 and all(_INSTITUTION.search(s) for s in schools):
                piece = schools[0]
            out.append(piece)
    return out


def _finish(
    institution: str, degree: str | None, area: str | None, dated: _Dates | None
) -> Education | None:
    start = dated.start if dated else None
    end = dated.end if dated else None
    if dated is not None and not dated.current and start == end:
        start = None  # one date under a school: when it was finished
    return make_education(institution, degree, area, start, end)
