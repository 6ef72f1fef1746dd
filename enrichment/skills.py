"""Skills compared by meaning: "JS" is "JavaScript", "k8s" is "Kubernetes".

:func:`skill_key` folds a skill to a key: accents and case go, ``#`` reads "sharp", ``+`` reads
"plus", a leading ``.`` reads "dot" (``.NET`` -> ``dotnet``), then every other non-alphanumeric
character is dropped (``Node.js`` -> ``nodejs``, ``CI/CD`` -> ``cicd``). The key is then looked
up in :data:`SYNONYMS`, the maintained table of canonical names and their aliases, so every
alias of a skill has the canonical name's key. ``Amazon Web Services (AWS)`` is tried whole, then
as its parts. Unknown skills keep their folded key: two spellings that differ only in case or
punctuation still match.

:func:`split_skills` reads compound entries as resumes write them (``Javascript / Typescript``,
``HTML, CSS``); an entry that is itself a known skill (``CI/CD``) is kept whole.

To add a skill or an alias, add a line to :data:`SYNONYMS`: the canonical display name first,
then its aliases as people write them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from enrichment.companies import fold

#: Canonical display name -> aliases (the display name is an alias of itself).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "JavaScript": ("js", "ecmascript", "es6", "es2015", "vanilla js"),
    "TypeScript": ("ts",),
    "Node.js": ("node", "nodejs", "node js"),
    "React": ("react.js", "reactjs", "react js"),
    "React Native": ("react-native",),
    "Next.js": ("next", "nextjs"),
    "Vue.js": ("vue", "vuejs"),
    "Angular": ("angular2", "angular 2+"),
    "AngularJS": ("angular.js", "angular js"),
    "Express": ("express.js", "expressjs"),
    "jQuery": ("jquery",),
    "HTML": ("html5",),
    "CSS": ("css3",),
    "Sass": ("scss",),
    "Kubernetes": ("k8s", "kube"),
    "Docker": ("docker engine",),
    "PostgreSQL": ("postgres", "psql", "pgsql", "postgre sql"),
    "MySQL": ("my sql",),
    "Microsoft SQL Server": ("mssql", "sql server", "ms sql server", "t-sql", "tsql"),
    "MongoDB": ("mongo",),
    "DynamoDB": ("dynamo db", "amazon dynamodb"),
    "Elasticsearch": ("elastic search", "elastic"),
    "Redis": (),
    "SQL": (),
    "GraphQL": ("graph ql",),
    "Go": ("golang", "go lang"),
    "Python": ("python3", "python 3", "py"),
    "Ruby": (),
    "Ruby on Rails": ("rails", "ror", "ruby-on-rails"),
    "Java": (),
    "Kotlin": (),
    "Scala": (),
    "Rust": ("rustlang",),
    "C": ("c language", "ansi c"),
    "C++": ("cpp", "c plus plus"),
    "C#": ("csharp", "c sharp", "c-sharp"),
    "F#": ("fsharp", "f sharp"),
    ".NET": ("dotnet", "dot net", ".net core", ".net framework", "asp.net", "asp.net core"),
    "Objective-C": ("objc", "objective c", "obj-c"),
    "Swift": (),
    "PHP": (),
    "Perl": (),
    "R": ("r language", "rlang"),
    "MATLAB": (),
    "Bash": ("shell", "shell scripting", "bash scripting"),
    "Django": (),
    "Flask": (),
    "FastAPI": ("fast api",),
    "Spring": ("spring boot", "springboot", "spring framework"),
    "AWS": ("amazon web services", "amazon aws"),
    "GCP": ("google cloud", "google cloud platform", "g cloud", "gcloud"),
    "Azure": ("microsoft azure", "ms azure"),
    "Terraform": (),
    "Ansible": (),
    "Jenkins": (),
    "CI/CD": ("ci cd", "continuous integration", "continuous delivery"),
    "Git": (),
    "TCP/IP": ("tcp ip",),
    "Linux": ("gnu/linux",),
    "Kafka": ("apache kafka",),
    "Spark": ("apache spark", "pyspark"),
    "Hadoop": ("apache hadoop",),
    "Machine learning": ("ml", "machine-learning"),
    "Deep learning": ("deep-learning",),
    "Artificial intelligence": ("ai",),
    "Natural language processing": ("nlp",),
    "Computer vision": (),
    "TensorFlow": ("tensor flow",),
    "PyTorch": ("torch",),
    "scikit-learn": ("sklearn", "scikit learn"),
    "pandas": (),
    "NumPy": (),
    "Data analysis": ("data analytics",),
    "Tableau": (),
    "Power BI": ("powerbi", "microsoft power bi"),
    "Excel": ("microsoft excel", "ms excel"),
    "Salesforce": ("sfdc",),
    "Figma": (),
    "Jira": (),
    "REST": ("rest api", "rest apis", "restful", "restful apis"),
    "Microservices": ("micro services", "microservice"),
    "Heroku": (),
    "Serverless": (),
    "Redux": (),
    "Styled Components": ("styled-components",),
}

_SEPARATORS = re.compile(r"\s*(?:[,;|]|\s/\s|/)\s*")
_PARENTHESES = re.compile(r"^(.*?)\s*\(([^)]*)\)\s*$")


def _fold_key(text: str) -> str:
    folded = fold(text).strip()
    folded = folded.replace("#", "sharp").replace("+", "plus")
    if folded.startswith("."):
        folded = "dot" + folded[1:]
    squashed = re.sub(r"[^0-9a-z]+", "", folded)
    return squashed or folded


_ALIASES: dict[str, str] = {}
_DISPLAY: dict[str, str] = {}
for _name, _aliases in SYNONYMS.items():
    _canonical = _fold_key(_name)
    _DISPLAY[_canonical] = _name
    for _alias in (_name, *_aliases):
        _ALIASES.setdefault(_fold_key(_alias), _canonical)


def _known(text: str) -> str | None:
    return _ALIASES.get(_fold_key(text))


def skill_key(text: str) -> str:
    """The canonical key of one skill (``"Postgres"`` and ``"PostgreSQL"`` -> ``"postgresql"``)."""
    known = _known(text)
    if known:
        return known
    parts = _PARENTHESES.match(text)
    if parts:
        for part in (parts.group(2), parts.group(1)):
            known = _known(part)
            if known:
                return known
    return _fold_key(text)


def display_skill(text: str) -> str:
    """The name to show: the canonical name of a known skill, else the text as given."""
    return _DISPLAY.get(skill_key(text), " ".join(text.split()))


def split_skills(text: str) -> list[str]:
    """The skills in one entry: ``"JS / TS"`` -> ``["JS", "TS"]``; ``"CI/CD"`` stays whole."""
    text = " ".join(text.split())
    if not text:
        return []
    if _known(text):
        return [text]
    return [part for part in _SEPARATORS.split(text) if part.strip()]


def skill_keys(skills: Iterable[str]) -> set[str]:
    """Every canonical key in a list of skill entries (compound entries split)."""
    return {skill_key(part) for entry in skills for part in split_skills(entry)}


def new_skills(known: Iterable[str], found: Iterable[str]) -> list[str]:
    """Skills of ``found`` whose meaning is not in ``known``, as display names, first-seen order."""
    seen = skill_keys(known)
    out: list[str] = []
    for entry in found:
        for part in split_skills(entry):
            key = skill_key(part)
            if key not in seen:
                seen.add(key)
                out.append(display_skill(part))
    return out


def coverage(have: Iterable[str], need: Iterable[str]) -> tuple[list[str], list[str]]:
    """``(covered, missing)``: which of the ``need`` skills ``have`` covers, by meaning."""
    keys = skill_keys(have)
    covered: list[str] = []
    missing: list[str] = []
    for skill in need:
        (covered if skill_key(skill) in keys else missing).append(skill)
    return covered, missing
