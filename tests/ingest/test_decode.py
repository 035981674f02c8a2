"""decode_bytes: text in any common encoding comes out; bad inputs raise coded InputErrors."""
from __future__ import annotations

import gzip
import zlib

import pytest

from onrecord.errors import InputError
from onrecord.ingest import decode_bytes
from onrecord.settings import IngestSettings

SETTINGS = IngestSettings()


def _code(data: bytes, settings: IngestSettings = SETTINGS) -> str:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "input.bin", settings)
    assert info.value.source == "input.bin"
    return info.value.code


@pytest.mark.parametrize("data", [b"", b"   \n\t \r\n"])
def test_decode_empty_is_e001(data: bytes) -> None:
    assert _code(data) == "E001"


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (gzip.compress(b"hello world " * 20), "GZIP"),
    (b"Hello\x00World\x00", "NUL"),
    (zlib.compress(bytes(range(256)) * 4)[2:], "binary"),
])
def test_decode_binary_is_e002(data: bytes, kind: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "input.bin", SETTINGS)
    assert info.value.code == "E002"
    assert kind in str(info.value)


def test_decode_control_characters_are_e002() -> None:
    data = b"text \x01\x02\x03\x04\x05\x06\x07\x08 more \x0e\x0f\x10\x11\x12" * 10
    assert _code(data) == "E002"


def test_decode_oversize_is_e004() -> None:
    small = IngestSettings(max_bytes=100)
    assert _code(b"North Korea denied it. " * 10, small) == "E004"
    assert decode_bytes(b"North Korea denied it.", "ok.txt", small) == "North Korea denied it."


def test_decode_undecodable_is_e003() -> None:
    assert _code(bytes(range(0x80, 0x100)) * 20) == "E003"


def test_decode_utf8_with_and_without_bom() -> None:
    text = "“Nobody is entitled to criticize it,” the official said."
    assert decode_bytes(text.encode("utf-8"), "a.txt", SETTINGS) == text
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "a.txt", SETTINGS) == text


def test_decode_utf16_with_bom() -> None:
    text = "Seoul said on Thursday that talks would resume."
    assert decode_bytes(text.encode("utf-16"), "a.txt", SETTINGS) == text


@pytest.mark.parametrize("text, encoding", [
    ("Le président a déclaré à Genève que la réunion était terminée. Les élèves étaient contents.", "latin-1"),
    ("The café in Zürich served crème brûlée; the naïve señor paid 5 € for it.", "cp1252"),
    ("Москва заявила, что переговоры продолжатся на следующей неделе.", "cp1251"),
])
def test_decode_detects_legacy_encodings(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "a.txt", SETTINGS) == text
