"""The application for a uvicorn worker process (``medalist serve --workers N``): each worker
reads the settings at its start, the edge of that process."""

from __future__ import annotations

from fastapi import FastAPI

from medalist.api.app import create_app
from medalist.database import open_database
from medalist.settings import load_settings


def app_from_environment() -> FastAPI:
    settings = load_settings()
    return create_app(settings, open_database(settings, check=False))
