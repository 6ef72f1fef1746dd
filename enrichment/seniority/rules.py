"""The seniority rules: ordered, labelled, first match wins (the Splink habit).

Two tables, read over the normalised title (see :mod:`enrichment.seniority._text`):

1. :data:`ROLES` finds the title's role and its base level. The first rule whose pattern
   matches decides; rules that depend on the employer (the banking ladder) or the setting
   (academia) say so in ``when``. When nothing matches, the title is a plain one: level 2.
2. :data:`MODIFIERS` then moves a gradable role: ``senior`` one up, ``assistant`` one down,
   ``staff`` to 4, a grade ``III`` to 3. Only modifiers of the role's ``family`` apply, and,
   for a named role, only words before it in the same segment or ending that segment
   ("Ingeniera de datos senior"). Again the first match wins.

Every decision carries the label of each rule that fired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Families of gradable roles: which modifiers move them.
IC, PEOPLE, EXEC = "ic", "people", "exec"


@dataclass(frozen=True, slots=True)
class Role:
    name: str
    label: str
    pattern: re.Pattern[str]
    level: int
    track: str
    family: str | None = None
    when: str | None = None


@dataclass(frozen=True, slots=True)
class Modifier:
    name: str
    pattern: re.Pattern[str]
    families: frozenset[str]
    #: "set" to ``value``, "add" ``value``, or "grade": the level read from the match.
    op: str
    value: int = 0
    #: For grades: the range of levels this rule accepts (grades split around "senior").
    grades: tuple[int, int] = (0, 8)


def _role(
    name: str,
    label: str,
    pattern: str,
    level: int,
    track: str,
    family: str | None = None,
    when: str | None = None,
) -> Role:
    return Role(name, label, re.compile(pattern), level, track, family, when)


_END = r"(?= ,|$)"
_TECH = (
    r"(?=(?:software|engineer|engineering|scientist|science|developer|designer|design|data|"
    r"machine|ml|research|researcher|product|architect|security|site|frontend|front|backend|"
    r"back|full|fullstack|infrastructure|systems?|technical|ux|ui|applied|sre|platform|cloud|"
    r"devops|mobile|ios|android|web|qa|test|hardware|firmware|network|database|solutions|"
    r"member|swe|ai)\b)"
)
_BANK_AREAS = (
    r"investment banking|ibd|m and a|equity research|sales and trading|leveraged finance|"
    r"capital markets|private equity|venture capital|corporate finance|restructuring|coverage|"
    r"banking|investment|global markets|fixed income|summer"
)
_NOT_OWNER = "".join(
    f"(?<!{w} )"
    for w in (
        "product",
        "process",
        "service",
        "data",
        "system",
        "risk",
        "control",
        "content",
        "feature",
        "platform",
        "application",
        "solution",
        "asset",
        "case",
        "budget",
        "account",
    )
)

#: Words that make "X Partner" an owner of the firm; other "X Partner"s are roles
#: ("Talent Partner", "Finance Business Partner").
_PARTNER_RANKS = (
    r"senior|managing|equity|general|founding|name|salaried|operating|venture|executive|"
    r"limited|income|non equity|engagement|audit|tax|advisory|consulting|investment|deal|"
    r"lead|global|regional|national|country|practice|full|co|attorney|lawyer|law firm"
)
_PARTNER_END = r"(?= ,|$| of\b| at\b| in\b| and\b)"

ROLES: tuple[Role, ...] = (
    # --- training: nothing outranks "intern"
    _role(
        "training",
        "training title",
        r"\b(?:interns?|internship|trainee|apprentice|apprenticeship|working student|"
        r"student (?:assistant|worker|intern|trainee|researcher|nurse|employee|helper)|co op|"
        r"summer (?:analyst|associate|intern|student|law clerk)|"
        r"phd (?:student|candidate|researcher|fellow)|phd|"
        r"(?:mba|masters?|msc|bsc|ba|ma) (?:student|candidate)|"
        r"doctoral (?:student|candidate|researcher|fellow)|"
        r"graduate (?:student|research assistant|teaching assistant|assistant|fellow|researcher)|"
        r"undergraduate\w*)\b|\bstudent" + _END,
        0,
        "ic",
    ),
    # --- the banking ladder: the same words mean other levels at a bank
    _role("bank.md", "banking ladder", r"\bmanaging director\b", 8, "executive", when="bank"),
    _role(
        "bank.evp", "banking ladder", r"\bexecutive vice president\b", 8, "executive", when="bank"
    ),
    _role("bank.svp", "banking ladder", r"\bsenior vice president\b", 6, "management", when="bank"),
    _role(
        "bank.director",
        "banking ladder",
        r"(?<!associate )(?<!assistant )(?<!deputy )(?<!non executive )(?<!board )"
        r"\b(?:executive )?director\b",
        6,
        "management",
        when="bank",
    ),
    _role(
        "bank.avp",
        "banking ladder",
        r"\b(?:assistant|associate) vice president\b",
        3,
        "ic",
        when="bank",
    ),
    _role("bank.vp", "banking ladder", r"\bvice president\b", 4, "ic", when="bank"),
    _role("bank.associate", "banking ladder", r"\bassociate" + _END, 3, "ic", when="bank"),
    _role(
        "bank.senior_analyst", "banking ladder", r"\bsenior analyst" + _END, 2, "ic", when="bank"
    ),
    _role(
        "bank.analyst",
        "banking ladder",
        rf"(?:^|, )(?:(?:{_BANK_AREAS}) )?analyst" + _END,
        1,
        "ic",
        when="bank",
    ),
    # --- executives
    _role("exec.founder", "founder", r"\b(?:co )?founder\b", 8, "executive", EXEC),
    _role(
        "exec.board",
        "board title",
        r"\b(?:chairman|chairwoman|chairperson|chair of the (?:supervisory )?board|board chair|"
        r"board member|member of the board|non executive director|board director|"
        r"independent director|executive chairman)\b",
        8,
        "executive",
        EXEC,
    ),
    _role(
        "exec.chief_officer",
        "C-level title",
        r"\bchief (?:\w+ ){0,5}?officer\b|\bchief executive\b",
        8,
        "executive",
        EXEC,
    ),
    _role("exec.president", "president", r"(?<!vice )\bpresident\b", 8, "executive", EXEC),
    _role(
        "exec.managing",
        "executive title",
        r"\b(?:managing director|managing partner|general partner|executive partner|"
        r"general counsel|senior partner|equity partner)\b",
        8,
        "executive",
        EXEC,
    ),
    _role(
        "exec.owner",
        "owner",
        _NOT_OWNER + r"\b(?:co )?(?:owners?|proprietor)\b",
        8,
        "executive",
        EXEC,
    ),
    _role(
        "exec.partner",
        "partner",
        rf"(?:^|\b(?:{_PARTNER_RANKS}) )partner" + _PARTNER_END,
        8,
        "executive",
        EXEC,
    ),
    _role("exec.junior_partner", "partner", r"\b(?:junior|associate) partner\b", 7, "executive"),
    _role(
        "academic.deputy_head",
        "academic ladder",
        r"\b(?:pro|deputy) vice chancellor\b|\bvice (?:provost|rector)\b",
        7,
        "executive",
    ),
    _role(
        "exec.university_head",
        "academic ladder",
        r"(?<!associate )(?<!assistant )\b(?:vice chancellor|provost|chancellor|rector)\b",
        8,
        "executive",
        EXEC,
    ),
    # --- vice presidents (at a bank, see above)
    _role("vp", "vice-president title", r"\bvice president\b", 7, "executive", PEOPLE),
    # --- academia
    _role("academic.dean", "academic ladder", r"\bdean\b", 7, "management", PEOPLE),
    _role(
        "academic.chair",
        "academic ladder",
        r"\bchair(?= ,|$| of\b| and\b| in\b)|"
        r"\b(?:department|program|programme|division|section|committee|co|vice) chair\b",
        7,
        "management",
        PEOPLE,
    ),
    _role(
        "academic.head_of_department",
        "academic ladder",
        r"\bhead of (?:the )?(?:department|school|faculty|division)\b",
        7,
        "management",
        when="academic",
    ),
    _role(
        "academic.assistant_professor",
        "academic ladder",
        r"\b(?:assistant (?:\w+ ){0,2}?professor|junior professor|tenure track professor)\b",
        4,
        "ic",
    ),
    _role(
        "academic.associate_professor",
        "academic ladder",
        r"\bassociate (?:\w+ ){0,2}?professor\b",
        5,
        "ic",
    ),
    _role(
        "academic.adjunct",
        "academic ladder",
        r"\b(?:adjunct|affiliate|sessional) (?:professor|lecturer|faculty|instructor)\b",
        3,
        "ic",
    ),
    _role("academic.professor", "academic ladder", r"\bprofessor\b", 6, "ic"),
    _role(
        "academic.senior_lecturer",
        "academic ladder",
        r"\b(?:senior|principal) lecturer\b|(?:^|, )reader\b",
        5,
        "ic",
    ),
    _role(
        "academic.lecturer",
        "academic ladder",
        r"\blecturer\b|\bfaculty(?: member)?" + _END,
        4,
        "ic",
    ),
    _role("academic.senior_fellow", "academic ladder", r"\bsenior research fellow\b", 4, "ic"),
    _role(
        "academic.postdoc",
        "academic ladder",
        r"\b(?:postdoctoral|post doctoral|post doc)\b",
        1,
        "ic",
    ),
    _role(
        "academic.fellow",
        "academic ladder",
        r"\b(?:research|teaching|clinical|junior|visiting|postgraduate|academic|medical) fellow\b",
        1,
        "ic",
    ),
    _role(
        "academic.research_associate",
        "academic ladder",
        r"\bresearch (?:associate|assistant)\b",
        1,
        "ic",
        IC,
    ),
    _role(
        "academic.group_leader",
        "academic ladder",
        r"\b(?:principal investigator|group lead(?:er)?|research group lead(?:er)?)\b",
        5,
        "management",
    ),
    # --- chief, without "officer"
    _role("chief.resident", "healthcare ladder", r"\bchief resident\b", 2, "ic"),
    _role("chief.of_staff", "chief title", r"\bchief of staff\b", 6, "management"),
    _role(
        "chief.ic",
        "chief title",
        r"\bchief (?:scientist|architect|economist|technologist|strategist|data scientist|"
        r"research scientist|technical architect)\b",
        7,
        "ic",
    ),
    _role(
        "chief.in_chief",
        "chief title",
        r"\b(?:editor|engineer|commander|surgeon) in chief\b",
        6,
        "management",
        PEOPLE,
    ),
    _role("chief.crew", "chief title", r"\bchief" + _END, 4, "management"),
    _role("chief.head", "chief title", r"\bchief\b", 6, "management"),
    # --- healthcare
    _role(
        "health.advanced_nurse",
        "healthcare ladder",
        r"\b(?:nurse practitioner|advanced practice (?:registered )?nurse|"
        r"clinical nurse specialist|nurse specialist|(?:registered )?nurse anesthetist|"
        r"nurse midwife)\b",
        3,
        "ic",
        IC,
    ),
    _role(
        "health.nursing_assistant",
        "healthcare ladder",
        r"\b(?:nursing assistant|nurse aide|nursing aide|care assistant|healthcare assistant|"
        r"health care assistant|patient care assistant|care aide)\b",
        1,
        "ic",
        IC,
    ),
    _role(
        "health.charge_nurse",
        "healthcare ladder",
        r"\b(?:charge nurse|ward sister|nurse in charge|nursing supervisor|nurse supervisor)\b",
        4,
        "management",
    ),
    _role(
        "health.attending",
        "healthcare ladder",
        r"\battending\b|\bconsultant (?:physician|surgeon|psychiatrist|radiologist|anaesthetist|"
        r"anesthetist|anesthesiologist|paediatrician|pediatrician|cardiologist|neurologist|"
        r"oncologist|doctor|obstetrician|gynaecologist|dermatologist|ophthalmologist|"
        r"geriatrician|haematologist|histopathologist|microbiologist)\b",
        3,
        "ic",
        IC,
    ),
    _role(
        "health.resident",
        "healthcare ladder",
        r"\b(?:resident physician|medical resident|resident doctor|junior doctor|house officer|"
        r"foundation doctor|surgical resident)\b|\bresident" + _END,
        1,
        "ic",
    ),
    _role(
        "health.physician_assistant",
        "healthcare ladder",
        r"\bphysician (?:assistant|associate)\b",
        2,
        "ic",
        IC,
    ),
    # --- directors
    _role("director.funeral", "profession, not a rank", r"\bfuneral director\b", 2, "ic", IC),
    _role(
        "director.creative_ic",
        "creative role, not a rank",
        r"\b(?:art director|director of photography|casting director)\b",
        3,
        "ic",
        IC,
    ),
    _role("director", "director title", r"\bdirector\b", 6, "management", PEOPLE),
    # --- heads
    _role("head.school", "head title", r"\bhead teacher\b", 6, "management", PEOPLE),
    _role(
        "head.of",
        "head title",
        r"\bhead of\b|\b(?:department|division|unit|practice|country|regional|business|group|"
        r"sales|marketing|operations|finance|hr|it) head\b|(?<=\w )head" + _END,
        6,
        "management",
        PEOPLE,
    ),
    # --- managers and other people leaders
    _role("managing", "managing title", r"\bmanaging\b", 5, "management", PEOPLE),
    _role(
        "principal.head",
        "principal (head of a school or firm)",
        r"\bprincipal(?= ,|$| of\b| at\b)",
        6,
        "management",
        PEOPLE,
    ),
    _role("kitchen.executive_chef", "kitchen ladder", r"\bexecutive chef\b", 5, "management"),
    _role(
        "media.executive_producer", "executive producer", r"\bexecutive producer\b", 6, "management"
    ),
    _role(
        "finance.controller",
        "financial controller",
        r"(?:^|financial |group |corporate )(?:controller|comptroller)$",
        5,
        "management",
        PEOPLE,
    ),
    _role("kitchen.sous_chef", "kitchen ladder", r"\bsous chef\b", 3, "ic", IC),
    _role(
        "manager.ic",
        "manager of a product or accounts, not of people",
        r"\b(?:product marketing|product|project|projects|programme|program|key account|"
        r"accounts?|relationship|case|care|community|social media|content|customer success|"
        r"client success|partner|partnerships?|territory|category|commodity|brand|household|"
        r"release|channel|alliance) manager\b",
        2,
        "ic",
        IC,
    ),
    _role("manager.general", "manager title", r"\bgeneral manager\b", 6, "management", PEOPLE),
    _role("manager", "manager title", r"\bmanager\b", 5, "management", PEOPLE),
    _role(
        "lead.team",
        "lead title",
        r"\b(?:team|shift|crew|squad|section|line|unit|store|department|project) lead(?:er)?\b",
        4,
        "management",
    ),
    _role(
        "lead.tech",
        "lead title",
        r"\b(?:tech|technical|engineering) lead(?:er)?\b|\blead(?:er)?" + _END,
        4,
        "ic",
    ),
    _role("lead.leader", "lead title", r"\bleader\b|\bin charge\b", 4, "management"),
    _role(
        "supervisor.superintendent",
        "supervisor title",
        r"\bsuperintendent\b",
        5,
        "management",
        PEOPLE,
    ),
    _role(
        "supervisor",
        "supervisor title",
        r"\b(?:supervisor|supervisory|supervising|foreman|overseer)\b",
        4,
        "management",
        PEOPLE,
    ),
    # --- individual roles with their own base level
    _role("business_partner", "business partner", r"\bbusiness partner\b", 3, "ic", IC),
    _role(
        "fellow.technical",
        "fellow (top of the technical ladder)",
        r"\b(?:technical|distinguished|corporate|senior|executive|chief|ibm|intel|amd|nvidia|"
        r"microsoft|google|oracle|cisco|qualcomm|adobe|salesforce|vmware|boeing|sap|hp|dell|"
        r"arm|apple|meta|amazon|siemens|bosch|philips|ericsson|nokia|huawei|samsung) fellow\b",
        7,
        "ic",
    ),
    _role("fellow", "fellowship (a trainee post)", r"\bfellow\b", 1, "ic"),
    _role(
        "partner.role",
        "partner as a role, not an owner",
        r"\bpartner" + _PARTNER_END,
        2,
        "ic",
        IC,
    ),
    _role(
        "assistant.senior",
        "assistant title",
        r"\b(?:executive|personal|legal executive) assistant\b|\bassistant to\b",
        2,
        "ic",
        IC,
    ),
    _role(
        "assistant",
        "assistant title",
        r"\b(?:assistant|aide|helper|auxiliary)" + _END,
        1,
        "ic",
        IC,
    ),
    _role("health.nurse", "healthcare ladder", r"\bnurse\b", 2, "ic", IC),
)

#: The role of a title that names none of the above: level 2.
PLAIN = Role("plain", "plain title", re.compile(r""), 2, "ic", IC)

_GRADE = (
    r"\b(?P<roman>i|ii|iii|iv|v)\b|\b(?P<digit>[1-5])" + _END + r"|"
    r"\b(?:level|grade|tier|band|lvl) (?P<level>[1-9])\b|"
    r"\b(?P<ladder>[le]|ic)(?P<rung>[1-9]|10|11)\b"
)
_ALL = frozenset({IC, PEOPLE, EXEC})


def _mod(
    name: str,
    pattern: str,
    families: frozenset[str],
    op: str,
    value: int = 0,
    grades: tuple[int, int] = (0, 8),
) -> Modifier:
    return Modifier(name, re.compile(pattern), families, op, value, grades)


MODIFIERS: tuple[Modifier, ...] = (
    _mod("senior principal", r"\bsenior principal\b", frozenset({IC}), "set", 6),
    _mod("distinguished", r"\bdistinguished\b", frozenset({IC}), "set", 6),
    _mod(
        "principal",
        r"\b(?:principal|consulting member|group(?= product manager))\b",
        frozenset({IC}),
        "set",
        5,
    ),
    _mod("senior staff", r"\bsenior staff " + _TECH, frozenset({IC}), "set", 5),
    _mod("staff", r"\bstaff " + _TECH, frozenset({IC}), "set", 4),
    _mod("lead", r"\blead\b(?! generation| gen\b)", frozenset({IC}), "set", 4),
    _mod("head", r"(?:^|, )head (?!of\b)", frozenset({IC}), "set", 4),
    _mod("grade", _GRADE, frozenset({IC}), "grade", grades=(3, 8)),
    _mod(
        "senior",
        r"\b(?:senior|experienced|executive(?= (?:director|vice president|manager))|"
        r"general(?= manager)|master(?= \w)(?! data))\b",
        frozenset({IC, PEOPLE}),
        "add",
        1,
    ),
    _mod("grade", _GRADE, frozenset({IC}), "grade", grades=(0, 2)),
    _mod(
        "junior",
        r"\b(?:junior|entry level|graduate|new grad|beginner)\b",
        frozenset({IC, PEOPLE, EXEC}),
        "add",
        -1,
    ),
    _mod(
        "assistant",
        r"\b(?:associate(?! (?:attorney|lawyer|solicitor|counsel)\b)|assistant|deputy|vice|"
        r"sub|under|second)(?= \w)",
        frozenset({IC, PEOPLE}),
        "add",
        -1,
    ),
    _mod("deputy", r"\bdeputy$", _ALL, "add", -1),
    _mod(
        "deputy",
        r"\b(?:associate|assistant|deputy|second)(?= \w)",
        frozenset({EXEC}),
        "add",
        -1,
    ),
)

#: Google/Meta-style ladder rungs (L3/E3/IC3 a new graduate, L5 senior, L6 staff ...).
LADDER_RUNGS: dict[int, int] = {1: 1, 2: 1, 3: 1, 4: 2, 5: 3, 6: 4, 7: 5, 8: 5, 9: 6, 10: 7, 11: 8}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}


def grade_level(match: re.Match[str]) -> int:
    """The level a grade names: ``II`` and ``2`` are 2, ``L5`` and ``E5`` are 3 (senior)."""
    if match.group("roman"):
        return _ROMAN[match.group("roman")]
    if match.group("digit"):
        return int(match.group("digit"))
    if match.group("level"):
        return min(int(match.group("level")), 5)
    rung = int(match.group("rung"))
    return LADDER_RUNGS[rung]
