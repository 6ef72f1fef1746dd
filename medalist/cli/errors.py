"""The command line's one error path: every known failure becomes one clear line.

:func:`explain` turns an exception into ``(message, exit status)``: status 2 for usage and
input errors (a bad file, row, setting or URL: the person must change what they gave), 1 for
failures (a database that does not answer, a permission, a fetch that failed). Anything it does
not know stays a traceback, because that is a bug. ``medalist --debug`` shows the traceback of
every error.
"""

from __future__ import annotations

import os

import click

from enrichment.errors import ConfigurationError, InvalidInput, MedalistError

USAGE = 2
FAILURE = 1


class Failure(click.ClickException):
    """A command failed for a reason outside the person's input: exit status 1."""

    exit_code = FAILURE


class InputFailure(Failure):
    """A command refused what it was given (a usage or input error): exit status 2."""

    exit_code = USAGE


def failure(message: str, status: int = FAILURE) -> Failure:
    """The exception that prints ``message`` and exits with ``status``."""
    return InputFailure(message) if status == USAGE else Failure(message)


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _database(error: Exception) -> tuple[str, int] | None:
    try:
        import sqlalchemy.exc as sa
    except ImportError:  # pragma: no cover - SQLAlchemy is a dependency
        return None
    if isinstance(error, sa.NoSuchModuleError | sa.ArgumentError):
        return (
            f"MEDALIST_DATABASE_URL is not a database URL medalist can use ({_first_line(error)});"
            " use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB",
            USAGE,
        )
    if isinstance(error, sa.OperationalError | sa.InterfaceError):
        reason = _first_line(error)
        if "does not exist" in reason and "database" in reason:
            hint = "create it (createdb NAME) or fix MEDALIST_DATABASE_URL"
        elif "unable to open database file" in reason or "readonly" in reason:
            hint = "check that the folder of the SQLite file exists and is writable"
        else:
            hint = "check that the database is running and MEDALIST_DATABASE_URL is right"
        return f"cannot use the database: {reason}; {hint}", FAILURE
    return None


def explain(error: BaseException) -> tuple[str, int] | None:
    """The message and exit status for a known error, or None for a bug."""
    if isinstance(error, InvalidInput | ConfigurationError):
        return str(error), USAGE
    if isinstance(error, MedalistError):
        return str(error), FAILURE
    if isinstance(error, Exception):
        known = _database(error)
        if known:
            return known
    from alembic.util import CommandError

    if isinstance(error, CommandError):
        return f"{_first_line(error)}; see 'medalist db upgrade --help'", USAGE
    if isinstance(error, UnicodeError):
        return (
            f"cannot decode the input ({_first_line(error)}); save it as UTF-8 and try again",
            USAGE,
        )
    if isinstance(error, PermissionError):
        where = error.filename or "a file"
        return f"permission denied: {where}; check who owns it and its mode", FAILURE
    if isinstance(error, FileNotFoundError) and error.filename:
        folder = os.path.dirname(str(error.filename)) or "."
        if not os.path.isdir(folder):
            return f"cannot write {error.filename}: the folder {folder} does not exist", USAGE
        return f"no such file: {error.filename}", USAGE
    if isinstance(error, IsADirectoryError | NotADirectoryError) and error.filename:
        return f"{error.filename}: {error.strerror}", USAGE
    return None
