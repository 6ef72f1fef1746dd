"""Settings: read once, at the edge, into one typed object (contract section 3).

Every variable is ``MEDALIST_<NAME>``; a ``.env`` file or a ``medalist.toml`` in the working
directory may also set them (the environment wins, then ``.env``, then the TOML file).
Build it with :func:`load_settings` in an entry point and pass it on; nothing else reads the
environment.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from enrichment.errors import ConfigurationError
from medalist import __version__

DEFAULT_CONTACT = "https://github.com/medalist-crawler/medalist"


class MedalistToml(TomlConfigSettingsSource):
    """``medalist.toml``, where ``MEDALIST_REFRESH_DAYS = 5`` and ``refresh_days = 5`` both
    work (the README promises the environment's names work there too); a malformed file is a
    :class:`ConfigurationError` naming the line."""

    def _read_file(self, file_path: Any) -> dict[str, Any]:
        try:
            data = super()._read_file(file_path)
        except tomllib.TOMLDecodeError as error:
            raise ConfigurationError(
                f"{file_path} is not valid TOML ({error}); fix the file or remove it"
            ) from None
        names: dict[str, Any] = {}
        for key, value in data.items():
            name = key.lower()
            names[name.removeprefix("medalist_")] = value
        return names


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MEDALIST_",
        env_file=".env",
        extra="ignore",
        toml_file="medalist.toml",
    )

    database_url: str = Field("sqlite:///medalist.db", description="any SQLAlchemy URL")
    redis_url: str | None = Field(None, description="share crawl requests through Redis")
    schedule: str = Field("0 2 * * *", description="cron expression of the nightly refresh")
    timezone: str = Field("UTC", description="time zone of MEDALIST_SCHEDULE")
    misfire_grace: int = Field(
        21600, ge=1, description="seconds a missed scheduled run may still start late"
    )
    refresh_days: int = Field(30, ge=0, description="days after which a candidate is due")
    run_timeout: float = Field(
        6 * 3600, ge=0, description="seconds a run's crawl may take (0: no limit)"
    )
    log_format: Literal["auto", "text", "json"] = Field(
        "auto", description="log lines: text on a terminal and JSON otherwise (auto)"
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="the least important log lines written"
    )
    orcid_api: str = "https://pub.orcid.org/v3.0"
    github_api: str = "https://api.github.com"
    wikidata_api: str = "https://www.wikidata.org/wiki/Special:EntityData"
    allow_hosts: str = Field("", description="hosts or CIDRs the crawler may reach though private")
    user_agent: str | None = None
    contact: str = DEFAULT_CONTACT
    browser: str | None = Field(None, description="path to Chromium for JavaScript pages")
    webhook_max_attempts: int = Field(8, ge=1, description="attempts before a delivery is given up")
    webhook_backoff_seconds: float = Field(
        30.0, gt=0, description="wait after a first failed delivery; doubles each time"
    )
    webhook_timeout_seconds: float = Field(10.0, gt=0, description="timeout of one delivery")
    session_hours: float = Field(
        12.0, gt=0, le=24 * 90, description="hours a recruiter stays signed in to /ui/"
    )
    # politeness (docs/sources.md, "Politeness")
    github_token: SecretStr | None = Field(None, description="GitHub token, sent to the API only")
    concurrent_requests: int = Field(64, ge=1, description="requests in flight, all hosts")
    host_concurrency: int = Field(2, ge=1, description="requests in flight per host")
    host_delay: float = Field(1.0, ge=0, description="seconds between requests to one host")
    autothrottle: bool = Field(True, description="lengthen the delay for slow hosts")
    rate_limit_wait: float = Field(
        300.0, ge=0, description="longest wait for a spent API rate limit to reset, seconds"
    )
    # privacy (docs/privacy.md)
    secret_key: SecretStr | None = Field(
        None, description="key of the erasure suppression list's HMACs; never change it"
    )
    retention_days: int = Field(90, ge=1, description="days a snapshot of a fetch is kept at most")
    # matching (medalist/weights.py)
    match_weights: Literal["auto", "hand"] = Field(
        "auto", description="auto: level weights estimated from confirmed links; hand: hand-set"
    )
    match_min_pairs: int = Field(
        200, ge=1, description="confirmed links needed before weights are estimated from them"
    )

    @field_validator("orcid_api", "github_api", "wikidata_api")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @property
    def allowed_hosts(self) -> list[str]:
        return [h.strip() for h in self.allow_hosts.replace(";", ",").split(",") if h.strip()]

    @property
    def erasure_key(self) -> bytes | None:
        """``MEDALIST_SECRET_KEY`` as bytes, or None when it is not set (or empty)."""
        if self.secret_key is None or not self.secret_key.get_secret_value():
            return None
        return self.secret_key.get_secret_value().encode("utf-8")

    @property
    def identity(self) -> str:
        """The User-Agent the crawler sends."""
        return self.user_agent or f"medalist/{__version__} (+{self.contact})"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            dotenv_settings,
            MedalistToml(settings_cls),
        )


def load_settings(**overrides: object) -> Settings:
    """The settings for this process: environment, ``.env``, ``medalist.toml``, then defaults."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        problems = []
        for problem in error.errors():
            name = "MEDALIST_" + "_".join(str(p) for p in problem["loc"]).upper()
            problems.append(f"{name}={problem.get('input')!r}: {problem['msg']}")
        raise ConfigurationError(
            "bad setting " + "; ".join(problems) + " (fix it in the environment, .env or "
            "medalist.toml; see docs/settings.md)"
        ) from None


def data_path(*parts: str) -> Path:
    """A file bundled inside the ``medalist`` package (demo data, templates)."""
    return Path(__file__).parent.joinpath(*parts)
