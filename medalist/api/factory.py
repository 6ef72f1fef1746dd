"""The application for a uvicorn worker process (``medalist serve``): sessions on the
configured database, checked to be migrated, and the settings read at the start of the process
(the edge of that process).

The API's engine skips SQLAlchemy's per-checkout "pre-ping" (one more round trip on every
request); a connection the server dropped fails one request with 503 and is replaced. The
garbage collector is tuned for a long-lived server (:func:`app_for`).
"""

from __future__ import annotations

import gc

from fastapi import FastAPI

from medalist.api.app import create_app
from medalist.database import open_database
from medalist.settings import Settings, load_settings
from storage.engine import create_engine_for, create_session_factory


def app_for(settings: Settings) -> FastAPI:
    open_database(settings)  # refuses a database that is missing or not migrated
    engine = create_engine_for(settings.database_url, pool_pre_ping=False, pool_size=8)
    app = create_app(settings, create_session_factory(engine))
    # what is loaded by now lives as long as the process: keep it out of the collector's
    # scans, and collect the young generation less often (a page makes many small objects)
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    return app


def app_from_environment() -> FastAPI:
    return app_for(load_settings())
