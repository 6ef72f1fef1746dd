"""Ladders whose words mean other things: banking, academia, healthcare (contract section 5)."""

from __future__ import annotations

import pytest

from enrichment.seniority import classify

BANKING = [
    ("Analyst", "Goldman Sachs", 1),
    ("Investment Banking Analyst", "Morgan Stanley", 1),
    ("Associate", "Goldman Sachs", 3),
    ("Senior Associate", "Barclays", 3),
    ("Assistant Vice President", "HSBC", 3),
    ("Vice President", "JPMorgan Chase", 4),
    ("Vice President, Technology", "Barclays", 4),
    ("VP", "Citi", 4),
    ("Senior Vice President", "Wells Fargo", 6),
    ("Director", "Credit Suisse", 6),
    ("Executive Director", "Morgan Stanley", 6),
    ("Managing Director", "Goldman Sachs", 8),
    ("Summer Analyst", "Goldman Sachs", 0),
    # the words make the company a financial firm
    ("Associate", "Sequoia Capital", 3),
    ("Vice President", "Nomura Securities", 4),
    ("Vice President", "Evercore Partners", 4),
    ("Vice President", "Raiffeisenbank", 4),
    # from the title alone
    ("Investment Banking Associate", None, 3),
    ("Vice President, Investment Banking", None, 4),
    # not a ladder word: ordinary rules apply at the bank
    ("Software Engineer", "Goldman Sachs", 2),
    ("Credit Analyst", "Barclays", 2),
    ("Branch Manager", "Chase", 5),
]

NOT_BANKS = [
    ("Vice President", "Acme Corp", 7),
    ("Associate", "Walmart", 2),
    ("Vice President of Engineering", "Stripe", 7),
    ("Executive Director", "UNICEF", 7),
    ("Vice President", "Food Bank of Ohio", 7),
]

ACADEMIA = [
    ("PhD Student", "ETH Zurich", 0),
    ("Postdoctoral Researcher", None, 1),
    ("Postdoc", "MIT", 1),
    ("Research Fellow", "University of Oxford", 1),
    ("Lecturer", "University of Manchester", 4),
    ("Assistant Professor", "Stanford University", 4),
    ("Assistant Professor of German", None, 4),
    ("Senior Lecturer", "University of Leeds", 5),
    ("Associate Professor", None, 5),
    ("Professor", "Harvard University", 6),
    ("Full Professor", None, 6),
    ("Professor and Chair, Department of Chemistry", None, 7),
    ("Department Chair", None, 7),
    ("Dean of Engineering", None, 7),
    ("Associate Dean", None, 6),
    ("Head of Department", "University of Bristol", 7),
    ("Head of Department", "Acme Ltd", 6),
]

HEALTHCARE = [
    ("Nursing Student", None, 0),
    ("Certified Nursing Assistant", None, 1),
    ("Staff Nurse", "NHS", 2),
    ("Registered Nurse", None, 2),
    ("Senior Staff Nurse", None, 3),
    ("Nurse Practitioner", None, 3),
    ("Charge Nurse", None, 4),
    ("Head Nurse", None, 4),
    ("Nurse Manager", None, 5),
    ("Director of Nursing", None, 6),
    ("Chief Nursing Officer", None, 8),
    ("Resident Physician", None, 1),
    ("Attending Physician", None, 3),
    ("Consultant Surgeon", "NHS", 3),
    ("Chief of Surgery", None, 6),
    ("Physician Assistant", None, 2),
]


@pytest.mark.parametrize(("title", "company", "level"), BANKING)
def test_banking_ladder(title: str, company: str | None, level: int) -> None:
    result = classify(title, company)
    assert result.level == level, result.reasons


@pytest.mark.parametrize(("title", "company", "level"), NOT_BANKS)
def test_same_words_elsewhere_keep_their_usual_level(title: str, company: str, level: int) -> None:
    result = classify(title, company)
    assert result.level == level, result.reasons
    assert not any("banking" in reason for reason in result.reasons)


def test_bank_reason_names_the_company_and_the_word() -> None:
    result = classify("Vice President", "Goldman Sachs")
    assert "banking ladder at 'Goldman Sachs': 'vice president' → 4" in result.reasons
    assert any(r.startswith("banking context:") for r in result.reasons)


@pytest.mark.parametrize(("title", "company", "level"), ACADEMIA)
def test_academic_ladder(title: str, company: str | None, level: int) -> None:
    result = classify(title, company)
    assert result.level == level, result.reasons


@pytest.mark.parametrize(("title", "company", "level"), HEALTHCARE)
def test_healthcare_ladder(title: str, company: str | None, level: int) -> None:
    result = classify(title, company)
    assert result.level == level, result.reasons
