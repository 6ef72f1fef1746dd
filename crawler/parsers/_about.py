"""The readable fallback: a plain "about me" page with no markup, read conservatively.

It answers only what it is sure of, and nothing when unsure:

* the name: ``profile:first_name`` + ``profile:last_name`` meta (Open Graph profile), else the
  page's single ``<h1>`` when it looks like a personal name (2-4 capitalised words, no digits),
  else ``og:title`` under the same test. A page with several ``<h1>`` has no clear name.
* the job: exactly one first-person sentence of the forms below, where the title and company are
  short runs of words; two different such sentences are ambiguous and give no job.
  English ``I am a/an/the T at C``, ``I'm …``, ``I work as T at C``; German ``Ich bin T bei C``;
  French ``Je suis T chez C``; Spanish ``Soy T en C``.
* a self-introduction giving the name and a title without a company: ``I'm Paul, a DevOps
  Engineer.``, ``Ich bin Paul, Softwareentwickler``, ``Je suis Paul, ingénieur …``, ``Soy Paul,
  desarrollador …``: the name (when the page gives none) and a title, only when the title is
  title-like by the seniority lexicon (:func:`crawler.parsers._names.is_title`).
* a headline: the short line right under the single ``<h1>`` name, when it names a job
  (``<h1>Bruno Ruiz</h1><h2>Desarrollador Web</h2>``), when no sentence gives the job;
  and the GitHub account, when the page links to exactly one.
* the author naming themself: ``I'm Antoine Leblanc (…)``, ``My name is Daniel Stanecki and …``,
  ``Je m'appelle …``, ``Ich heiße …``, ``Me llamo …`` (the name, when the page's headings give
  none and the page names one person so);
* the author naming themself, then a title ending the sentence: ``Je m'appelle Orion Charlier et
  je suis développeur freelance.`` (``My name is X and I'm a T.``, ``und ich bin``, ``y soy``;
  title-like by the lexicon), when no other sentence gives the job; clauses set off by commas
  may come between (``Me llamo Benjamin Saldaño, soy de Buenos Aires, Argentina, tengo 22 años
  y soy desarrollador web.``), one saying where the speaker is from giving the location;
* a title with no employer, written in capitals after ``I'm a``: ``I'm a Chicago-based DevOps
  Engineer specializing in …`` (the title up to the first word in lower case, title-like by the
  lexicon; the place before ``-based`` as the location), when no other sentence gives the job;
* a place after the title (``a Software Engineer from Dhaka, Bangladesh``, ``based in``) as the
  location; an ``I am working at C`` sentence as the employer of a title given without one; a
  bio's ``@Handle`` as the employer (``I'm a Senior Software Engineer @VMwareTanzuLabs``, the
  handle's words split); the one ``mailto:`` address the page links to (or, linking none,
  the one address its text writes);
* dated lines of a career list: ``Co-founder at X, 2014-now`` (``bei``/``chez``/``en`` too;
  ``now``/``present``/``today``/``heute``/``aujourd'hui``/``actualidad``/``hoy`` or a year as
  the end), each a position, with the same title test;
* then, for what the rules above leave unread, the grammar of self-description sentences of
  :mod:`crawler.parsers._selfdesc`: the jobs (when the rules found none: job clauses with their
  employer, place and dates, appositions, a profile tagline, an employer said without a title;
  titles alone in two different sentences are ambiguous and give none), the schooling and the
  place (when the rules found none).

A page that names nobody by any of the rules (nor by a ``<title>`` opening with a name, nor by
``I'm Mateusz Lesiuk a Front End Developer``) is the person the target's context names
(``context["full_name"]``), and gives a record only when it states a career fact (a position,
a school or a place).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from crawler.parsers import _selfdesc
from crawler.parsers._blocks import lines
from crawler.parsers._microformats import github_user
from crawler.parsers._names import has_job_word, is_name, is_title
from crawler.parsers._records import education as make_education
from crawler.parsers._records import position as make_position
from crawler.parsers._schemaorg import PersonParts
from crawler.parsers._text import clean

_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_NAME = re.compile(
    rf"^{_NAME_WORD}(?:\s+(?:(?:van|von|de|da|del|der|di|la|le)\s+)?{_NAME_WORD}){{1,3}}$"
)
_RUN = r"[^\s.,;:!?()][^.,;:!?()\n]{0,60}?"  # a short run of words
_CO = r"[A-Z0-9À-ÖØ-Þ][\w&'’-]*(?:[ \t]+(?:&[ \t]+)?[A-Z0-9À-ÖØ-Þ][\w&'’-]*){0,4}"
#: ``… en la empresa Itep Travel``, ``… bei der Firma X``, ``… chez la société X``: the word for
#: a company before its name.
_CO_NOUN = (
    r"(?:(?:(?:la|el|der|die|the|une?|a)\s+)?"
    r"(?:empresa|compañía|Firma|société|entreprise|company|firm)\s+)?"
)
_JOB_SENTENCES = [
    re.compile(
        rf"\bI(?:\s+am|’m|'m)\s+(?:currently\s+)?(?:a|an|the)\s+(?P<title>{_RUN})\s+at\s+(?P<company>{_CO})"
    ),
    # "Senior Software Engineer @VMwareTanzuLabs": a bio's "@" handle as the employer
    re.compile(
        rf"\bI(?:\s+am|’m|'m)\s+(?:currently\s+)?(?:a|an|the)\s+(?P<title>{_RUN})\s+@(?P<company>[A-Za-z][A-Za-z0-9_]{{1,30}})\b"
    ),
    re.compile(rf"\bI\s+work\s+as\s+(?:a|an|the)\s+(?P<title>{_RUN})\s+at\s+(?P<company>{_CO})"),
    re.compile(rf"\bIch\s+bin\s+(?:derzeit\s+)?(?P<title>{_RUN})\s+bei\s+(?P<company>{_CO})"),
    # "Aktuell arbeite ich als Softwareentwickler bei Nerdlichter", "Ich arbeite als T bei C"
    re.compile(
        rf"\b(?:[Ii]ch\s+arbeite|arbeite\s+ich)\s+(?:(?:derzeit|aktuell|zurzeit|momentan|jetzt)\s+)?"
        rf"als\s+(?P<title>{_RUN})\s+bei\s+{_CO_NOUN}(?P<company>{_CO})"
    ),
    # "Je travaille comme T chez C", "je travaille en tant que T chez C"
    re.compile(
        rf"\b[Jj]e\s+travaille\s+(?:actuellement\s+)?(?:comme|en\s+tant\s+que)\s+"
        rf"(?P<title>{_RUN})\s+chez\s+{_CO_NOUN}(?P<company>{_CO})"
    ),
    # "Trabajo como T en C"
    re.compile(
        rf"\b[Tt]rabajo\s+(?:actualmente\s+)?como\s+(?P<title>{_RUN})\s+en\s+{_CO_NOUN}"
        rf"(?P<company>{_CO})"
    ),
    re.compile(rf"\bJe\s+suis\s+(?:actuellement\s+)?(?P<title>{_RUN})\s+chez\s+(?P<company>{_CO})"),
    re.compile(rf"\bSoy\s+(?P<title>{_RUN})\s+en\s+(?P<company>{_CO})"),
]
_INTRO = re.compile(
    r"\b(?:I(?:\s+am|’m|'m)|Ich\s+bin|Je\s+suis|Soy)\s+(?P<name>[^\W\d_][^,.;:!?()]{0,40}?),\s+"
    r"(?:a|an|ein|eine|un|une|una)?\s*(?P<title>[^.;:!?()]{2,60}?)(?:\s+(?:at|bei|chez|en)\s+(?P<company>"
    + _CO
    + r"))?\s*(?:[.;!]|$)"
)
_NOW = r"(?:now|present|today|heute|aujourd[’']hui|actualidad|hoy|\d{4})"
_DATED = re.compile(
    r"^(?P<title>[^,.;:!?()]{2,60}?)\s+(?:at|bei|chez|en)\s+(?P<company>"
    + _CO
    + rf"),?\s+(?:\(?)(?P<start>\d{{4}})\s*[-–—]\s*(?P<end>{_NOW})\)?\.?$",
    re.IGNORECASE,
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TITLE_WORDS = re.compile(r"^(?:[\w/&+’'-]+\s?){1,6}$")
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*"
#: ``I'm Antoine Leblanc (…)``, ``My name is Daniel Stanecki and …``, ``Je m'appelle …``: the
#: speaker's name, a run of capitalised words (checked by :func:`is_name`).
_SELF_NAME = re.compile(
    r"\b(?:I(?:\s+am|’m|'m)|[Mm]y\s+name\s+is|Je\s+m[’']appelle|Ich\s+hei(?:ß|ss)e|"
    r"Mein\s+Name\s+ist|Me\s+llamo|Mi\s+nombre\s+es|Je\s+suis|Ich\s+bin|Soy)\s+"
    rf"(?P<name>{_CAP}(?:\s+(?:(?:van|von|de|da|del|der|di|la|le)\s+)?{_CAP}){{1,3}})"
    r"(?=\s*(?:[(,.;!]|and\b|und\b|et\b|y\b|alias\b|aka\b|$))"
)
#: ``I'm a Chicago-based DevOps Engineer specializing in …``: a title written in capitals after
#: the article, up to the first word in lower case, with no employer; a place before ``-based``.
_BARE_TITLE = re.compile(
    r"\bI(?:\s+am|’m|'m)\s+(?:currently\s+)?(?:a|an)\s+"
    rf"(?:(?P<place>{_CAP}(?:\s+{_CAP})?)-based\s+)?"
    r"(?P<title>[A-Z][\w/&+’'-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w/&+’'-]*){0,4})"
    r"(?=\s+[a-z]|\s*[.,;!]|\s*$)"
)


def _meta(tree: BeautifulSoup, prop: str) -> str | None:
    tag = tree.find("meta", attrs={"property": prop}) or tree.find("meta", attrs={"name": prop})
    content = tag.get("content") if tag else None
    return clean(content) if isinstance(content, str) else None


#: An about page's own heading ("Sobre Mí", "Über mich", "About Me"): not the person's name.
_ABOUT_HEADING = re.compile(
    r"^(?:about(?:\s+me)?|über\s+mich|à\s+propos(?:\s+de\s+moi)?|qui\s+suis-je\s*\??|"
    r"sobre\s+m[ií]|acerca\s+de\s+m[ií]|wer\s+bin\s+ich\s*\??)$",
    re.IGNORECASE,
)


def _looks_like_name(text: str | None) -> bool:
    if not text or _ABOUT_HEADING.match(text):
        return False
    return len(text) <= 60 and bool(_NAME.match(text))


def _name(tree: BeautifulSoup) -> str | None:
    first, last = _meta(tree, "profile:first_name"), _meta(tree, "profile:last_name")
    if first and last:
        return f"{first} {last}"
    headings = [clean(h.get_text(" ")) for h in tree.find_all("h1")]
    if len(headings) == 1 and _looks_like_name(headings[0]):
        return headings[0]
    if len(headings) == 1 and _ABOUT_HEADING.match(headings[0] or ""):
        # "<h1>About</h1> … <h3>Ivo Penkov</h3>": the one lower heading that is a name
        lower = {clean(h.get_text(" ")) for h in tree.find_all(["h2", "h3"])}
        named = {h for h in lower if _looks_like_name(h) and not has_job_word(h or "")}
        if len(named) == 1:
            return next(iter(named))
    og_title = _meta(tree, "og:title")
    if not headings and _looks_like_name(og_title):
        return og_title
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(tree: BeautifulSoup) -> list[str]:
    """The page's visible text, one sentence (or block line) at a time."""
    for tag in tree(["script", "style", "noscript", "nav", "footer", "header", "template"]):
        tag.decompose()
    # One line per block element (a link inside a paragraph does not end its sentence).
    text = "\n".join(lines(tree))
    return [s for s in (clean(part) for part in _SENTENCE_END.split(text)) if s]


#: A labelled line of a profile list: ``Name: Dirk Friedenberger``, ``Beruflich: Informatiker bei
#: der DB Systel GmbH in Frankfurt und externer Doktorand am Hasso-Plattner-Institut``.
_LABEL_NAME = re.compile(r"^(?:Name|Nom|Nombre|Full\s+name)\s*:\s*(?P<name>.+)$", re.IGNORECASE)
_LABEL_JOB = re.compile(
    r"^(?:Beruflich|Beruf|Tätigkeit|Job|Position|Occupation|Work|Profession|Poste|Métier|"
    r"Profesión|Puesto|Trabajo)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_PLACE_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_LABELLED_JOB = re.compile(
    r"^(?P<title>[^,.;:!?()]{2,60}?)\s+"
    r"(?:at|bei(?:\s+der|\s+dem|\s+den)?|am|an\s+der|im|chez|en)\s+"
    rf"(?P<company>{_CO})(?:\s+in\s+{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD})?)?$"
)
_AND = re.compile(r"\s+(?:und|and|et|y)\s+")


_LABEL_FIRST = re.compile(
    r"^(?:First\s+name|Given\s+name|Vorname|Prénom|Nombre)\s*:\s*(?P<name>.+)$", re.IGNORECASE
)
_LABEL_LAST = re.compile(
    r"^(?:Last\s+name|Surname|Family\s+name|Nachname|Familienname|Nom|Apellidos?)\s*:\s*"
    r"(?P<name>.+)$",
    re.IGNORECASE,
)


def labelled_name(lines: list[str]) -> str | None:
    """The name of the page's one ``Name: …`` line, or of its one ``First name: …`` and one
    ``Last name: …`` line (``Vorname``/``Nachname``, ``Prénom``/``Nom``, ``Nombre``/``Apellido``),
    when it is a personal name."""
    firsts = {clean(m[1]) for line in lines if (m := _LABEL_FIRST.match(line))}
    lasts = {clean(m[1]) for line in lines if (m := _LABEL_LAST.match(line))}
    if len(firsts) == 1 and len(lasts) == 1:
        joined = f"{next(iter(firsts))} {next(iter(lasts))}"
        if is_name(joined):
            return joined
    found = {n for line in lines for m in [_LABEL_NAME.match(line)] if m for n in [clean(m[1])]}
    name = next(iter(found)) if len(found) == 1 else None
    return name if name and is_name(name) else None


def labelled_jobs(lines: list[str]) -> list[tuple[str, str]]:
    """(title, company) of each job of a ``Beruflich: T bei C und T2 am C2`` line: every part
    of the value must read as a title at an employer, or the line gives nothing."""
    out: list[tuple[str, str]] = []
    for line in lines:
        m = _LABEL_JOB.match(line)
        if not m:
            continue
        parts = [_LABELLED_JOB.match(part.strip()) for part in _AND.split(m["value"])]
        jobs = [(clean(p["title"]) or "", clean(p["company"]) or "") for p in parts if p]
        if len(jobs) == len(parts) and all(is_title(t) for t, _ in jobs):
            out += jobs
    return out


#: ``je suis Architecte logiciel, Responsable de l'axe … chez Cofomo Québec``: a title, then a
#: second one in apposition (capitalised, naming a job), then the employer: the first title and
#: that employer.
_APPOSED = re.compile(
    r"\b(?:I(?:\s+am|’m|'m)\s+(?:currently\s+)?(?:a|an|the)|[Jj]e\s+suis(?:\s+(?:un|une))?|"
    r"[Ii]ch\s+bin(?:\s+(?:ein|eine))?|[Ss]oy(?:\s+(?:un|una))?)\s+"
    rf"(?P<title>{_RUN}),\s+(?P<second>[A-ZÀ-ÖØ-Þ][^.;!?]{{1,160}}?)\s+(?:at|bei|chez|en)\s+"
    rf"(?P<company>{_CO})"
)


def apposed_jobs(lines: list[str]) -> dict[tuple[str | None, str | None], str]:
    """Each (title, company) of a sentence giving a title, a second title, then the employer."""
    jobs: dict[tuple[str | None, str | None], str] = {}
    for line in lines:
        for m in _APPOSED.finditer(line):
            title, second = clean(m.group("title")), m.group("second")
            if title and is_title(title) and has_job_word(second.split()[0]):
                jobs.setdefault((title, clean(m.group("company"))), line)
    return jobs


#: ``… bei Nerdlichter in Hamburg.``, ``… at Acme in Berlin.``: a place named right after the
#: employer, ending the sentence, is where the person works.
_PLACE_AFTER_EMPLOYER = re.compile(
    r"^\s+in\s+(?P<place>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]*)?)\s*(?:[.!;]|$)"
)


def place_after(line: str, company: str | None) -> str | None:
    """The place of ``… bei C in P.`` in a job sentence, for its company C."""
    if not company:
        return None
    at = line.find(company)
    m = _PLACE_AFTER_EMPLOYER.match(line[at + len(company) :]) if at >= 0 else None
    return clean(m.group("place")) if m else None


def job_sentences(lines: list[str]) -> dict[tuple[str | None, str | None], str]:
    """Each distinct (title, company) stated in a first-person sentence, with its sentence."""
    jobs: dict[tuple[str | None, str | None], str] = {}
    for line in lines:
        for pattern in _JOB_SENTENCES:
            for m in pattern.finditer(line):
                if _TITLE_WORDS.match(m.group("title").strip()) and _selfdesc.title_words_ok(
                    m.group("title")
                ):
                    company = clean(m.group("company"))
                    if company and m.group(0).find("@") >= 0:
                        company = _CAMEL.sub(
                            " ", company
                        )  # "VMwareTanzuLabs" → "VMware Tanzu Labs"
                    jobs.setdefault((clean(m.group("title")), company), line)
    return jobs


_PLACE_AFTER = re.compile(
    r"^(?P<title>.+?)\s+(?:from|based\s+in|living\s+in|aus|de|basé\s+à|basée\s+à)\s+"
    r"(?P<place>[A-ZÀ-ÖØ-Þ][\w’'.-]*(?:,?\s+[A-ZÀ-ÖØ-Þ][\w’'.-]*){0,3})$"
)


def place_of(title: str) -> tuple[str, str | None]:
    """``Software Engineer from Dhaka, Bangladesh`` → (``Software Engineer``, ``Dhaka,
    Bangladesh``): a place said after the title is the person's location, not the title."""
    m = _PLACE_AFTER.match(title)
    if m and is_title(m.group("title")):
        return clean(m.group("title")) or title, clean(m.group("place"))
    return title, None


#: ``Ich bin Bastian, 22 Jahre alt und Fullstack-Softwareentwickler``: an age before the title.
_AGE = re.compile(
    r"^\s*\d{1,2}\s+(?:Jahre\s+alt|years?\s+old|ans|años)\s*(?:,|und|and|et|y)\s+",
    re.IGNORECASE,
)


def introductions(lines: list[str]) -> dict[tuple[str, str | None, str | None], str]:
    """Each (name, title, company) of an ``I'm Paul, a DevOps Engineer`` sentence."""
    found: dict[tuple[str, str | None, str | None], str] = {}
    for line in lines:
        for m in _INTRO.finditer(line):
            name, title = clean(m.group("name")), clean(_AGE.sub("", m.group("title")))
            if name and title and is_title(title) and (is_name(name) or " " not in name):
                found.setdefault((name, title, clean(m.group("company"))), line)
    return found


#: ``Currently, I am working at OpenRefactory``, ``I work for Acme``: an employer without a title.
_WORK_AT = re.compile(
    r"\bI(?:\s+am|’m|'m)?\s+(?:currently\s+|now\s+)?(?:working|work)\s+(?:at|for|with)\s+"
    rf"(?P<company>{_CO})"
)


def employers(lines: list[str]) -> set[str]:
    """The employers named by ``I am working at C`` sentences."""
    return {c for line in lines for m in _WORK_AT.finditer(line) for c in [clean(m.group(1))] if c}


_MAILTO = re.compile(r"^mailto:([^?\s]+@[^?\s]+)$", re.IGNORECASE)


_WRITTEN_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"
)


def email_of(tree: BeautifulSoup) -> str | None:
    """The page's e-mail address, when it links to exactly one (``mailto:``); else, when it
    links to none, the one address its text writes (``mail : x@example.org``, in a code block
    too)."""
    found = {
        m.group(1)
        for a in tree.find_all("a", href=True)
        for m in [_MAILTO.match(str(a.get("href")))]
        if m
    }
    if not found:
        found = set(_WRITTEN_EMAIL.findall(tree.get_text(" ")))
    return next(iter(found)) if len(found) == 1 else None


def self_names(lines: list[str]) -> set[str]:
    """The names the page's author gives themself (``I'm Antoine Leblanc``)."""
    return {
        n
        for line in lines
        for m in _SELF_NAME.finditer(line)
        for n in [_selfdesc.no_stop(clean(m.group("name")))]
        if n and is_name(n) and not has_job_word(n)  # "Ich bin Senior Developer."
    }


#: ``Je m'appelle Orion Charlier et je suis développeur freelance.``, ``Me llamo Benjamin Saldaño,
#: soy de Buenos Aires, Argentina, tengo 22 años y soy desarrollador web.``, ``My name is X and
#: I'm a T.``: the speaker naming themself, then (after clauses set off by commas) a title joined
#: by "and" that ends the sentence (in lower case too, as French and Spanish write titles), with
#: no employer.
_NAMED_THEN_TITLE = re.compile(
    r"\b(?:[Mm]y\s+name\s+is|[Jj]e\s+m[’']appelle|[Ii]ch\s+hei(?:ß|ss)e|[Mm]ein\s+Name\s+ist|"
    r"[Mm]e\s+llamo|[Mm]i\s+nombre\s+es)\s+"
    rf"(?P<name>{_CAP}(?:\s+(?:(?:van|von|de|da|del|der|di|la|le)\s+)?{_CAP}){{1,3}})"
    r"(?P<between>(?:,\s*[^,.;:!?()]{1,60}?){0,4}?),?\s+"
    r"(?:and\s+I(?:\s+am|’m|'m)\s+(?:a|an)|et\s+je\s+suis(?:\s+(?:un|une))?|"
    r"und\s+ich\s+bin(?:\s+(?:ein|eine))?|y\s+soy(?:\s+(?:un|una))?)\s+"
    r"(?P<title>[^\W\d_][\w/&+’' -]{1,60}?)\s*(?:[.;!]|$)"
)
#: ``soy de Buenos Aires, Argentina``, ``I'm from Dhaka``: where the speaker is from, said in a
#: clause of the self-introduction (capitalised words, a comma between place and country).
_FROM_CLAUSE = re.compile(
    r"(?:^|,)\s*(?:soy|I(?:\s+am|’m|'m)|je\s+suis|ich\s+komme|vengo)\s+(?:de|from|aus)\s+"
    rf"(?P<place>{_CAP}(?:\s+{_CAP}){{0,2}}(?:,\s*{_CAP}(?:\s+{_CAP}){{0,2}})?)(?=\s*(?:,|$))"
)


def named_titles(lines: list[str]) -> dict[tuple[str, str], tuple[str, str | None]]:
    """Each (name, title) of a ``Je m'appelle X et je suis T.`` sentence, with the sentence and
    the place a clause of it says the speaker is from; the title title-like by the lexicon and
    not a name."""
    found: dict[tuple[str, str], tuple[str, str | None]] = {}
    for line in lines:
        for m in _NAMED_THEN_TITLE.finditer(line):
            name, title = clean(m.group("name")), clean(m.group("title"))
            if (
                name
                and title
                and is_title(title)
                and not is_name(title)
                and not re.search(r"\s(?:bei|at|chez|en|@)\s", f" {title} ")
            ):
                place = _FROM_CLAUSE.search(m.group("between"))
                found.setdefault((name, title), (line, clean(place["place"]) if place else None))
    return found


def bare_titles(lines: list[str]) -> dict[tuple[str, str | None], str]:
    """Each (title, place) of an ``I'm a Chicago-based DevOps Engineer`` sentence, with it."""
    found: dict[tuple[str, str | None], str] = {}
    for line in lines:
        for m in _BARE_TITLE.finditer(line):
            title = clean(m.group("title"))
            if title and is_title(title) and not is_name(title):
                found.setdefault((title, clean(m.group("place"))), line)
    return found


def dated_lines(lines: list[str]) -> list[tuple[str, str, str, str | None]]:
    """(title, company, start year, end year or None) of each ``T at C, 2014-now`` line."""
    out: list[tuple[str, str, str, str | None]] = []
    for line in lines:
        m = _DATED.match(line)
        if m and is_title(clean(m.group("title"))):
            end = m.group("end")
            out.append(
                (
                    clean(m.group("title")) or "",
                    clean(m.group("company")) or "",
                    m.group("start"),
                    end if end.isdigit() else None,
                )
            )
    return out


def _headline(tree: BeautifulSoup) -> str | None:
    """The title a page gives under its single ``<h1>`` name: the next heading or paragraph,
    when it is a short line naming a job ("<h1>Bruno Ruiz</h1><h2>Desarrollador Web</h2>")."""
    headings = tree.find_all("h1")
    following = headings[0].find_next(["h2", "h3", "h4", "p"]) if len(headings) == 1 else None
    text = clean(following.get_text(" ")) if following is not None else None
    if text and len(text.split()) <= 6 and not text.endswith(".") and has_job_word(text):
        return text
    return None


def _head(title: str) -> str:
    """A title's last word, its compound tail folded (``Fullstack-Softwareentwickler`` →
    ``softwareentwickler``)."""
    return re.split(r"[\s-]+", title.lower())[-1]


def _same_job(
    jobs: dict[tuple[str | None, str | None], str],
) -> dict[tuple[str | None, str | None], str]:
    """One job said twice: a title without an employer (``Ich bin Bastian, …
    Fullstack-Softwareentwickler``) beside the one sentence that gives the same title's head
    with its employer (``… arbeite ich als Softwareentwickler bei Capgemini``) is that job."""
    employed = [(t, c) for t, c in jobs if c]
    if len(employed) != 1 or not employed[0][0]:
        return jobs
    head = _head(employed[0][0])
    if all(c or (t and _head(t) == head) for t, c in jobs):
        return {employed[0]: jobs[employed[0]]}
    return jobs


#: Headings of a list of skills, in the page languages the reader claims.
_SKILL_HEADINGS = frozenset(
    {"skills", "fähigkeiten", "kenntnisse", "compétences", "habilidades", "competencias"}
)
_SKILL_ITEM = re.compile(r"^(?:[^.;:!?]|\.(?=\S)){1,40}$")  # "Node.js", not a sentence


def skill_list(tree: BeautifulSoup) -> list[str | None]:
    """The items of a list headed ``Skills`` (``Fähigkeiten``, ``Compétences``, …): the
    heading's following siblings (or the items of the list right after it), each a short
    phrase of at most four words, when there are at least three and nothing else among them."""
    for heading in tree.find_all(["h2", "h3", "h4", "h5", "h6", "p", "strong", "dt"]):
        if (clean(heading.get_text(" ")) or "").lower().rstrip(":") not in _SKILL_HEADINGS:
            continue
        following = heading.find_next_sibling()
        if following is not None and following.name in ("ul", "ol"):
            items = following.find_all("li", recursive=False)
        else:
            items = heading.find_next_siblings()
        texts = [clean(item.get_text(" ")) or "" for item in items]
        if len(texts) >= 3 and all(
            _SKILL_ITEM.match(t) and len(t.split()) <= 4 and not item.find(["p", "li", "div"])
            for t, item in zip(texts, items, strict=True)
        ):
            return list(texts)
    return []


def extract(
    tree: BeautifulSoup, context_name: str | None = None
) -> tuple[list[PersonParts], str | None]:
    """The person (at most one) and the sentence that gave their job, if any. A page naming
    nobody is the person the target's context names (``context_name``), when it states a
    career fact by the grammar of :mod:`crawler.parsers._selfdesc`."""
    tree_lines: list[str] = []
    people, said = _extract(tree, context_name, tree_lines)
    if not people:
        return people, said
    parts = people[0]
    said = _by_grammar(parts, tree_lines, said)
    if parts.name == context_name and not (parts.positions or parts.education or parts.location):
        return [], None  # a page with no career fact yields nothing
    return [parts], said


def _by_grammar(parts: PersonParts, lines: list[str], said: str | None) -> str | None:
    """What the self-description grammar reads that the rules above did not: the jobs, when
    they found none; the schooling and the place, when they found none."""
    if not parts.positions:
        found: list[tuple[_selfdesc.Job, str]] = []
        for line in lines:
            found += [(j, line) for j in _selfdesc.job_clauses(line) + _selfdesc.appositions(line)]
            found += [(j, line) for j in _selfdesc.org_then_role(line)]
        found += _selfdesc.labelled_titles(lines) + _selfdesc.headed_jobs(lines)
        found += _selfdesc.dated_lines(lines)
        t_title, _ = _selfdesc.tagline(lines)
        if t_title:
            t_line = next((line for line in lines if line.count("//") >= 2), t_title)
            found.append((_selfdesc.Job(t_title), t_line))
        kept = _grammar_jobs(_selfdesc.merge_dated(found), parts.name)
        hired = {c: start for line in lines for c, start in _selfdesc.employer_clauses(line)}
        if len(hired) == 1 and not any(j.company for j, _ in kept):
            (company, start), *_ = hired.items()
            untitled = [k for k in kept if not k[0].end]
            if len(untitled) == 1:  # "… où je suis consultant" + "je travaille chez C"
                job, line = untitled[0]
                kept = [
                    (_selfdesc.Job(job.title, company, job.start or start, None, job.place), line)
                ]
            elif not kept:
                said_at = next(
                    line
                    for line in lines
                    if any(c == company for c, _ in _selfdesc.employer_clauses(line))
                )
                made = make_position(None, company, start)
                if made:
                    parts.positions.append(made)
                    said = said or said_at
        for job, line in kept:
            made = make_position(job.title, job.company, job.start, job.end)
            if made:
                parts.positions.append(made)
                said = said or line
        job_places = {j.place for j, _ in kept if j.place}
        if not parts.location and len(job_places) == 1 and all(j.place for j, _ in kept):
            parts.location = next(iter(job_places))
    elif len(parts.positions) == 1 and not parts.positions[0].company:
        # "I'm a Software Engineer." + "Currently I'm on the Embark team at Status"
        hired = {c: start for line in lines for c, start in _selfdesc.employer_clauses(line)}
        only = parts.positions[0]
        if len(hired) == 1 and only.end is None:
            (company, start), *_ = hired.items()
            made = make_position(only.title, company, only.start or start)
            if made:
                parts.positions = [made]
    if not parts.education:
        schools = _selfdesc.education(lines) + _selfdesc.studies(lines)
        for school in schools + _selfdesc.headed_schools(lines) + _selfdesc.dated_studies(lines):
            schooling = make_education(
                school.institution, school.degree, school.area, school.start, school.end
            )
            if schooling:
                parts.education.append(schooling)
    if not parts.location:
        where = _selfdesc.places(lines)
        _, t_place = _selfdesc.tagline(lines)
        if t_place:
            where.add(t_place)
        if len(where) == 1:
            parts.location = next(iter(where))
    return said


def _grammar_jobs(
    found: list[tuple[_selfdesc.Job, str]], name: str | None = None
) -> list[tuple[_selfdesc.Job, str]]:
    """The distinct jobs of the grammar: a title said without an employer beside the same
    title (or its head) with one is that job."""
    kept: dict[tuple[str, str | None, str | None], tuple[_selfdesc.Job, str]] = {}
    for job, line in found:
        kept.setdefault((job.title.casefold(), job.company, job.start), (job, line))
    employed = {_head(j.title) for j, _ in kept.values() if j.company}
    employed |= {j.title.casefold() for j, _ in kept.values() if j.company}
    # "ich bin Teamleiter & Webentwickler und zurzeit als FullStack-Entwickler bei TrustYou
    # tätig": a title without employer in the sentence that gives the job with one describes it
    employed_lines = {line for j, line in kept.values() if j.company}
    out = [
        (j, line)
        for j, line in kept.values()
        if j.company
        or (
            _head(j.title) not in employed
            and j.title.casefold() not in employed
            and line not in employed_lines
        )
    ]
    # Titles alone (no employer, no dates) said in two different sentences are ambiguous (a
    # page in two languages, a past and a present job): none of them is taken.
    bare = {line for j, line in out if not (j.company or j.start or j.end)}
    if len(bare) > 1:
        introduced = {line for line in bare if name and name in line}
        out = [
            (j, line)
            for j, line in out
            if j.company or j.start or j.end or (len(introduced) == 1 and line in introduced)
        ]
    return out


def _extract(
    tree: BeautifulSoup, context_name: str | None, out_lines: list[str]
) -> tuple[list[PersonParts], str | None]:
    name = _name(tree)
    headline = _headline(tree) if name else None
    github = github_user(tree)
    skills = skill_list(tree)
    lines = sentences(tree)
    out_lines += lines
    intros = introductions(lines)
    if not name and len({n for n, _, _ in intros}) == 1:
        given = next(iter(intros))[0]
        name = given if is_name(given) else None
    if not name and len(own := self_names(lines)) == 1:
        name = next(iter(own))
    if not name:
        name = labelled_name(lines)
    if not name and len(introduced := _selfdesc.introduced_names(lines)) == 1:
        name = next(iter(introduced))
    if not name and tree.title is not None:
        name = _selfdesc.title_name(clean(tree.title.get_text(" ")))
    if not name:
        name = clean(context_name)
    if not name:
        return [], None
    parts = PersonParts(name=name)
    parts.identifiers["github"] = github
    parts.emails = [email_of(tree)]
    parts.skills = skills
    dated = dated_lines(lines)
    for d_title, d_company, start, end in dated:
        job = make_position(d_title, d_company, start, end)
        if job:
            parts.positions.append(job)
    labelled = labelled_jobs(lines)
    for l_title, l_company in labelled:
        job = make_position(l_title, l_company)
        if job:
            parts.positions.append(job)
    if labelled:
        return [parts], next(line for line in lines if _LABEL_JOB.match(line))
    jobs = job_sentences(lines)
    for key, said in apposed_jobs(lines).items():
        jobs.setdefault(key, said)
    first = name.split()[0]
    for (who, i_title, i_company), said in intros.items():
        if who in (name, first):
            jobs.setdefault((i_title, i_company), said)
    jobs = _same_job(jobs)
    if dated and not jobs:
        return [parts], None
    if not jobs and headline:
        jobs[(headline, None)] = headline
    named = {t: said for (who, t), said in named_titles(lines).items() if who == name}
    if not jobs and len(named) == 1:
        (n_title, (said, place)), *_ = named.items()
        jobs[(n_title, None)] = said
        parts.location = place
    bare = bare_titles(lines) if not jobs else {}
    if len(bare) == 1:
        (b_title, place), said = next(iter(bare.items()))
        jobs[(b_title, None)] = said
        parts.location = place
    if len(jobs) != 1:
        return [parts], None
    (title, company), line = next(iter(jobs.items()))
    title, place = place_of(title) if title else (title, None)
    parts.location = parts.location or place or place_after(line, company)
    hired = employers(lines)
    if company is None and len(hired) == 1:
        company = next(iter(hired))  # "…, a Software Engineer." + "I am working at OpenRefactory"
    job = make_position(title, company)
    if job:
        parts.positions.append(job)
    return [parts], line
