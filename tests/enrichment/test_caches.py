"""enrichment.caches.clear empties the core's memoised helpers, so a long run stays flat."""

from __future__ import annotations

from enrichment import caches
from enrichment.matching.employers import employer_key
from enrichment.matching.names import nicknames, parse_name


def test_clear_empties_the_per_person_caches_and_keeps_loaded_resources() -> None:
    parse_name("Ada Lovelace")
    employer_key("Analytical Engines Ltd")
    nicknames()
    assert parse_name.cache_info().currsize > 0 and employer_key.cache_info().currsize > 0

    emptied = caches.clear()

    assert emptied >= 2
    assert parse_name.cache_info().currsize == 0
    assert employer_key.cache_info().currsize == 0
    assert nicknames.cache_info().currsize == 1, "a one-entry cache (a loaded file) is kept"
    assert parse_name("Ada Lovelace") == parse_name("Ada Lovelace"), "still works after"


def test_clear_touches_only_the_package_named() -> None:
    parse_name("Grace Hopper")
    assert caches.clear("no_such_package") == 0
    assert parse_name.cache_info().currsize > 0
