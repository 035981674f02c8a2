"""Turns input bytes into text, refusing empty, binary, oversized and undecodable inputs."""
from __future__ import annotations

import codecs
import logging

from charset_normalizer import from_bytes

from ..errors import InputError
from ..settings import IngestSettings

logger = logging.getLogger(__name__)

# File signatures (magic numbers) of common binary formats: (offset, bytes, name).
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF", "a PDF document"),
    (0, b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (0, b"PK\x05\x06", "an empty ZIP archive"),
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\x1f\x8b", "a GZIP archive"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (0, b"BZh91AY&SY", "a BZIP2 archive"),
    (0, b"\xfd7zXZ\x00", "an XZ archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE document (DOC/XLS)"),
    (0, b"\x7fELF", "an ELF executable"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (0, b"ID3", "an MP3 file"),
    (0, b"OggS", "an Ogg media file"),
    (0, b"fLaC", "a FLAC audio file"),
    (4, b"ftyp", "an MP4/QuickTime media file"),
    (8, b"WEBP", "a WebP image"),
    (8, b"WAVE", "a WAV audio file"),
    (8, b"AVI ", "an AVI video"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192
_MAX_CONTROL_RATIO = 0.05   # text has almost no C0 controls besides tab, newline, form feed, CR
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_MAX_CHAOS = 0.25           # charset_normalizer's mess ratio above which a guess is not trusted
_CHAOS_TIE = 0.01
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def decode_bytes(data: bytes, source: str, settings: IngestSettings) -> str:
    """The text of an input; raises InputError E001 (empty), E002 (binary), E003 (undecodable), E004 (too large)."""
    if not data.strip():
        raise InputError("E001", source)
    if len(data) > settings.max_bytes:
        raise InputError("E004", source, size=len(data), cap=settings.max_bytes)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, source)
    kind = binary_kind(data)
    if kind is not None:
        raise InputError("E002", source, kind=kind)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass  # not UTF-8: fall through to detection below
    matches = list(from_bytes(data[:_SNIFF_BYTES * 8]))
    if not matches or min(m.chaos for m in matches) > _MAX_CHAOS:
        raise InputError("E003", source)
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least + _CHAOS_TIE]
    # Single-byte code pages tie on short texts; news in them is most often Western European.
    best = next((m for enc in _PREFERRED for m in tied if m.encoding == enc), tied[0])
    logger.debug("%s: decoded as %s (chaos %.2f)", source, best.encoding, best.chaos)
    return _strict(data, best.encoding, source)


def binary_kind(data: bytes) -> str | None:
    """What binary format the bytes look like, or None if they look like text."""
    for offset, magic, name in _MAGIC:
        if data[offset:offset + len(magic)] == magic:
            return name
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in head if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    if controls > _MAX_CONTROL_RATIO * len(head):
        return f"binary data ({controls} control bytes in the first {len(head)})"
    return None


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as e:
        raise InputError("E003", source) from e
