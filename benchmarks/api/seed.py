"""A PostgreSQL schema with candidates and a million events, written with COPY."""

from __future__ import annotations

import json
import time
import uuid

import psycopg

PAYLOAD_TYPES = ("promotion", "job_change", "new_skill", "title_change")


def create_schema(dsn: str) -> str:
    schema = f"bench_api_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    return schema


def drop_schema(dsn: str, schema: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _event(n: int, external_id: str, type_: str) -> str:
    return json.dumps(
        {
            "id": f"evt_bench{n:010d}",
            "type": type_,
            "leveled_up": type_ == "promotion",
            "candidate": {"external_id": external_id, "full_name": f"Person {external_id}"},
            "before": {
                "title": "Software Engineer",
                "company": "Acme",
                "level": 2,
                "level_name": "mid",
            },
            "after": {
                "title": "Senior Software Engineer",
                "company": "Acme",
                "level": 3,
                "level_name": "senior",
                "start": "2025-01",
            },
            "years_experience": {"before": 4.2, "after": 6.0},
            "qualifies_for": [{"req_id": "R-9", "title": "Senior Backend Engineer", "level": 3}],
            "evidence": [
                {
                    "kind": "jsonresume",
                    "url": f"https://p{n % 9973}.example/resume.json",
                    "fetched_at": "2026-11-26T02:14:09Z",
                    "excerpt": "Senior Software Engineer, Acme, 2025-01",
                }
            ],
            "match": {"score": 0.97, "method": "profile_url"},
            "detected_at": "2026-11-26T02:14:11Z",
            "status": "new",
        },
        separators=(",", ":"),
    )


def seed(dsn: str, schema: str, *, candidates: int, events: int) -> float:
    """Insert the rows (the schema already migrated); returns the seconds it took."""
    started = time.perf_counter()
    with psycopg.connect(dsn, options=f"-csearch_path={schema}") as connection:
        with connection.cursor() as cursor:
            with cursor.copy(
                "COPY candidates (id, external_id, full_name, emails, opted_out, created_at,"
                " updated_at) FROM STDIN"
            ) as copy:
                for i in range(1, candidates + 1):
                    copy.write_row(
                        (
                            i,
                            f"ats-{i}",
                            f"Person ats-{i}",
                            "[]",
                            False,
                            "2026-11-01T00:00:00Z",
                            "2026-11-01T00:00:00Z",
                        )
                    )
            with cursor.copy(
                "COPY positions (candidate_id, title, company, start, is_current, level,"
                " level_name, track) FROM STDIN"
            ) as copy:
                for i in range(1, candidates + 1):
                    copy.write_row(
                        (i, "Senior Software Engineer", "Acme", "2025-01", True, 3, "senior", "ic")
                    )
            with cursor.copy(
                "COPY events (id, candidate_id, type, fingerprint, payload, leveled_up,"
                " detected_at, status) FROM STDIN"
            ) as copy:
                for n in range(events):
                    cid = n % candidates + 1
                    type_ = PAYLOAD_TYPES[n % len(PAYLOAD_TYPES)]
                    copy.write_row(
                        (
                            f"evt_bench{n:010d}",
                            cid,
                            type_,
                            f"fp-{n}",
                            _event(n, f"ats-{cid}", type_),
                            type_ == "promotion",
                            "2026-11-26T02:14:11Z",
                            "new",
                        )
                    )
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('candidates', 'id'), %s)", (candidates,)
            )
        connection.commit()
        connection.autocommit = True
        connection.execute("VACUUM ANALYZE events")
        connection.execute("VACUUM ANALYZE candidates")
    return time.perf_counter() - started
