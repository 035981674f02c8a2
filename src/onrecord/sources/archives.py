"""Sources from web archives (WARC/ARC, gzip'd or not, Common Crawl included) and JSONL dumps."""
from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import SourceError
from ..model import Provenance
from ..pipeline import Source
from .items import FetchedSource, content_hash, declared_charset, fetched_source

log = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


def is_archive(path: str | Path) -> bool:
    """True if path names a WARC/ARC file or a JSONL dump (by its suffix)."""
    return str(path).lower().endswith(WARC_SUFFIXES + JSONL_SUFFIXES)


def read_archive(path: str | Path, *, max_bytes: int) -> Iterator[FetchedSource]:
    """The pages of a WARC/ARC file or a JSONL dump, chosen by suffix (see is_archive)."""
    if str(path).lower().endswith(JSONL_SUFFIXES):
        return read_jsonl(path, max_bytes=max_bytes)
    return read_warc(path, max_bytes=max_bytes)


def read_warc(path: str | Path, *, max_bytes: int) -> Iterator[FetchedSource]:
    """The HTML and text pages of a WARC or ARC file's 2xx response records, in file order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    skipped = 0
    try:
        if not _looks_like_archive(path):
            # warcio reads any text as ARC records without complaint: refuse what does not start like one
            yield _failed(name, SourceError("E089", name, what="archive", reason="not a WARC or ARC file"))
            return
        with open(path, "rb") as f:
            for record in ArchiveIterator(f, arc2warc=True):
                item = _warc_page(record, max_bytes)
                if item is None:
                    skipped += 1
                else:
                    yield item
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as e:
        text = getattr(e, "strerror", None) or str(e)
        reason = text.splitlines()[0] if text else type(e).__name__
        yield _failed(name, SourceError("E089", name, what="archive", reason=reason))
        return
    log.info("%s: %d records skipped (not a 2xx HTML/text response)", name, skipped)


def _looks_like_archive(path: str | Path) -> bool:
    with open(path, "rb") as f:
        head = f.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    with opener(path, "rb") as f:    # type: ignore[operator]
        start = f.read(16).lstrip()
    return start.startswith((b"WARC/", b"filedesc://"))


def _warc_page(record: Any, max_bytes: int) -> FetchedSource | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    http = record.http_headers
    status = _int(http.get_statuscode())
    if status is None or not 200 <= status < 300:
        return None
    content_type = http.get_header("Content-Type") or record.rec_headers.get_header("WARC-Identified-Payload-Type")
    mime, charset = _split_type(content_type)
    if mime not in ARTICLE_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or "<warc record>"
    # content_stream undoes chunked transfer and gzip/deflate content encodings
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return _failed(url, SourceError("E083", url, cap=max_bytes))
    provenance = Provenance(url=url, fetched=record.rec_headers.get_header("WARC-Date"), status=status,
                            content_hash=content_hash(data))
    return fetched_source(url, data, provenance, charset=declared_charset(charset, data))


def read_jsonl(path: str | Path, *, max_bytes: int) -> Iterator[FetchedSource]:
    """Pages of a JSONL dump (`url`, `html` or `text`, optional `published`, `fetched`, `status`).

    A bad line becomes a Source carrying SourceError E087 with its line number; the rest are read.
    """
    name = str(path)
    try:
        f: BinaryIO = gzip.open(path, "rb") if name.lower().endswith(".gz") else open(path, "rb")  # type: ignore[assignment]
    except OSError as e:
        yield _failed(name, SourceError("E089", name, what="dump", reason=e.strerror or str(e)))
        return
    with f:
        try:
            for number, line in enumerate(f, 1):
                if line.strip():
                    yield _jsonl_page(line, number, name, max_bytes)
        except (OSError, EOFError) as e:
            yield _failed(name, SourceError("E089", name, what="dump", reason=str(e) or type(e).__name__))


def _jsonl_page(line: bytes, number: int, name: str, max_bytes: int) -> FetchedSource:
    where = f"{name}:{number}"

    def bad(reason: str) -> FetchedSource:
        return _failed(where, SourceError("E087", name, line=number, reason=reason))

    if len(line) > max_bytes:
        return bad(f"{len(line):,} bytes, over the cap of {max_bytes:,}")
    try:
        obj = json.loads(line.rstrip(b"\r\n"))
    except json.JSONDecodeError as e:
        return bad(f"not JSON ({e.msg} at column {e.colno})")
    except UnicodeDecodeError as e:
        return bad(f"not UTF-8 ({e.reason} at byte {e.start})")
    if not isinstance(obj, dict):
        return bad(f"a JSON {type(obj).__name__}, not an object")
    url, published = obj.get("url"), obj.get("published")
    body = obj.get("html") if obj.get("html") is not None else obj.get("text")
    if not isinstance(url, str) or not url.strip():
        return bad("no \"url\" string")
    if not isinstance(body, str) or not body.strip():
        return bad("no \"html\" or \"text\" string")
    if published is not None and not isinstance(published, str):
        return bad("\"published\" is not a string")
    data = body.encode("utf-8")
    fetched, status = obj.get("fetched"), obj.get("status")
    provenance = Provenance(url=url, fetched=fetched if isinstance(fetched, str) else None,
                            status=status if isinstance(status, int) and not isinstance(status, bool) else None,
                            content_hash=content_hash(data))
    return fetched_source(url, data, provenance, published=published or None)


def _failed(name: str, error: SourceError) -> FetchedSource:
    return FetchedSource(Source(name=name, data=None, error=error), Provenance(url=None))


def _split_type(content_type: str | None) -> tuple[str, str | None]:
    if not content_type:
        return "", None
    mime, *params = content_type.split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return mime.strip().lower(), charset


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
