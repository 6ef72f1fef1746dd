"""An employer named in short ("Chocolatey" for "Chocolatey Software") agrees a little: it adds
weight, but alone it does not corroborate a name enough to link."""

from __future__ import annotations

from enrichment.matching import CandidateIndex, Weights
from enrichment.model import Candidate, Position, ProfileRecord


def test_an_employer_named_in_short_agrees_but_does_not_link_alone() -> None:
    stored = Candidate.from_dict(
        {
            "external_id": "g",
            "full_name": "Gary Park",
            "positions": [{"title": "Engineer", "company": "Chocolatey Software", "start": "2016"}],
        }
    )
    # the name alone must not decide here (a one-person store rests on the default name
    # frequencies): what is asked is what the short employer adds
    index = CandidateIndex.build([stored], weights=Weights(name_alone_bits=40.0))
    entry = ProfileRecord(
        full_name="Gary Ewan Park",
        kind="team_page",
        url="https://example.org/about",
        positions=(Position("Senior Software Engineer", "Chocolatey"),),
    )
    other = ProfileRecord(
        full_name="Gary Ewan Park",
        kind="team_page",
        url="https://example.org/about",
        positions=(Position("Senior Software Engineer", "Globex"),),
    )

    short, different = index.match(entry), index.match(other)

    assert any("employer named in short" in r for r in short.reasons)
    assert short.score > different.score
    assert short.decision == "review" and short.proposed_candidate_id == "g"
