"""Normalising a title: case, punctuation, employer tails, gender markers, abbreviations, grades."""

from __future__ import annotations

import pytest

from enrichment.seniority import classify
from enrichment.seniority._text import normalise

NORMALISED = [
    ("Sr. Software Engineer", "senior software engineer"),
    ("SR SOFTWARE ENGINEER", "senior software engineer"),
    ("Sr. SWE @ Meta", "senior software engineer"),
    ("Senior Engineer at Acme Corp", "senior engineer"),
    ("Ingénieur chez Thales", "engineer"),
    ("Entwickler bei SAP", "developer"),
    ("Softwareentwickler (m/w/d)", "software developer"),
    ("Développeur (H/F)", "developer"),
    ("Executive Assistant to the CEO", "executive assistant"),
    ("Team Lead, Backend", "team lead , backend"),
    ("Jr. Accountant", "junior accountant"),
    ("Sr. Mgr, Marketing", "senior manager , marketing"),
    ("Dir. of Ops", "director of operations"),
    ("Asst. Prof.", "assistant professor"),
    ("Assoc. Director", "associate director"),
    ("VP Eng", "vice president engineer"),
    ("Eng Mgr", "engineering manager"),
    ("SDE II", "software development engineer ii"),
    ("CTO & Co-founder", "chief technology officer and co founder"),
]


@pytest.mark.parametrize(("title", "text"), NORMALISED)
def test_normalise(title: str, text: str) -> None:
    assert normalise(title).text == text


def test_company_repeated_in_the_title_is_dropped() -> None:
    norm = normalise("Senior Engineer, Google", "Google")
    assert norm.text == "senior engineer"
    assert any("Google" in note for note in norm.notes)


ABBREVIATIONS = [
    ("Sr. Analyst", 3),
    ("Jr. Developer", 1),
    ("Snr Data Analyst", 3),
    ("Asst. Manager", 4),
    ("Mgr, Customer Support", 5),
    ("Dir. Marketing", 6),
    ("Sr Dir Product", 7),
    ("VP Sales", 7),
    ("SVP Engineering", 8),
    ("EVP & CFO", 8),
    ("CEO", 8),
    ("CTO", 8),
    ("CFO", 8),
    ("CISO", 8),
    ("Sr. SDE", 3),
    ("SWE Intern", 0),
    ("Sr. Staff SWE", 5),
    ("Lead SWE", 4),
    ("Exec Dir", 7),
    ("RN, BSN", 2),
    ("APM", 1),
    ("MD", 8),
    ("ED Nurse", 2),
]

GRADES = [
    ("Engineer I", 1),
    ("Engineer II", 2),
    ("Engineer III", 3),
    ("Engineer IV", 4),
    ("SDE I", 1),
    ("SDE II", 2),
    ("SDE III", 3),
    ("Software Engineer 2", 2),
    ("Developer 3", 3),
    ("Systems Engineer Level 2", 2),
    ("Level 1 Support Technician", 1),
    ("Software Engineer L5", 3),
    ("Software Engineer (E6)", 4),
    ("Data Scientist L4", 2),
    ("Senior Engineer II", 3),
    ("Registered Nurse III", 3),
]

RANKS = [
    ("Software Engineer", 2),
    ("Junior Developer", 1),
    ("Graduate Software Engineer", 1),
    ("Associate Product Manager", 1),
    ("Assistant Accountant", 1),
    ("Senior Software Engineer", 3),
    ("Staff Software Engineer", 4),
    ("Staff Accountant", 2),
    ("Tech Lead", 4),
    ("Lead Data Scientist", 4),
    ("Senior Staff Engineer", 5),
    ("Principal Engineer", 5),
    ("Senior Principal Engineer", 6),
    ("Distinguished Engineer", 6),
    ("Technical Fellow", 7),
    ("Product Manager", 2),
    ("Senior Product Manager", 3),
    ("Group Product Manager", 5),
    ("Engineering Manager", 5),
    ("Senior Manager", 6),
    ("Assistant Store Manager", 4),
    ("General Manager", 6),
    ("Director of Engineering", 6),
    ("Associate Director", 5),
    ("Senior Director of Engineering", 7),
    ("Head of Product", 6),
    ("Vice President of Sales", 7),
    ("Senior Vice President of Marketing", 8),
    ("Chief of Staff", 6),
    ("Founder", 8),
    ("Co-Founder & CEO", 8),
    ("Owner", 8),
    ("Product Owner", 2),
    ("Partner", 8),
    ("HR Business Partner", 3),
    ("Associate Partner", 7),
    ("Deputy CEO", 7),
    ("Chairman of the Board", 8),
    ("Software Engineering Intern", 0),
    ("Apprentice Electrician", 0),
    ("Management Trainee", 0),
    ("Shift Supervisor", 4),
    ("Foreman", 4),
    ("Funeral Director", 2),
]


@pytest.mark.parametrize(("title", "level"), ABBREVIATIONS)
def test_abbreviations(title: str, level: int) -> None:
    result = classify(title)
    assert result.level == level, result.reasons


@pytest.mark.parametrize(("title", "level"), GRADES)
def test_grades(title: str, level: int) -> None:
    result = classify(title)
    assert result.level == level, result.reasons


@pytest.mark.parametrize(("title", "level"), RANKS)
def test_ranks_and_modifiers(title: str, level: int) -> None:
    result = classify(title)
    assert result.level == level, result.reasons


AMBIGUOUS_WORDS = [
    # partner: an owner of the firm, or a role
    ("Partner", 8),
    ("Partner at McKinsey", 8),
    ("Tax Partner", 8),
    ("Associate Partner", 7),
    ("Talent Partner", 2),
    ("Senior Talent Partner", 3),
    ("Finance Business Partner", 3),
    ("Partner Manager", 2),
    ("Partner Engineer", 2),
    # fellow: top of the technical ladder, or a fellowship
    ("IBM Fellow", 7),
    ("Senior Fellow", 7),
    ("Fellow", 1),
    ("Teaching Fellow", 1),
    # chair: a department's head, the board's, or furniture
    ("Chair", 7),
    ("Chairman", 8),
    ("Chair Springer", 2),
    # entry: entry-level, or data entry
    ("Entry Level Analyst", 1),
    ("Data Entry Clerk", 2),
    # owner: of the business, or of a backlog
    ("Sole Proprietor", 8),
    ("Product Owner", 2),
    # intern, internal
    ("Internal Auditor", 2),
    ("Internal Medicine Physician", 2),
    # vice: the rank, or the police squad
    ("Detective, Narcotics And Vice", 2),
    # lead: the rank, or sales leads
    ("Lead Generation Specialist", 2),
]


@pytest.mark.parametrize(("title", "level"), AMBIGUOUS_WORDS)
def test_words_with_two_meanings(title: str, level: int) -> None:
    result = classify(title)
    assert result.level == level, result.reasons
