"""API keys: created (shown once), listed, revoked, and checked on every ``/v1`` request."""

from __future__ import annotations

import secrets

from enrichment.model import format_timestamp
from medalist.services import Sessions
from medalist.services.errors import Conflict, InvalidRequest, NotFound
from medalist.services.schemas import ApiKeyCreated, ApiKeyOut
from storage.models import MAX_KEY_LENGTH, ApiKeyRow
from storage.unit_of_work import UnitOfWork

KEY_PREFIX = "mdl_"


def new_key() -> str:
    """``mdl_`` and 43 URL-safe characters of 32 random bytes."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def _out(row: ApiKeyRow) -> ApiKeyOut:
    return ApiKeyOut(
        name=row.name,
        prefix=row.prefix,
        created_at=format_timestamp(row.created_at),
        revoked_at=format_timestamp(row.revoked_at) if row.revoked_at else None,
        last_used_at=format_timestamp(row.last_used_at) if row.last_used_at else None,
    )


def create(sessions: Sessions, name: str) -> ApiKeyCreated:
    """A new key named ``name``; the key is in the answer and nowhere else."""
    name = name.strip()
    if not name or len(name) > MAX_KEY_LENGTH:
        raise InvalidRequest(f"a key name is 1 to {MAX_KEY_LENGTH} characters", field="name")
    key = new_key()
    with UnitOfWork(sessions) as uow:
        if uow.api_keys.get(name) is not None:
            raise Conflict(
                f"an API key named {name!r} exists; revoke it or choose another name",
                code="apikey_exists",
            )
        uow.api_keys.add(name, key)
        uow.commit()
    return ApiKeyCreated(name=name, key=key)


def revoke(sessions: Sessions, name: str) -> None:
    with UnitOfWork(sessions) as uow:
        if not uow.api_keys.revoke(name):
            raise NotFound(
                f"no active API key named {name!r} (see 'medalist apikey list')",
                code="apikey_not_found",
            )
        uow.commit()


def listed(sessions: Sessions) -> list[ApiKeyOut]:
    with UnitOfWork(sessions) as uow:
        return [_out(r) for r in uow.api_keys.list()]


def authenticate(sessions: Sessions, key: str) -> str | None:
    """The name of the active key ``key``, or None."""
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    with UnitOfWork(sessions) as uow:
        row = uow.api_keys.verify(key)
        return row.name if row is not None else None
