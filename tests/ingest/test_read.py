"""read_input: decode, tell HTML from text, dispatch; and the package's exported names."""
from __future__ import annotations

import dataclasses

from pathlib import Path

import pytest

import onrecord.ingest
from onrecord.errors import InputError
from onrecord.ingest import read_input
from onrecord.ingest.read import looks_like_html
from onrecord.settings import IngestSettings

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS = IngestSettings()


def test_exported_members() -> None:
    assert sorted(onrecord.ingest.__all__) == ["article_from_html", "article_from_text", "decode_bytes", "read_input"]


@pytest.mark.parametrize("text, source, expected", [
    ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "page", True),
    ("  <!-- saved page -->\n<html lang='en'><p>Hi</p></html>", None, True),
    ("<?xml version='1.0'?><!doctype html><html></html>", "x.xml", True),
    ("<p>One</p><p>Two</p>", "story.html", True),
    ("<div><p>One</p><p>Two</p><p>Three</p><a href='/'>x</a><br><br><span>y</span></div>", None, True),
    ("Prices rose 5% <b>sharply</b> in May.\n\nAnalysts said the rise was expected.", None, False),
    ("Plain words about a <p> tag in a tutorial, written as text.", "notes.txt", False),
    ("Seoul said talks would resume.", "https://news.example/story.html", False),
    ("Seoul said talks would resume.", None, False),
])
def test_looks_like_html(text: str, source: str | None, expected: bool) -> None:
    assert looks_like_html(text, source) is expected


def test_read_input_dispatches_html() -> None:
    data = (FIXTURES / "news_page.html").read_bytes()
    article = read_input(data, source="news_page.html", settings=SETTINGS)
    assert article.title == "Volcano Erupts Near Island Airport"
    assert article.publisher == "The Coastal Herald"


def test_read_input_dispatches_text() -> None:
    data = (FIXTURES / "wire_breadcrumb.txt").read_bytes()
    article = read_input(data, source="wire_breadcrumb.txt", settings=SETTINGS)
    assert article.title == "Harbour Strike Spreads to Three More Ports"
    assert article.source == "wire_breadcrumb.txt"


def test_read_input_decodes_latin1_text() -> None:
    text = ("Le président a déclaré à Genève que la réunion était terminée.\n\n"
            "Les élèves étaient très contents, à côté du café.")
    # language refusal is off here: this test is about decoding (refusal: tests/reliability)
    article = read_input(text.encode("latin-1"), source="fr.txt",
                         settings=dataclasses.replace(SETTINGS, check_language=False))
    assert article.text == text
    assert article.language == "fr"


def test_read_input_verbatim_is_exact() -> None:
    raw = "  Sept. 22, 2022 src2:25 am ET\r\n\r\nBy News\nThe text  stays.\n"
    article = read_input(raw.encode("utf-8"), source="v.txt", settings=IngestSettings(clean=False))
    assert article.text == raw


@pytest.mark.parametrize("data, code", [
    (b"", "E001"), (b"%PDF-1.4 binary", "E002"), (bytes(range(0x80, 0x100)) * 10, "E003"),
])
def test_read_input_refuses_bad_bytes(data: bytes, code: str) -> None:
    with pytest.raises(InputError) as info:
        read_input(data, source="bad", settings=SETTINGS)
    assert info.value.code == code
