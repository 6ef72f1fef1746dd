"""Does a short text look like a personal name, or like a job title? Shared by the page parsers.

A **name** is 2-5 words of letters (any script), each starting with a capital letter (Latin,
Greek, Cyrillic…: ``"Łukasz Nowak"``, ``"Šárka Dvořák"``, ``"Иван Петров"``) or written in a
script without letter case (``"山田 太郎"``, or one run of 2-4 CJK characters, ``"王小明"``), with a
quoted nickname (``Charles "Pat" McBride``) and the particles (``van``, ``von``, ``de``, ``da``,
``del``, ``der``, ``di``, ``la``, ``le``, ``du``, ``bin``, ``al``…) allowed between words, and
initials (``"J."``). No digits, no ``@``, and none of the words a section heading is made of
("Our Team", "Board of Directors").

A **title** is a short line the seniority lexicon (:mod:`enrichment.seniority`) ranks above the
plain level, or one whose words include a job noun (engineer, developer, trustee…), in English,
German, French or Spanish. Lines that are sentences (ending in a full stop after many words) are
never titles.
"""

from __future__ import annotations

import re
import unicodedata

from enrichment.seniority import classify

_PARTICLES = frozenset(
    {"van", "von", "de", "da", "del", "der", "di", "la", "le", "du", "den", "bin", "al", "y", "e"}
)

#: Words that make a heading a section title ("Our Team", "Meet the Board"), not a person.
NOT_NAMES = frozenset(
    {
        "our", "the", "team", "meet", "about", "contact", "leadership", "board", "management",
        "staff", "people", "careers", "news", "company", "directors", "advisors", "advisory",
        "founders", "executives", "executive", "partners", "investors", "us", "join", "jobs",
        "blog", "services", "products", "home", "welcome", "trustees", "members", "officers",
        "committee", "council", "group", "inc", "llc", "ltd", "gmbh", "corp", "university",
        "foundation", "press", "printing", "chief", "officer", "president", "director",
        "manager", "engineer", "developer", "founder", "head", "lead", "senior", "vice",
        "chairman", "chair", "partner", "resume", "curriculum", "vitae", "cv", "profile",
        "privacy", "policy", "terms", "read", "more", "view", "all", "learn", "and", "of",
        "for", "with", "in", "at", "to", "is", "a", "an", "latest", "announcements", "updates",
        "events",
    }
)  # fmt: skip

_JOB_NOUNS = frozenset(
    {
        "engineer", "developer", "designer", "architect", "analyst", "scientist", "researcher",
        "consultant", "advisor", "adviser", "administrator", "accountant", "attorney", "counsel",
        "lawyer", "editor", "writer", "producer", "programmer", "technician", "specialist",
        "coordinator", "officer", "manager", "director", "president", "founder", "cofounder",
        "co-founder", "owner", "partner", "trustee", "treasurer", "secretary", "chair",
        "chairman", "chairwoman", "chairperson", "ceo", "cto", "cfo", "coo", "cmo", "cio",
        "vp", "svp", "evp", "lead", "head", "principal", "associate", "assistant", "intern",
        "evangelist", "advocate", "strategist", "marketer", "recruiter", "supervisor",
        "professor", "lecturer", "fellow", "member", "maintainer", "contributor", "steward",
        "librarian", "curator", "physician", "nurse", "teacher", "trainer", "coach",
        "representative", "executive", "controller", "auditor", "operator", "planner",
        "scrum", "devops", "sre", "investigator", "comptroller", "photographer", "instructor",
        "tutor", "trainee", "apprentice",
        "ingenieur", "ingenieurin", "entwickler", "entwicklerin",
        "berater", "beraterin", "leiter", "leiterin", "geschäftsführer", "geschäftsführerin",
        "ingénieur", "ingénieure", "développeur", "développeuse", "directeur", "directrice",
        "fondateur", "fondatrice", "chef", "responsable", "ingeniero", "ingeniera",
        "architecte", "enseignant", "enseignante", "arquitecto", "arquitecta", "profesor",
        "profesora",
        "informatiker", "informatikerin", "doktorand", "doktorandin", "doctorant",
        "doctorante", "doctorando", "doctoranda",
        "desarrollador", "desarrolladora", "directora", "fundador", "fundadora",
        "gerente", "jefe", "jefa", "consultor", "consultora", "diseñador", "diseñadora",
        "stagiaire", "assistenz", "auszubildender", "auszubildende", "gründer", "gründerin",
        "geschäftsleiter", "geschäftsleiterin", "analista", "analyste", "programador",
        "programadora", "programmeur", "programmeuse", "programmierer", "programmiererin",
        "técnico", "técnica", "technicien", "technicienne", "administrador", "administradora",
        "administrateur", "administratrice", "coordinador", "coordinadora", "coordinateur",
        "coordinatrice",
        "директор", "бухгалтер", "заместитель", "руководитель", "менеджер", "инженер",
        "разработчик", "специалист", "начальник", "президент", "председатель", "аналитик",
        "дизайнер", "юрист", "консультант", "архитектор",
    }
)  # fmt: skip

#: German compounds end in their job noun ("Softwareentwicklerin", "Projektleiter").
_COMPOUND_HEADS = (
    "entwickler", "entwicklerin", "ingenieur", "ingenieurin", "berater", "beraterin", "leiter",
    "leiterin", "manager", "managerin", "engineer", "developer", "designer", "architekt",
    "architektin", "analyst", "analystin", "designerin", "fotograf", "fotografin",
)  # fmt: skip
_NUMERALS = frozenset({"II", "III", "IV", "VI", "VII", "VIII"})
_CASELESS_RUN = re.compile(r"^[^\W\d_]{2,4}$")
_INITIAL = re.compile(r"^[^\W\d_]\.$")
_WORD_CHARS = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.-](?=[^\W\d_]))*\.?$")
_NICKNAME = re.compile(r"^[\"“‘'(][^\W\d_]+[\"”’')]$")
_TITLE_SPLIT = re.compile(r"[\s,/&()+|-]+")


def _caseless(char: str) -> bool:
    """A letter of a script without upper and lower case (CJK, Thai, Arabic…)."""
    return unicodedata.category(char) == "Lo"


def _name_word(word: str) -> bool:
    if _INITIAL.match(word):
        return word[0].isupper()
    if not _WORD_CHARS.match(word):
        return False
    first = word[0]
    return first.isupper() or _caseless(first)


def is_name(text: str | None) -> bool:
    """Whether ``text`` reads as a personal name (see the module docstring)."""
    if not text or len(text) > 60 or any(c.isdigit() or c in "@:;!?|" for c in text):
        return False
    words = [w for w in text.split() if not _NICKNAME.match(w)]
    if not words:
        return False
    if len(words) == 1:
        return _CASELESS_RUN.match(text) is not None and all(_caseless(c) for c in text)
    if len(words) > 5 or any(w.casefold().strip(".,") in NOT_NAMES for w in words):
        return False
    # A particle is written in lower case ("Alain de Veer"); "Yuchen Du" ends in a surname.
    if words[0] in _PARTICLES or words[-1] in _PARTICLES:
        return False
    named = [w for w in words if w not in _PARTICLES]
    # A last word of capitals in a name not written in capitals is an organisation's acronym
    # ("Creative FX"), not a name; roman numerals ("John Smith III") are names.
    last = named[-1] if named else ""
    if (
        not text.isupper()
        and len(last) >= 2
        and last.isalpha()
        and last.isupper()
        and last not in _NUMERALS
    ):
        return False  # "Creative FX" (but "TJ Maynes": initials written together lead a name)
    return len(named) >= 2 and all(_name_word(w) for w in named)


#: Job words of Chinese and Japanese titles, which are written without spaces ("代表取締役社長",
#: "首席技术官", "事业部总监"): found inside the text.
_CJK_JOB = (
    "社長", "取締役", "役員", "部長", "課長", "監査役", "会長", "理事", "顧問", "主任", "専務",
    "常務", "代表", "首席", "总监", "總監", "经理", "經理", "董事", "总裁", "總裁", "工程师",
    "工程師", "主管", "创始人", "創辦人", "合伙人", "部长", "校长", "主席", "秘书", "秘書",
    "执行官", "執行官", "技术官", "技術官", "研究员", "研究員", "教授", "设计师", "設計師",
    "監事", "委員", "幹事", "参与", "参事",
)  # fmt: skip
#: Legal forms of Chinese and Japanese companies, written into the name ("株式会社Gisuco").
_CJK_LEGAL = ("株式会社", "有限会社", "合同会社", "有限公司", "股份公司", "公司", "集团", "集團")


def has_job_word(text: str) -> bool:
    """Whether a job noun is one of the text's words ("Graphic Designer Adicto": yes)."""
    tokens = {t.casefold().strip(".") for t in _TITLE_SPLIT.split(text) if t}
    tokens |= {t[:-1] for t in tokens if t.endswith("s")}  # "Co-Presidents", "Directors"
    if tokens & _JOB_NOUNS or any(t.endswith(_COMPOUND_HEADS) for t in tokens):
        return True
    return any(word in text for word in _CJK_JOB)


#: Honorifics written before a name on a team page ("Dr. Nara Lee"): not part of the name.
_HONORIFICS = frozenset(
    {"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame", "herr", "frau", "mme",
     "m", "mlle", "sr", "sra", "srta", "dott", "ing"}
)  # fmt: skip


def without_honorific(name: str) -> str:
    """``"Dr. Nara Lee"`` → ``"Nara Lee"``: the leading honorifics of a name, dropped while a
    name of two words or more is left."""
    words = name.split()
    while len(words) > 2 and words[0].casefold().rstrip(".") in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def is_title(text: str | None, limit: int = 80) -> bool:
    """Whether ``text`` reads as a job title (see the module docstring)."""
    if not text or len(text) > limit or "@" in text or "http" in text:
        return False
    words = text.split()
    if len(words) > 10 or (text.endswith(".") and len(words) > 6):
        return False
    if has_job_word(text):
        return True
    return not any(r.startswith("plain title") for r in classify(text).reasons)


#: Legal forms that end a company's name, and words an organisation's name starts with.
_LEGAL = re.compile(
    r"(?:\b(?:AG|GmbH|Ltd|Inc|LLC|LLP|SA|SE|SAS|SARL|Corp|Co|KG|AB|BV|NV|Oy|AS|plc|S\.A|N\.V|S\.L)\.?)$"
)
_ORG_START = frozenset(
    {
        "university", "universität", "université", "universidad", "universidade", "hochschule",
        "institute", "institut", "instituto", "school", "college", "bank", "banque", "banco",
        "stiftung", "fondation", "fundación", "büro", "bureau", "agentur", "agency", "agence",
        "agencia", "studio", "atelier",
    }
)  # fmt: skip
#: Words of a department or a field, which follow a title without naming an employer
#: ("Director Product Management", "VP Sales EMEA").
_FIELDS = frozenset(
    {
        "marketing", "sales", "engineering", "product", "products", "operations", "finance",
        "design", "technology", "research", "development", "data", "security", "legal", "hr",
        "people", "communications", "strategy", "platform", "infrastructure", "team", "growth",
        "business", "customer", "customers", "success", "support", "services", "analytics",
        "content", "brand", "partnerships", "digital", "it", "international", "global", "emea",
        "apac", "americas", "europe", "management", "programs", "program", "projects", "web",
        "mobile", "software", "hardware", "innovation", "quality", "risk", "compliance",
        "administration", "education", "vertrieb", "entwicklung", "technik", "forschung",
        "finanzen", "recht", "personal", "ventes", "recherche", "ventas", "desarrollo",
    }
)  # fmt: skip


def names_a_field(text: str) -> bool:
    """Whether one of the text's words is a department or field ("Sales Administration")."""
    return any(w.casefold().strip(".,") in _FIELDS for w in _TITLE_SPLIT.split(text) if w)


_CONNECTORS = frozenset({"und", "and", "of", "für", "de", "du", "des", "y", "et", "&"})
_PLACE_TAIL = re.compile(r",\s*[^\W\d_][\w .-]{0,30}$")


def _org_like(text: str) -> bool:
    words = text.split()
    return bool(words) and (_LEGAL.search(text) is not None or words[0].casefold() in _ORG_START)


def split_title(text: str) -> tuple[str, str | None]:
    """A team page's title line that also names the person's employer, as (title, employer):
    ``Software Architekt, adcubum`` → (``Software Architekt``, ``adcubum``); ``Projektleiter
    Webstobe GmbH`` → (``Projektleiter``, ``Webstobe GmbH``); ``Founder und CEO Lowe IT
    Consulting Ltd., London`` → (``Founder und CEO``, ``Lowe IT Consulting Ltd.``);
    ``Lehrgangsleiter, HTML/CSS, PHP, WordPress`` (a title and then a list of subjects) →
    (``Lehrgangsleiter``, None); ``Büro für Gebrauchsgraphik`` (an organisation's name and no
    job word) → ("", ``Büro für Gebrauchsgraphik``). The line is kept whole, without an
    employer, whenever the part taken as the employer names a job too, or the part before it
    does not."""
    if _org_like(text) and not has_job_word(text):
        return "", text  # "Büro für Gebrauchsgraphik": an employer and no title
    pieces = text.split()
    if (
        len(pieces) == 2
        and any(form in pieces[0] for form in _CJK_LEGAL)
        and has_job_word(pieces[1])
    ):
        return pieces[1], pieces[0]  # "株式会社Gisuco　代表取締役社長"
    head, _, rest = text.partition(",")
    head, rest = head.strip(), rest.strip()
    if rest and has_job_word(head) and not _LEGAL.search(head):
        parts = [p.strip() for p in rest.split(",")]
        if not any(has_job_word(p) for p in parts):
            if len(parts) == 1 and len(rest.split()) <= 6:
                return head, rest
            if len(parts) == 2 and _LEGAL.search(f"{parts[0]}, {parts[1]}"):
                return head, f"{parts[0]}, {parts[1]}"
            if len(parts) >= 2 and not any(_org_like(p) for p in parts):
                return head, None
    bare = text
    if _PLACE_TAIL.search(text) and _LEGAL.search(_PLACE_TAIL.sub("", text)):
        bare = _PLACE_TAIL.sub("", text)  # "… Ltd., London": the place after the company
    words = bare.split()
    for k in range(1, len(words) - 1):
        # A title ending in its job noun, then a run of two or more capitalised words naming
        # neither a job nor a field: "Gründer und Geschäftsleiter Creative Construction Berlin".
        lead, tail = words[:k], words[k:]
        if (
            has_job_word(lead[-1])
            and all(w[:1].isupper() or w.casefold() in _CONNECTORS for w in tail)
            and tail[0][:1].isupper()
            and not has_job_word(" ".join(tail))
            and not any(w.casefold().strip(".,") in _FIELDS for w in tail)
        ):
            return " ".join(lead), " ".join(tail)
    for k in range(1, len(words)):
        title, company = " ".join(words[:k]), " ".join(words[k:])
        if (
            words[k][:1].isupper()
            and _org_like(company)
            and is_title(title)
            and not has_job_word(company)
            and not _LEGAL.search(title)
        ):
            return title, company
    return text, None
