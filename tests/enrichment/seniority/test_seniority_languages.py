"""Titles in German, French and Spanish land where their English equivalents do."""

from __future__ import annotations

import pytest

from enrichment.seniority import classify

GERMAN = [
    ("Softwareentwickler", 2),
    ("Softwareentwicklerin (m/w/d)", 2),
    ("Senior Softwareentwickler", 3),
    ("Junior Softwareentwickler (m/w/d)", 1),
    ("Werkstudent Softwareentwicklung", 0),
    ("Praktikantin Personalwesen", 0),
    ("Auszubildender Fachinformatiker", 0),
    ("Teamleiter Kundenservice", 4),
    ("Gruppenleiter Entwicklung", 5),
    ("Abteilungsleiter Einkauf", 6),
    ("Leiter Vertrieb", 6),
    ("Leiterin Marketing", 6),
    ("Vertriebsleiter", 6),
    ("Filialleiter", 5),
    ("Geschäftsführer", 8),
    ("Geschäftsführerin", 8),
    ("Vorstandsvorsitzender", 8),
    ("Wissenschaftlicher Mitarbeiter", 1),
    ("Doktorand", 0),
    ("Juniorprofessor", 4),
    ("Assistenzarzt", 1),
    ("Oberarzt", 4),
    ("Chefarzt", 6),
    ("Gesundheits- und Krankenpfleger", 2),
    ("Stationsleitung", 5),
]

FRENCH = [
    ("Ingénieur logiciel", 2),
    ("Ingénieur logiciel senior", 3),
    ("Développeur Full Stack (H/F)", 2),
    ("Consultant junior", 1),
    ("Stagiaire développeur", 0),
    ("Alternant chargé de communication", 0),
    ("Chef de projet", 2),
    ("Chef d'équipe", 4),
    ("Responsable marketing", 5),
    ("Chef de service", 6),
    ("Directeur commercial", 6),
    ("Directeur adjoint", 5),
    ("Directeur général adjoint", 7),
    ("Directeur général", 8),
    ("Président-directeur général", 8),
    ("PDG", 8),
    ("Fondatrice", 8),
    ("Infirmière", 2),
    ("Cadre de santé", 5),
    ("Maître de conférences", 4),
    ("Professeur des universités", 6),
    ("Doctorante", 0),
]

SPANISH = [
    ("Ingeniero de software", 2),
    ("Ingeniera de datos senior", 3),
    ("Desarrollador web junior", 1),
    ("Becario de marketing", 0),
    ("Practicante de contabilidad", 0),
    ("Auxiliar administrativo", 1),
    ("Asistente de dirección", 2),
    ("Jefe de equipo", 4),
    ("Encargado de tienda", 4),
    ("Jefe de ventas", 5),
    ("Gerente de ventas", 5),
    ("Responsable de compras", 5),
    ("Director comercial", 6),
    ("Jefe de servicio de cardiología", 6),
    ("Vicepresidente de operaciones", 7),
    ("Director General", 8),
    ("Gerente general", 8),
    ("Consejero delegado", 8),
    ("Médico residente", 1),
    ("Profesor titular", 5),
    ("Catedrático de universidad", 6),
]


@pytest.mark.parametrize(("title", "level"), GERMAN)
def test_german(title: str, level: int) -> None:
    result = classify(title)
    assert result.level == level, result.reasons


@pytest.mark.parametrize(("title", "level"), FRENCH)
def test_french(title: str, level: int) -> None:
    result = classify(title)
    assert result.level == level, result.reasons


@pytest.mark.parametrize(("title", "level"), SPANISH)
def test_spanish(title: str, level: int) -> None:
    result = classify(title)
    assert result.level == level, result.reasons


def test_translation_is_a_reason() -> None:
    reasons = classify("Geschäftsführer").reasons
    assert "German 'Geschäftsführer' → 'managing director'" in reasons
    assert any(r.startswith("Spanish ") for r in classify("Gerente de ventas").reasons)
    assert any(r.startswith("French ") for r in classify("Chef de projet").reasons)
