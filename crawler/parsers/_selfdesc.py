"""A grammar of self-description sentences, in the page languages the about reader claims.

An about page tells its author's career in a few kinds of sentence; this module reads each kind
as a grammar of parts, not one pattern per page:

* **job clauses**: an optional time adverb (``currently``, ``aktuell``, ``actuellement``,
  ``actualmente``, …), a first-person subject and verb (``I am``, ``I'm``, ``I work``, ``I am
  working``, ``ich bin``, ``arbeite ich``, ``je suis``, ``je travaille``, ``soy``, ``trabajo``, or
  none, as résumé bullets write ``Working as …``), an optional role word (``as``, ``als``,
  ``comme``, ``en tant que``, ``como``) and article, then the **title**, then optional
  complements in any order: the employer (``at``/``with``/``for``/``@``/``bei``/``chez``/``en``
  and a capitalised name), a place (``in Münster``), and dates (``since 2022/10``, ``seit 2019``,
  ``depuis 2020``, ``desde 2019``, ``from 2019/3 - 2022/3``, ``2014-now``); a past verb
  (``worked``, ``was``) is read only with an end date;
* **appositions** opening a sentence: ``Développeur full-stack freelance et apprenti ingénieur,
  j'ai …``, ``Desarrollador de software con +14 años de trayectoria``, ``Aujourd'hui ingénieur
  produit dans une société …, je …``: one or two coordinated titles before a comma and the
  first person, or before ``with``/``mit``/``avec``/``con`` and the experience;
* **education**: ``Earned a Bachelor of Science degree in X``, ``2021 beendete ich mein
  Bachelorstudium der Informatik an der Universität Kassel``, ``j'ai obtenu un DUT Informatique
  en 2019``, ``Ausbildung: Computertechnik (Associate)``: a degree word of the lexicon, its field,
  the institution and the year when the sentence gives them;
* **place**: ``Location: München``, ``I live in``, ``based in``, ``je suis basé à``, ``ich wohne
  in``, ``vivo en``, a profile tagline ``Jan // 22 // Kassel // Softwareentwickler``, and the one
  place every job clause names.

Every title must name a job by the seniority lexicon (:func:`crawler.parsers._names.has_job_word`
and :func:`~crawler.parsers._names.is_title`); evaluative words before it (``passionate``,
``experienced``, ``leidenschaftlicher``, ``passionné``, ``apasionado``) are not part of it. A
clause the grammar cannot parse gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.parsers._names import has_job_word, is_name, is_title
from crawler.parsers._text import clean

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.&+-]*"
#: An employer's name: capitalised words (a lower-case connective between two of them).
#: (or a lower-case word holding a digit or a capital: ``i22``, ``eBay``).
_ORG_WORD = rf"(?:{_CAP}|[a-z][a-z]*[A-Z0-9][\w'’.&+-]*)"
_ORG = rf"{_ORG_WORD}(?:[ \t]+(?:(?:&|und|and|et|y|de|of|für|des|der|du|del)[ \t]+)?{_CAP}){{0,5}}"
_PLACE_PART = rf"{_CAP}(?:[ \t]+(?:(?:de|del|la|am|an\s+der|sur|upon|on)[ \t]+)?{_CAP}){{0,3}}"
_PLACE = rf"{_PLACE_PART}(?:,[ \t]*{_PLACE_PART})?"

_ADVERB = (
    r"(?i:(?:currently|now|today|presently|at\s+the\s+moment|right\s+now|aktuell|zurzeit|derzeit|"
    r"momentan|im\s+moment|jetzt|heute|actuellement|aujourd[’']hui|en\s+ce\s+moment|"
    r"actualmente|hoy(?:\s+en\s+d[ií]a)?|ahora|also|auch|également|aussi|también)\s*,?\s+)"
)
#: Subject and verb of a present job clause (the subject may be left out, as bullets do).
_PRESENT = (
    r"(?:I(?:\s+am|’m|'m)(?:\s+(?:currently|now))?(?:\s+(?:working|employed|serving))?"
    r"|I\s+(?:currently\s+)?(?:work|serve)|I[’']ve\s+been\s+working|I\s+have\s+been\s+working"
    r"|(?:[Ww]orking|[Ee]mployed|[Ss]erving)"
    r"|[Ii]ch\s+bin(?:\s+(?:derzeit|aktuell|zurzeit|momentan))?|bin\s+ich|[Ii]ch\s+arbeite|arbeite\s+ich"
    r"|[Jj]e\s+suis|[Jj]e\s+travaille|[Jj][’']exerce"
    r"|[Ss]oy|[Tt]rabajo|[Mm]e\s+desempeño|[Ee]stoy\s+trabajando)"
)
_PAST = (
    r"(?:I\s+(?:worked|was|served)|[Ww]orked|[Ss]erved|[Ii]ch\s+(?:arbeitete|war)|"
    r"(?:[Ii]ch\s+engagierte\s+mich|engagierte\s+ich\s+mich|war\s+ich|arbeitete\s+ich)|"
    r"[Jj][’']ai\s+travaillé|[Jj][’']étais|[Tt]rabajé|[Ff]ui)"
)
_ROLE = r"(?:as|als|comme|en\s+tant\s+que|como|de)"
_ARTICLE = r"(?:a|an|the|ein|eine|einer|un|une|una|el|la|le)"
#: Words that end a title: the prepositions of its complements, conjunctions and relatives.
_TITLE_STOP = frozenset(
    {
        "at", "with", "for", "in", "from", "since", "based", "living", "who", "that", "and",
        "having", "working", "specializing", "specialising", "focused", "focusing", "on", "of",
        "bei", "mit", "für", "aus", "seit", "und", "im", "am", "der", "die", "das", "tätig",
        "chez", "à", "au", "aux", "dans", "depuis", "et", "pour", "avec", "qui", "basé", "basée",
        "en", "con", "desde", "para", "y", "que", "viviendo", "radicado", "del", "specialized",
        "specialised", "spécialisé", "spécialisée", "spezialisiert", "especializado",
        "especializada", "+", "/", "des", "von", "by", "par", "por", "currently", "located",
    }
)  # fmt: skip
#: Words of a title that may follow "of"/"de" inside it ("Head of Engineering", "Ingeniero de
#: Software"): the next word is kept when it is capitalised, or when the title is Romance.
_OF = frozenset({"of", "de", "du", "del"})
_EVALUATIVE = frozenset(
    {
        "passionate", "experienced", "seasoned", "proven", "highly", "dedicated", "enthusiastic",
        "curious", "motivated", "self-taught", "generalist", "leidenschaftlicher",
        "leidenschaftliche", "erfahrener", "erfahrene", "begeisterter", "passionné", "passionnée",
        "expérimenté", "expérimentée", "apasionado", "apasionada", "experimentado",
        "experimentada", "professional", "aspiring", "humble", "selbstständige", "selbstständiger",
        "selbständige", "selbständiger", "freiberufliche", "freiberuflicher",
    }
)  # fmt: skip
_EMPLOYER_PREP = (
    r"(?:at|with|for|bei(?:\s+(?:der|dem|den))?|im|in\s+der|des|chez|en(?:\s+(?:la|el))?|@\s?)"
)
#: Nouns after "im"/"des" that are no employer ("im Bereich", "im Team", "im Rahmen").
_GENERIC = re.compile(
    r"^(?:Bereich|Team|Rahmen|Auftrag|Moment|Jahr|Studium|Fokus|Zuge|Umfeld|Alltag|Herzen|"
    r"Sinne|Laufe|Bereiche)\b"
)
_CO_NOUN = (
    r"(?:(?:(?:la|el|der|die|the|une?|a)\s+)?"
    r"(?:empresa|compañía|Firma|société|entreprise|company|firm|startup|start-up)\s+)?"
)

_NUM_DATE = r"(?:\d{4}(?:[/.-]\d{1,2})?|\d{1,2}[/.]\d{4})"
_MONTH_WORDS = (
    r"(?:jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|f[ée]vrier|mar(?:ch)?|m[äa]rz|mars|apr(?:il)?|"
    r"avril|may|mai|jun[ei]?|juin|jul[iy]?|juillet|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember)?)?|"
    r"septembre|oct(?:ober)?|okt(?:ober)?|octobre|nov(?:ember)?|novembre|dec(?:ember)?|"
    r"dez(?:ember)?|d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre)"
)
_DATE = rf"(?:(?:{_MONTH_WORDS}\.?\s+(?:de\s+)?)?{_NUM_DATE})"
_NOW = r"(?:now|present|today|heute|jetzt|aujourd[’']hui|actualidad|hoy|presente)"
_SINCE = re.compile(rf"^(?:since|seit|depuis|desde)\s+(?P<start>{_DATE})", re.IGNORECASE)
_RANGE = re.compile(
    rf"^(?:from|von|de|du|desde)?\s*\(?(?P<start>{_DATE})\s*(?:-|–|—|to|bis|à|au|a|hasta)\s*"
    rf"(?P<end>{_DATE}|{_NOW})\)?",
    re.IGNORECASE,
)
_MONTH_NUMBER = {
    "jan": 1, "feb": 2, "fév": 2, "fev": 2, "mar": 3, "mär": 3, "apr": 4, "avr": 4, "may": 5,
    "mai": 5, "jun": 6, "jui": 7, "jul": 7, "aug": 8, "aoû": 8, "aou": 8, "sep": 9, "oct": 10,
    "okt": 10, "nov": 11, "dec": 12, "dez": 12, "déc": 12, "ene": 1, "abr": 4, "ago": 8,
    "dic": 12,
}  # fmt: skip


def iso_date(text: str | None) -> str | None:
    """``2022/10`` → ``2022-10``, ``3/2019`` → ``2019-03``, ``März 2019`` → ``2019-03``,
    ``2019`` → ``2019``; anything else (``now``) → ``None``."""
    if not text:
        return None
    text = text.strip().lower()
    month = None
    m = re.match(rf"^({_MONTH_WORDS})\.?\s+(?:de\s+)?(.+)$", text)
    if m:
        word = m.group(1)
        month = _MONTH_NUMBER.get(word[:3])
        if word.startswith("juin") or word.startswith("junio") or word == "june":
            month = 6
        if word.startswith("juil") or word.startswith("julio") or word == "july":
            month = 7
        text = m.group(2)
    m = re.match(r"^(\d{4})(?:[/.-](\d{1,2}))?$", text) or None
    if m:
        year, num = m.group(1), m.group(2)
    else:
        m2 = re.match(r"^(\d{1,2})[/.](\d{4})$", text)
        if not m2:
            return None
        num, year = m2.group(1), m2.group(2)
    number = int(num) if num else month
    if number is not None and not 1 <= number <= 12:
        return None
    return f"{year}-{number:02d}" if number else year


@dataclass(frozen=True)
class Job:
    title: str
    company: str | None = None
    start: str | None = None
    end: str | None = None
    place: str | None = None


def _title(words: list[str]) -> tuple[str | None, int]:
    """The title at the start of ``words`` and how many words it took: up to the first stop
    word (an "of"/"de" inside the title kept before a capitalised word or a Romance head)."""
    taken: list[str] = []
    i = 0
    while i < len(words) and len(taken) < 7:
        raw = words[i]
        word = raw.strip(',.;:!?()"“”«»*')
        low = word.casefold()
        if not word:
            break
        if low in _OF and taken and i + 1 < len(words):
            nxt = words[i + 1].strip(',.;:!?()"“”«»*')
            if nxt[:1].isupper() or (low != "of" and has_job_word(" ".join(taken))):
                taken += [word, nxt]
                i += 2
                if words[i - 1] != nxt:  # punctuation after it ends the title
                    break
                continue
            break
        if low in _TITLE_STOP or word[:1].isdigit() or raw.startswith("("):
            break
        taken.append(word)
        i += 1
        if raw != word and raw.rstrip(',.;:!?)*"”»') != raw:  # punctuation ends the title
            break
    while taken and taken[0].casefold() in _EVALUATIVE:
        taken = taken[1:]
    while taken and taken[0].casefold().strip(",") in _EVALUATIVE:
        taken = taken[1:]
    title = clean(" ".join(taken).strip(",-"))
    return title, i


def title_words_ok(title: str) -> bool:
    """Whether a title holds no participle that opens a complement (``desarrollador Backend
    viviendo``: no; ``ingénieur en R&D``: yes)."""
    words = [w.casefold() for w in title.split()]
    return bool(words) and not (set(words) & _PARTICIPLES) and words[0] not in _PREPOSITIONS


_ARTICLES = frozenset({"a", "an", "the", "ein", "eine", "un", "une", "una", "el", "la", "le"})
_PREPOSITIONS = frozenset({"en", "in", "at", "on", "bei", "chez", "à", "au", "im", "de", "of"})


_PARTICIPLES = frozenset(
    {
        "living", "based", "working", "specializing", "specialising", "focusing", "focused",
        "viviendo", "radicado", "radicada", "trabajando", "basado", "basada", "basé", "basée",
        "vivant", "travaillant", "wohnhaft", "lebend", "having", "who", "que", "qui",
    }
)  # fmt: skip


#: Job nouns of boards, research and the professions that the seniority lexicon does not hold
#: (it was written for company titles), in the four languages.
_MORE_JOB_NOUNS = frozenset(
    {
        "vorsitzender", "vorsitzende", "beisitzer", "beisitzerin", "mitglied", "schatzmeister",
        "schriftführer", "forscher", "forscherin", "researcher", "chercheur", "chercheuse",
        "investigador", "investigadora", "arquitecto", "arquitecta", "member", "membre",
        "miembro", "trésorier", "tesorero", "secretario", "secrétaire", "presidente",
        "rechtsanwalt", "rechtsanwältin", "anwalt", "anwältin", "lawyer", "attorney", "avocat",
        "avocate", "abogado", "abogada", "notar", "notary", "notaire", "arzt", "ärztin",
        "médecin", "médico", "médica", "physician", "lehrer", "lehrerin", "teacher",
        "redakteur", "redakteurin", "rédacteur", "rédactrice", "redactor", "redactora",
        "professeur", "maestro", "maestra", "journalist", "journaliste", "periodista",
    }
)  # fmt: skip


def _names_job(title: str) -> bool:
    return has_job_word(title) or any(
        w.casefold().strip(",.").endswith(tuple(_MORE_JOB_NOUNS))
        for w in re.split(r"[\s-]+", title)
    )


def _good_title(title: str | None) -> bool:
    if not title or len(title.split()) > 6:
        return False
    return _names_job(title) and (is_title(title) or len(title.split()) <= 3)


def _complements(rest: str) -> tuple[str | None, str | None, str | None, str | None, str]:
    """Employer, place, start and end read from the text after a title, in any order."""
    company = place = start = end = None
    text = rest
    for _ in range(4):
        text = text.lstrip(" ,")
        m = re.match(rf"^{_EMPLOYER_PREP}\s*{_CO_NOUN}(?P<co>{_ORG})", text)
        if (
            m
            and company is None
            and not has_job_word(m.group("co"))
            and not _GENERIC.match(m.group("co"))
        ):
            company = no_stop(clean(m.group("co")))
            text = text[m.end() :]
            continue
        m = re.match(
            r"^(?:(?:remote\s+)?from\s+|aus\s+|(?:(?:currently\s+)?(?:based|living|located)\s+)?in\s+|"
            r"(?:basée?\s+|vivant\s+)?à\s+|au\s+|(?:viviendo\s+|radicad[oa]\s+|basad[oa]\s+)?en\s+|"
            rf"(?:wohnhaft\s+|lebend\s+)?in\s+)(?P<place>{_PLACE})"
            r"(?=\s*(?:[.,;!/(]|$|\s+(?:since|from|seit|depuis|desde|von|où|where|wo|donde|-)\b))",
            text,
        )
        if m and place is None:
            place = no_stop(clean(m.group("place")))
            text = text[m.end() :]
            continue
        m = re.match(rf"^\((?P<place>{_PLACE})\)", text)
        if m and place is None:
            place = clean(m.group("place"))
            text = text[m.end() :]
            continue
        m = _SINCE.match(text)
        if m and start is None:
            start = iso_date(m.group("start"))
            text = text[m.end() :]
            continue
        m = _RANGE.match(text)
        if m and start is None:
            start, end = iso_date(m.group("start")), iso_date(m.group("end"))
            text = text[m.end() :]
            continue
        break
    return company, place, start, end, text


_LEAD_SINCE = rf"(?:(?i:since|seit|depuis|desde)\s+(?P<lead>{_DATE})\s*,?\s+)"
_CLAUSE = re.compile(
    rf"(?:^|[\s,;(]|(?<=[.!?]))(?:{_ADVERB})?{_LEAD_SINCE}?(?P<verb>{_PRESENT}|{_PAST})\s+(?:{_ADVERB})?"
    rf"(?:(?P<role>{_ROLE})\s+)?(?:{_ARTICLE}\s+)?(?P<rest>.+)$"
)
#: German "… und zurzeit als T bei C tätig": the role clause without its own verb.
_ALS = re.compile(rf"\b(?:{_ADVERB})?als\s+(?P<rest>.+?\s+tätig\b.*)$")


def job_clauses(line: str) -> list[Job]:
    """The jobs one sentence states, by the clause grammar (none when it does not parse)."""
    found: list[Job] = []
    for m in _CLAUSE.finditer(line):
        past = re.fullmatch(_PAST, m.group("verb")) is not None
        if m.group("role") == "de" and not re.match(r"(?i)trabaj", m.group("verb")):
            continue
        jobs = _job_from(m.group("rest"), past, m.group("role") is not None)
        lead = iso_date(m.group("lead"))
        found += [Job(j.title, j.company, j.start or lead, j.end, j.place) for j in jobs]
    for m in _ALS.finditer(line):
        found += _job_from(m.group("rest"), False, True)
    for m in _COORDINATED_ROLE.finditer(line):  # dated, as a past clause must be
        found += _job_from(m.group("rest"), True, True)
    return found


_COORDINATED_ROLE = re.compile(
    r"\b(?:sowie|und|as\s+well\s+as|ainsi\s+que|así\s+como)\s+"
    r"(?:als|as|comme|como)\s+(?P<rest>.+)$"
)


def _job_from(rest: str, past: bool, role: bool) -> list[Job]:
    rest = re.sub(r"^(?:currently|now|aktuell|zurzeit|actuellement|actualmente)\s+", "", rest)
    named = _NAME_THEN_ARTICLE.match(rest)  # "I'm Mateusz Lesiuk a Front End Developer"
    if named and is_name(named.group("name")):
        rest = re.sub(r"^(?:a|an|un|une|una|ein|eine)\s+", "", rest[named.end() :])
    words = rest.split()
    titles: list[str] = []
    at = 0
    # "ein Marketing Geek, Senior Webdeveloper + Growth-Hacker aus …": a list of titles (items
    # set off by commas, "+" or "&"), of which the ones naming a job are kept
    for _ in range(4):
        title, used = _title(words[at:])
        if not used:
            break
        if _good_title(title):
            assert title is not None
            titles.append(title)
        end = at + used
        joined = end < len(words) and words[end].casefold() in ("+", "&", "and", "und", "et", "y")
        listed = words[end - 1].endswith(",") or (
            joined and (words[end] in ("+", "&") or not titles)
        )
        if not listed or end >= len(words):
            at = end
            break
        at = end + (1 if joined else 0)
        if at < len(words) and words[at].casefold() in _ARTICLES:
            at += 1
    if not titles:
        return []
    after = " ".join(words[at:])
    # a title ending in a full stop takes no complements
    if at and words[at - 1].rstrip(".;:!?") != words[at - 1]:
        after = ""
    company, place, start, end_date, _ = _complements(after)
    if past and not end_date:
        return []
    return [Job(t, company, start, end_date, place) for t in titles]


_APPOSITION = re.compile(
    rf"^(?:{_ADVERB})?(?:(?:{_ARTICLE})\s+)?(?P<head>[^,.;:!?]{{3,90}}?)"
    r"(?:,\s*(?:je\b|j[’']|I\b|ich\b|yo\b|me\b|mi\b|my\b|mon\b|ma\b|mein\b)"
    r"|\s+(?:with|mit|avec|con)\s+(?:over\s+|more\s+than\s+|plus\s+de\s+|m[áa]s\s+de\s+|\+|über\s+)?\d)"
)
_COORD = re.compile(r"\s+(?:et|and|und|y|&)\s+")


def appositions(line: str) -> list[Job]:
    """The titles an apposition opening the sentence gives (``Développeur full-stack
    freelance et apprenti ingénieur, j'ai …``)."""
    m = _APPOSITION.match(line)
    if not m:
        return []
    head = m.group("head")
    parts = _COORD.split(head)
    jobs: list[Job] = []
    for part in parts:
        words = part.split()
        title, used = _title(words)
        if not _good_title(title):
            return []
        assert title is not None
        company, place, start, end, left = _complements(" ".join(words[used:]))
        if left.strip() and not re.match(
            r"^(?:dans|in|en|bei|at|specialized|specialised|spécialisée?|spezialisiert|"
            r"especializad[oa])\b",
            left.strip(),
        ):
            return []
        jobs.append(Job(title, company, start, end, place))
    return jobs


# -- education ------------------------------------------------------------------------------

_DEGREE = (
    r"(?:Bachelor(?:\s+of\s+(?:Science|Arts|Engineering|Fine\s+Arts))?|Master(?:\s+of\s+"
    r"(?:Science|Arts|Engineering|Business\s+Administration))?|B\.\s?Sc\.?|M\.\s?Sc\.?|B\.\s?A\.|"
    r"M\.\s?A\.|B\.\s?Eng\.?|M\.\s?Eng\.?|BSc|MSc|MBA|Ph\.?\s?D\.?|Doctorate|Associate(?:'s)?|"
    r"Diplom|DUT|BUT|BTS|Licence|Maîtrise|Master|Doctorat|Licenciatura|Grado|Máster|Doctorado|"
    r"Ingeniería)"
)
_INSTITUTION = (
    rf"(?:(?:the|der|dem|la|l[’']|el)\s*)?(?P<inst>(?:{_CAP}[ \t]+){{0,3}}"
    r"(?:University|Universität|Université|Universidad|Universitat|Università|Universiteit|"
    r"Universitet|Universidade|Polytechnic|Politécnica|Politècnica|Hochschule|Fachhochschule|FH|TU|"
    r"Institute|Institut|Instituto|College|School|École|Ecole|Escuela|Insa|INSA|IUT|ETH|EPFL|"
    r"Akademie)"
    rf"(?:[ \t]+(?:of|de|du|des|für|zu|del|d[’'])?[ \t]*{_CAP}){{0,4}})"
)
_EDU_SENTENCES = [
    # "Earned a Bachelor of Science degree in Media and Communications Informatics."
    re.compile(
        r"\b(?:[Ee]arned|[Rr]eceived|[Oo]btained|[Cc]ompleted|[Hh]old|[Gg]raduated\s+with)\s+"
        rf"(?:a|an|my)\s+(?P<degree>{_DEGREE})(?:'s)?(?:\s+degree)?\s+(?:in|of)\s+"
        rf"(?P<area>{_CAP}(?:\s+(?:and|&|of)?\s*{_CAP}){{0,5}})"
        rf"(?:\s+(?:at|from)\s+{_INSTITUTION})?(?:\s+in\s+(?P<year>\d{{4}}))?"
    ),
    # "2021 beendete ich mein Bachelorstudium der Informatik an der Universität Kassel."
    re.compile(
        r"(?:(?P<year>\d{4})\s+)?(?:beendete|abschloss|absolvierte|schloss)\s+ich\s+mein(?:en)?\s+"
        r"(?P<degree>Bachelor|Master|Diplom)(?:studium|studiengang|abschluss)\s+(?:der|in|im)\s+"
        rf"(?P<area>{_CAP}(?:\s+{_CAP}){{0,2}})(?:\s+(?:an\s+der|am|an\s+dem)\s+{_INSTITUTION})?"
    ),
    # "j'ai obtenu un DUT Informatique en 2019", "diplômé d'un Master Informatique à l'INSA"
    re.compile(
        r"\b(?:obtenu|décroché|titulaire\s+d[’']|diplômée?\s+d[’'])\s*(?:un|une|mon|ma)?\s*"
        rf"(?P<degree>{_DEGREE})\s+(?:en\s+|d[’'])?(?P<area>{_CAP}(?:\s+{_CAP}){{0,2}})"
        rf"(?:\s+(?:à|de)\s+{_INSTITUTION})?(?:\s+en\s+(?P<year>\d{{4}}))?"
    ),
]
_EDU_LABEL = re.compile(
    r"^(?:Ausbildung|Studium|Abschluss|Education|Degree|Formation|Diplôme|Educación|Estudios|"
    r"Título)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_AREA_THEN_DEGREE = re.compile(rf"^(?P<area>[^(),]{{2,60}}?)\s*\((?P<degree>{_DEGREE})\)$")
_DEGREE_IN_AREA = re.compile(
    rf"^(?P<degree>{_DEGREE})\s+(?:in|of|en|der|de)\s+(?P<area>.{{2,60}})$"
)


def no_stop(text: str | None) -> str | None:
    """A name or field without the sentence's full stop (``Universität Kassel.``), an
    abbreviation's point kept (``B.Sc.``)."""
    if text and text.endswith(".") and not _ABBREVIATION_END.search(text):
        return text[:-1]
    return text


#: A point that belongs to the word: ``Acme Inc.``, ``Co.``, ``B.Sc.``, ``S.A.``, an initial.
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:Inc|Co|Ltd|Corp|Bros|Jr|Sr|St|Dr|Prof|Univ|Dept|Nr|No)\.|\.\w{1,3}\.|\b\w\.)$"
)


@dataclass(frozen=True)
class School:
    institution: str | None
    degree: str | None
    area: str | None
    end: str | None = None
    start: str | None = None


def education(lines: list[str]) -> list[School]:
    """The schooling the page's sentences and labelled lines state."""
    out: list[School] = []
    for line in lines:
        for pattern in _EDU_SENTENCES:
            for m in pattern.finditer(line):
                groups = m.groupdict()
                out.append(
                    School(
                        no_stop(clean(groups.get("inst"))),
                        clean(m.group("degree")),
                        no_stop(clean(m.group("area"))),
                        groups.get("year"),
                    )
                )
        label = _EDU_LABEL.match(line)
        if label:
            value = label.group("value").strip()
            parsed = _AREA_THEN_DEGREE.match(value) or _DEGREE_IN_AREA.match(value)
            if parsed:
                out.append(School(None, clean(parsed.group("degree")), clean(parsed.group("area"))))
    return list(dict.fromkeys(out))


# -- place ----------------------------------------------------------------------------------

_PLACE_LABEL = re.compile(
    rf"^(?:Location|Based\s+in|Ort|Wohnort|Standort|Lieu|Localisation|Ville|Ubicación|Ciudad|"
    rf"Residencia)\s*:\s*(?P<place>{_PLACE})\s*$",
    re.IGNORECASE,
)
_LIVES = re.compile(
    r"(?:\b(?:I\s+live\s+in|I(?:\s+am|’m|'m)\s+(?:currently\s+)?(?:based|living)\s+in|"
    r"I(?:\s+am|’m|'m)\s+(?:originally\s+)?from|"
    r"[Jj]e\s+suis\s+basée?\s+à|[Jj][’']habite\s+à|[Jj]e\s+vis\s+à|[Jj]e\s+suis\s+originaire\s+de|"
    r"[Ii]ch\s+wohne\s+in|[Ii]ch\s+lebe\s+in|[Ii]ch\s+komme\s+aus|"
    r"[Vv]ivo\s+en|[Rr]esido\s+en|[Ee]stoy\s+radicad[oa]\s+en|[Ss]oy\s+originari[oa]\s+de)"
    r"|^(?:Living\s+in|Based\s+in|Vivant\s+à|Basée?\s+à|Wohnhaft\s+in|Viviendo\s+en))\s+"
    rf"(?P<place>{_PLACE})(?=\s*(?:[.;!/]|$|\s+(?:and|et|und|y|where|où|wo|donde|-)\b|,\s+[a-z]|\s+[a-z]))"
)
_TAGLINE_SEP = re.compile(r"\s+(?://|\||·|•)\s+")


def places(lines: list[str]) -> set[str]:
    """The places the page says its author lives or is based in."""
    found: set[str] = set()
    for line in lines:
        m = _PLACE_LABEL.match(line)
        if m:
            found.add(no_stop(clean(m.group("place"))) or "")
        for m in _LIVES.finditer(line):
            found.add(no_stop(clean(m.group("place"))) or "")
    found.discard("")
    return found


def tagline(lines: list[str]) -> tuple[str | None, str | None]:
    """(title, place) of a profile tagline ``Jan // 22 // Kassel // Softwareentwickler``: at
    least three parts, the first the name, one part an age or a title; the one capitalised word
    left that is neither a title nor a degree is the place."""
    for line in lines:
        parts = _TAGLINE_SEP.split(line.strip("*_ "))
        if len(parts) < 3 or len(parts) > 6 or any(len(p.split()) > 4 for p in parts):
            continue
        rest = parts[1:]
        titles = [p for p in rest if _good_title(p)]
        if not titles and not any(p.isdigit() for p in rest):
            continue
        candidates = [
            p
            for p in rest
            if p not in titles
            and not p.isdigit()
            and re.fullmatch(_PLACE, p)
            and not re.search(_DEGREE, p)
        ]
        return (titles[0] if len(titles) == 1 else None), (
            candidates[0] if len(candidates) == 1 else None
        )
    return None, None


# -- employers said without a title -----------------------------------------------------------

_EMPLOYER_CLAUSE = re.compile(
    rf"(?:{_ADVERB})?{_LEAD_SINCE}?"
    r"(?:I(?:\s+am|’m|'m)?\s+(?:currently\s+|now\s+)?(?:work|working)\s+(?:at|for)"
    r"|I(?:\s+am|’m|'m)\s+(?:currently\s+|now\s+)?(?:on|in)\s+the\s+[^.,;:!?]{1,40}?\s+team\s+at"
    r"|I(?:\s+am|’m|'m)\s+(?:currently\s+|now\s+)?employed\s+(?:at|by)"
    r"|(?:[Ii]ch\s+arbeite|arbeite\s+ich)\s+(?:(?i:derzeit|aktuell|zurzeit|momentan|jetzt)\s+)?bei"
    r"|[Jj]e\s+travaille\s+(?:(?i:actuellement|aujourd[’']hui)\s+)?chez"
    r"|[Jj]e\s+suis\s+(?:(?i:actuellement)\s+)?(?:en\s+poste|salariée?|employée?)\s+chez"
    r"|[Tt]rabajo\s+(?:(?i:actualmente)\s+)?en)"
    rf"\s+(?:der\s+|dem\s+|la\s+|el\s+)?{_CO_NOUN}(?P<co>{_ORG})"
    rf"(?:\s+(?:since|seit|depuis|desde)\s+(?P<since>{_DATE}))?"
)


def employer_clauses(line: str) -> list[tuple[str, str | None]]:
    """(employer, start) of each ``I work at C``, ``Im Moment arbeite ich bei C``, ``Depuis
    février 2020, je travaille chez C``, ``Actualmente trabajo en C`` clause of a sentence."""
    out: list[tuple[str, str | None]] = []
    for m in _EMPLOYER_CLAUSE.finditer(line):
        company = no_stop(clean(m.group("co")))
        if company and not has_job_word(company):
            out.append((company, iso_date(m.group("lead") or m.group("since"))))
    return out


# -- studies ----------------------------------------------------------------------------------

_AREA = r"(?P<area>[^\W\d_][^,.;:!?()]{1,60}?)"
_STUDY_SENTENCES = [
    re.compile(
        r"\bI(?:\s+am|’m|'m)\s+(?:currently\s+)?(?:studying|pursuing\s+(?:a|an|my)\s+"
        rf"(?P<degree>{_DEGREE})(?:'s)?(?:\s+degree)?\s+in)\s+{_AREA}\s+(?:at|in)\s+{_INSTITUTION}"
    ),
    re.compile(
        rf"\b(?:[Ii]ch\s+studiere|studiere\s+ich)\s+(?:(?i:derzeit|aktuell|zurzeit)\s+)?{_AREA}\s+"
        rf"(?:an\s+der|am|an\s+dem)\s+{_INSTITUTION}"
    ),
    re.compile(
        r"\b[Jj]e\s+(?:suis|fais|prépare|poursuis)\s+(?:(?i:actuellement)\s+)?"
        rf"(?:une\s+formation|des\s+études|un\s+cursus|(?:un|une|mon|ma)\s+(?P<degree>{_DEGREE}))"
        rf"\s+(?:(?:en|d[e’'])\s*)?{_AREA}\s+(?:à|au)\s+{_INSTITUTION}"
    ),
    re.compile(
        rf"\b(?:[Ee]studio|[Ee]stoy\s+estudiando)\s+{_AREA}\s+en\s+(?:la\s+|el\s+)?{_INSTITUTION}"
    ),
    re.compile(
        r"\b(?:[Ee]studiante|[Ss]tudent|[Éé]tudiante?|[Ss]tudent(?:in)?)\s+(?:[^,.;:!?()]{0,30}?\s+)?"
        rf"(?:del?|of\s+the|in\s+the|du|en)\s+(?P<degree>{_DEGREE})\s+(?:en|in|de)\s+{_AREA}\s+"
        rf"(?:en|at|à|an\s+der)\s+(?:la\s+|el\s+|the\s+)?{_INSTITUTION}"
    ),
]


def studies(lines: list[str]) -> list[School]:
    """What the author says they are studying now, and where."""
    out: list[School] = []
    for line in lines:
        for pattern in _STUDY_SENTENCES:
            for m in pattern.finditer(line):
                out.append(
                    School(
                        no_stop(clean(m.group("inst"))),
                        clean(m.groupdict().get("degree")),
                        clean(m.group("area")),
                    )
                )
    return out


# -- names --------------------------------------------------------------------------------------

_NAME_THEN_ARTICLE = re.compile(
    rf"^(?P<name>{_CAP}(?:\s+{_CAP}){{1,3}}),?\s+(?=(?:a|an|un|une|una|ein|eine)\s)"
)
_INTRO_NO_COMMA = re.compile(
    r"\b(?:I(?:\s+am|’m|'m)|[Jj]e\s+suis|[Ii]ch\s+bin|[Ss]oy)\s+"
    rf"(?P<name>{_CAP}(?:\s+{_CAP}){{1,3}})\s+(?:a|an|un|une|una|ein|eine)\s"
)
_TITLE_SEP = re.compile(r"\s+[-–—|·:]\s+")


def introduced_names(lines: list[str]) -> set[str]:
    """The names of ``I'm Mateusz Lesiuk a Front End Developer`` sentences (no comma)."""
    return {
        n
        for line in lines
        for m in _INTRO_NO_COMMA.finditer(line)
        for n in [clean(m.group("name"))]
        if n and is_name(n) and not has_job_word(n)
    }


def title_name(page_title: str | None) -> str | None:
    """The name a page's ``<title>`` opens with, before a separator and more (``Iván Luna -
    Desarrollador de Software - Perfil``)."""
    parts = _TITLE_SEP.split(page_title or "")
    if len(parts) < 2:
        return None
    first = parts[0].strip()
    return first if is_name(first) and not has_job_word(first) else None


# -- labelled lines and headed sections ---------------------------------------------------------

_TITLE_LABEL = re.compile(
    r"^(?:Occupation|Profession|Position|Job|Role|Current\s+(?:position|role)|Beruf|Tätigkeit|"
    r"Position|Poste|Métier|Fonction|Profesión|Puesto|Cargo|Ocupación)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)


def labelled_titles(lines: list[str]) -> list[tuple[Job, str]]:
    """``Occupation: Java Tech Lead``: a labelled line whose value is a title (with its
    employer, when ``at C`` follows)."""
    out: list[tuple[Job, str]] = []
    for line in lines:
        m = _TITLE_LABEL.match(line)
        if not m:
            continue
        words = m.group("value").split()
        title, used = _title(words)
        if _good_title(title):
            assert title is not None
            company, place, start, end, left = _complements(" ".join(words[used:]))
            if not left.strip(" ."):
                out.append((Job(title, company, start, end, place), line))
    return out


_JOB_HEADINGS = frozenset(
    {
        "current position", "current role", "position", "aktuelle position", "aktuelle tätigkeit",
        "poste actuel", "fonction actuelle", "posición actual", "cargo actual", "puesto actual",
    }
)  # fmt: skip
_SCHOOL_HEADINGS = frozenset(
    {
        "education", "ausbildung", "studium", "bildung", "formation", "études", "formación",
        "educación", "estudios",
    }
)  # fmt: skip
_SCHOOL_ITEM = re.compile(
    r"^(?P<degree>[^\W\d_][^,.;:!?()]{1,50}?)(?:\s+(?:in|en|of|de)\s+(?P<area>[^,.;:!?()]{2,60}?))?"
    rf"\s+(?:por|at|from|an\s+der|am|à\s+l[’']|à|de\s+la|del|en\s+la|en)\s+{_INSTITUTION}"
    r"(?:\s*[,(].*)?$"
)


def _heading_text(line: str) -> str:
    return re.sub(r"[^\w\s]", "", line).strip().casefold()


def headed_jobs(lines: list[str]) -> list[tuple[Job, str]]:
    """The line under a ``Current position`` (``Posición actual``, ``Poste actuel``, …) heading:
    ``Investigador en la Universitat Politècnica de València (Valencia, España)``."""
    out: list[tuple[Job, str]] = []
    for i, line in enumerate(lines[:-1]):
        if _heading_text(line) in _JOB_HEADINGS:
            nxt = lines[i + 1]
            words = nxt.split()
            title, used = _title(words)
            if _good_title(title):
                assert title is not None
                company, place, start, end, left = _complements(" ".join(words[used:]))
                if company and not left.strip(" ."):
                    out.append((Job(title, company, start, end, place), nxt))
    return out


def headed_schools(lines: list[str]) -> list[School]:
    """The items under an ``Education`` (``Ausbildung``, ``Formation``, ``Formación``) heading,
    each ``DEGREE [in AREA] (at|from|por|an der) INSTITUTION``, up to the first that is not."""
    out: list[School] = []
    for i, line in enumerate(lines):
        if _heading_text(line) not in _SCHOOL_HEADINGS:
            continue
        for item in lines[i + 1 : i + 12]:
            m = _SCHOOL_ITEM.match(item.strip("-• "))
            if not m or len(m.group("degree").split()) > 6:
                break
            out.append(
                School(
                    no_stop(clean(m.group("inst"))),
                    clean(m.group("degree")),
                    clean(m.group("area")),
                )
            )
    return out


# -- dated career-list lines ----------------------------------------------------------------------

_DATED_LINE = re.compile(
    rf"^(?P<start>{_DATE})\s*(?:-|–|—|to|bis|à|a|hasta)\s*(?P<end>{_DATE}|{_NOW})\s*[:,]?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


_LEGAL_END = re.compile(r"\b(?:AG|GmbH|Ltd|Inc|LLC|SA|SE|SAS|SARL|Corp|KG|BV|NV|plc|S\.L|S\.A)\.?$")
_YEAR_LINE = re.compile(
    r"^(?:(?P<since>(?i:seit|since|depuis|desde))\s+)?(?P<year>\d{4})\s*[:,]?\s+(?P<rest>[^\d].+)$"
)


def _dated_rest(rest: str, start: str | None, end: str | None, line: str) -> list[tuple[Job, str]]:
    words = rest.split()
    title, used = _title(words)
    if not _good_title(title):
        return []
    assert title is not None
    company, place, _, _, left = _complements(" ".join(words[used:]))
    if not company:
        # "Online-Projektmanagerin intosite GmbH": the title, then an employer ending in its
        # legal form
        pieces = title.split()
        for n in range(1, len(pieces)):
            head, tail = " ".join(pieces[:n]), " ".join(pieces[n:])
            if _good_title(head) and _LEGAL_END.search(tail) and not has_job_word(tail):
                title, company = head, tail
                break
    if left.strip(" .") and not re.match(r"^\(.*\)$", left.strip(" .")):
        return []
    return [(Job(title, company, start, end, place), line)]


def dated_lines(lines: list[str]) -> list[tuple[Job, str]]:
    """``2016 - heute HORNBACH Baumarkt AG``, ``2003 - 2016 Software Entwickler bei JANUS``,
    ``Sep 2022 - Now: Software Engineer at ESG Book``: a career-list line opening with its
    dates, then a title at an employer, or an employer alone."""
    out: list[tuple[Job, str]] = []
    for line in lines:
        m = _DATED_LINE.match(line.strip("*_ "))
        if not m:
            year = _YEAR_LINE.match(line.strip("*_ "))
            if year:  # "seit 2016 Online-Redakteurin", "2015 Projektmanagerin Beispiel GmbH"
                start = year.group("year")
                out += _dated_rest(
                    year.group("rest"), start, None if year.group("since") else start, line
                )
            continue
        start, end = iso_date(m.group("start")), iso_date(m.group("end"))
        rest = m.group("rest").strip(" .")
        words = rest.split()
        title, used = _title(words)
        if _good_title(title):
            assert title is not None
            company, place, _, _, left = _complements(" ".join(words[used:]))
            if company and not left.strip(" ."):
                out.append((Job(title, company, start, end, place), line))
        elif re.fullmatch(_ORG, rest) and not has_job_word(rest) and len(rest.split()) <= 5:
            out.append((Job("", rest, start, end), line))
    return out


def merge_dated(found: list[tuple[Job, str]]) -> list[tuple[Job, str]]:
    """A job said in a sentence (``Software Entwickler bei HORNBACH``) and a dated line naming
    the same employer (``2016 - heute HORNBACH Baumarkt AG``) are one job: the sentence's title
    and employer, the line's dates. A dated employer line matching no job is left out."""
    plain = [(j, line) for j, line in found if j.title]
    merged: list[tuple[Job, str]] = []
    for job, line in plain:
        if job.company and not job.start:
            for other, _ in found:
                if (
                    not other.title
                    and other.company
                    and other.company.casefold().startswith(job.company.casefold())
                ):
                    job = Job(job.title, job.company, other.start, other.end, job.place)
                    break
        merged.append((job, line))
    return merged


_DATED_STUDY = re.compile(
    rf"^(?P<start>\d{{4}})\s*(?:-|–|—|bis|to|à|a)\s*(?P<end>\d{{4}})\s+"
    r"(?P<degree>Bachelor|Master|Diplom|Magister|Promotions)?(?i:studium|studiengang)\s+"
    r"(?P<area>[^()]{2,120}?)\s+(?:an\s+der|am|an\s+dem)\s+"
    rf"{_INSTITUTION}\s*\.?$"
)


def dated_studies(lines: list[str]) -> list[School]:
    """``2011–2014 Masterstudium der Literaturwissenschaft an der Universität Bremen``: a dated
    line of a German CV naming a course of study and its university."""
    out: list[School] = []
    for line in lines:
        m = _DATED_STUDY.match(line.strip("*_ "))
        if m:
            area = re.sub(r"^(?:der|des|in)\s+", "", m.group("area")).split(":")[0]
            out.append(
                School(
                    no_stop(clean(m.group("inst"))),
                    m.group("degree"),
                    clean(area),
                    m.group("end"),
                    m.group("start"),
                )
            )
    return out


_ORG_THEN_ROLE = re.compile(
    rf"(?:^|\s)(?:(?i:seit|since|depuis|desde)\s+(?P<lead>{_DATE})\b.*?)?"
    rf"\b(?:im|bei|in\s+der|at|chez)\s+(?P<co>{_ORG})\s+(?:als|as|comme|como)\s+(?P<rest>.+)$"
)


def org_then_role(line: str) -> list[Job]:
    """``Seit 2020 … im Gemeinderat als Ratsmitglied …``: the employer, then the role."""
    out: list[Job] = []
    for m in _ORG_THEN_ROLE.finditer(line):
        words, _ = _title(m.group("rest").split())
        parts = (words or "").split()
        # the shortest opening of the words after "als" that is a title ("Ratsmitglied aktiv …")
        title = next(
            (
                " ".join(parts[:n])
                for n in range(1, len(parts) + 1)
                if _good_title(" ".join(parts[:n]))
            ),
            None,
        )
        company = no_stop(clean(m.group("co")))
        if _good_title(title) and company and not has_job_word(company):
            assert title is not None
            out.append(Job(title, company, iso_date(m.group("lead"))))
    return out
