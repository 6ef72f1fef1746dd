"""Candidates from JSON objects (a JSON Lines export, contract section 4).

On top of :meth:`Candidate.from_dict`: an ``orcid`` or ``github`` profile given only by URL gets
its identifier from the URL (the crawler asks the API by identifier), and a malformed one is
reported on its field.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from enrichment.errors import InvalidInput
from enrichment.model import Candidate, ProfileRef
from medalist.importing.profiles import github_login, orcid_id, unique_profiles

_IDENTIFY = {"orcid": orcid_id, "github": github_login}


def _identified(ref: ProfileRef, index: int) -> ProfileRef:
    identify = _IDENTIFY.get(ref.kind)
    if identify is None:
        return ref
    try:
        return ProfileRef(ref.kind, id=identify(ref.id or ref.url or ""))
    except InvalidInput as error:
        raise InvalidInput(
            error.reason, where=f"profiles[{index}]", field="id" if ref.id else "url"
        ) from None


#: Fields that hold one piece of text; a list or object there is a mistake, not a name.
TEXT_FIELDS = ("external_id", "full_name", "location")


def candidate_from_json(data: dict[str, Any]) -> Candidate:
    for name in TEXT_FIELDS:
        value = data.get(name)
        if isinstance(value, list | dict | bool):
            kind = {list: "a list", dict: "an object", bool: "true/false"}[type(value)]
            raise InvalidInput(f"must be text, not {kind}", field=name)
    candidate = Candidate.from_dict(data)
    profiles = [_identified(ref, i) for i, ref in enumerate(candidate.profiles)]
    return replace(candidate, profiles=unique_profiles(profiles))
