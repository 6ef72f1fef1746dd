"""Splink 5 (DuckDB backend) on the same data: trained unsupervised, then best link per mention."""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd

from benchmarks.matching.datasets import Dataset


def _historical_settings() -> tuple[Any, list[Any], list[Any]]:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "dob"),
            block_on("first_name", "dob"),
            block_on("postcode_fake", "first_name"),
            block_on("postcode_fake", "surname"),
            block_on("dob", "birth_place"),
            block_on("substr(postcode_fake, 1, 3)", "dob"),
            block_on("substr(postcode_fake, 1, 3)", "first_name"),
            block_on("substr(postcode_fake, 1, 3)", "surname"),
            block_on("substr(first_name, 1, 2)", "substr(surname, 1, 2)", "substr(dob, 1, 4)"),
        ],
        comparisons=[
            cl.ForenameSurnameComparison(
                "first_name", "surname", forename_surname_concat_col_name="first_name_surname"
            ),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.PostcodeComparison("postcode_fake"),
            cl.ExactMatch("birth_place").configure(term_frequency_adjustments=True),
            cl.ExactMatch("occupation").configure(term_frequency_adjustments=True),
        ],
    )
    deterministic = [
        block_on("first_name", "surname", "dob"),
        block_on("substr(first_name, 1, 2)", "surname", "substr(postcode_fake, 1, 2)"),
        block_on("dob", "postcode_fake"),
    ]
    em = [block_on("first_name", "surname"), block_on("dob")]
    return settings, deterministic, em


def _febrl_settings() -> tuple[Any, list[Any], list[Any]]:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"),
            block_on("surname", "date_of_birth"),
            block_on("given_name", "date_of_birth"),
            block_on("soc_sec_id"),
            block_on("postcode", "surname"),
            block_on("postcode", "given_name"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.LevenshteinAtThresholds("date_of_birth", [1, 2]),
            cl.LevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number"),
            cl.LevenshteinAtThresholds("postcode", [1, 2]),
            cl.JaroWinklerAtThresholds("suburb", [0.9]),
            cl.JaroWinklerAtThresholds("address_1", [0.9]),
            cl.ExactMatch("state"),
        ],
    )
    deterministic = [
        block_on("soc_sec_id"),
        block_on("given_name", "surname", "date_of_birth"),
    ]
    em = [block_on("given_name", "surname"), block_on("date_of_birth"), block_on("postcode")]
    return settings, deterministic, em


def _names_settings() -> tuple[Any, list[Any], list[Any]]:
    """Names only (the inventor sets): forename and surname, each with its term frequencies."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "substr(first_name, 1, 1)"),
            block_on("first_name", "substr(surname, 1, 2)"),
        ],
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
        ],
    )
    deterministic = [block_on("first_name", "surname")]
    # each EM pass trains the comparison its blocking rule does not use
    em = [block_on("surname"), block_on("first_name")]
    return settings, deterministic, em


def run_splink(data: Dataset, thresholds: tuple[float, ...]) -> dict[float, dict[str, str | None]]:
    """Links (mention id -> stored id or None) at each match-probability threshold."""
    from splink import DuckDBAPI, Linker

    if data.names_only:
        settings, deterministic, em = _names_settings()
    elif data.name.startswith("historical"):
        settings, deterministic, em = _historical_settings()
    else:
        settings, deterministic, em = _febrl_settings()
    columns = [c for c in data.stored.columns if c != "cluster"]
    db_api = DuckDBAPI()
    left = db_api.register(data.stored[columns].astype("string"), dataset_display_name="stored")
    right = db_api.register(
        data.mentions[columns].astype("string"), dataset_display_name="mentions"
    )
    linker = Linker([left, right], settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    for rule in em:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    pairs: pd.DataFrame = linker.inference.predict(
        threshold_match_probability=min(thresholds)
    ).as_pandas_dataframe()
    out: dict[float, dict[str, str | None]] = {}
    for threshold in thresholds:
        links: dict[str, str | None] = dict.fromkeys(data.truth)
        if len(pairs):
            kept = pairs[pairs["match_probability"] >= threshold]
            # put each pair as (stored, mention) whatever side Splink put them on
            left_is_stored = kept["source_dataset_l"] == "stored"
            stored_id = kept["unique_id_l"].where(left_is_stored, kept["unique_id_r"])
            mention_id = kept["unique_id_r"].where(left_is_stored, kept["unique_id_l"])
            best = (
                pd.DataFrame({"s": stored_id, "m": mention_id, "p": kept["match_probability"]})
                .sort_values("p", ascending=False)
                .drop_duplicates("m")
            )
            links.update(dict(zip(best["m"], best["s"], strict=True)))
        out[threshold] = links
    return out
