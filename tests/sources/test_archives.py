"""WARC files written here with warcio (Common Crawl's record layout) and JSONL dumps with a bad line."""
from __future__ import annotations

import gzip
import hashlib
import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.sources import is_archive, read_archive, read_jsonl, read_warc

from .conftest import ARTICLES, FIXTURES

BASE = "https://news.example.test"
DATE = "2024-03-07T10:00:00Z"


def _response(writer: WARCWriter, url: str, body: bytes, *, status: str = "200 OK",
              content_type: str = "text/html; charset=utf-8", encoding: str | None = None) -> None:
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                       warc_headers_dict={"WARC-Date": DATE})
    writer.write_record(record)


def write_crawl(path, *, gzipped: bool = True) -> None:
    """A WARC laid out like a Common Crawl news crawl: warcinfo, then request/response/metadata per URL."""
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test", "format": "WARC 1.1"}))
        for route, name in ARTICLES.items():
            url = BASE + route
            request = StatusAndHeaders(f"GET {route} HTTP/1.1", [("Host", "news.example.test")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            body = (FIXTURES / name).read_bytes()
            if name == "council.html":   # stored as sent: gzip content encoding
                _response(writer, url, gzip.compress(body), encoding="gzip")
            else:
                _response(writer, url, body)
            writer.write_record(writer.create_warc_record(url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 12\n"),
                                                          warc_content_type="application/warc-fields"))
        _response(writer, f"{BASE}/logo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
        _response(writer, f"{BASE}/gone.html", b"<p>gone</p>", status="404 Not Found")


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_yields_html_responses_with_provenance(tmp_path, gzipped):
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    write_crawl(path, gzipped=gzipped)
    items = list(read_warc(path, max_bytes=100_000))
    assert [i.source.name for i in items] == [BASE + r for r in ARTICLES]
    for item, name in zip(items, ARTICLES.values()):
        body = (FIXTURES / name).read_bytes()
        assert item.source.data == body and item.source.error is None
        assert item.provenance.url == item.source.name
        assert (item.provenance.fetched, item.provenance.status) == (DATE, 200)
        assert item.provenance.content_hash == hashlib.sha256(body).hexdigest()
        assert item.charset == "utf-8"


def test_warc_oversized_record_is_a_failure(tmp_path):
    path = tmp_path / "big.warc.gz"
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        _response(writer, f"{BASE}/big.html", b"<p>" + b"z" * 5000 + b"</p>")
        _response(writer, f"{BASE}/small.html", b"<p>small page</p>")
    items = list(read_warc(path, max_bytes=1000))
    assert [(i.source.name, i.source.error.code if i.source.error else None) for i in items] == [
        (f"{BASE}/big.html", "E083"), (f"{BASE}/small.html", None)]


def test_warc_truncated_file_keeps_whole_records(tmp_path):
    path = tmp_path / "cut.warc.gz"
    write_crawl(path)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])    # an interrupted download
    items = list(read_warc(path, max_bytes=100_000))
    assert [i.source.name for i in items] == [BASE + "/news/harbour.html", BASE + "/news/council.html"]


def test_warc_not_an_archive(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_bytes(b"these are notes, not a web archive\n" * 5)
    items = list(read_warc(path, max_bytes=1000))
    assert [(i.source.name, i.source.error.code) for i in items] == [(str(path), "E089")]
    assert items[0].source.error.reason == "cannot read archive: not a WARC or ARC file"


def test_warc_missing_file(tmp_path):
    items = list(read_warc(tmp_path / "none.warc.gz", max_bytes=1000))
    assert len(items) == 1 and items[0].source.error.code == "E089"
    assert "No such file" in items[0].source.error.reason


def test_jsonl_bad_lines_reported_with_numbers(tmp_path):
    harbour = (FIXTURES / "harbour.html").read_text(encoding="utf-8")
    lines = [
        json.dumps({"url": f"{BASE}/news/harbour.html", "html": harbour, "published": "2024-03-04",
                    "fetched": DATE, "status": 200}),
        json.dumps({"url": f"{BASE}/news/plain.txt", "text": "Plain text body of an article."}),
        '{"url": "https://news.example.test/broken", "html": "<p>unfinished',
        "",
        json.dumps({"url": f"{BASE}/news/empty.html"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"url": f"{BASE}/news/rail.html", "html": "<p>Rail</p>", "published": 2024}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_jsonl(path, max_bytes=100_000))
    assert [(i.source.name, i.source.error.code if i.source.error else None) for i in items] == [
        (f"{BASE}/news/harbour.html", None), (f"{BASE}/news/plain.txt", None), (f"{path}:3", "E087"),
        (f"{path}:5", "E087"), (f"{path}:6", "E087"), (f"{path}:7", "E087")]
    first = items[0]
    assert first.source.data == harbour.encode("utf-8") and first.source.published == "2024-03-04"
    assert (first.provenance.url, first.provenance.fetched, first.provenance.status) == (
        f"{BASE}/news/harbour.html", DATE, 200)
    assert first.provenance.content_hash == hashlib.sha256(harbour.encode("utf-8")).hexdigest()
    assert items[2].source.error.reason.startswith("line 3: not JSON (Unterminated string")
    assert items[3].source.error.reason == 'line 5: no "html" or "text" string; the other lines are read'
    assert items[4].source.error.reason.startswith("line 6: a JSON list, not an object")
    assert items[5].source.error.reason.startswith('line 7: "published" is not a string')


def test_jsonl_gzipped(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps({"url": f"{BASE}/a", "text": "Some text."}).encode() + b"\n"))
    items = list(read_jsonl(path, max_bytes=1000))
    assert [(i.source.name, i.source.data) for i in items] == [(f"{BASE}/a", b"Some text.")]


def test_jsonl_lines_through_the_analyzer(tmp_path, analyzer):
    rail = (FIXTURES / "rail.html").read_text(encoding="utf-8")
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"url": f"{BASE}/news/rail.html", "html": rail}) + "\n{oops\n", encoding="utf-8")
    results = list(analyzer.run(i.source for i in read_jsonl(path, max_bytes=100_000)))
    assert results[0].article.source == f"{BASE}/news/rail.html"
    assert results[0].article.title == "Rail operator apologises for week of cancellations"
    assert (results[1].source, results[1].code) == (f"{path}:2", "E087")


def test_read_archive_by_suffix(tmp_path):
    warc = tmp_path / "CC-NEWS-20240307.warc.gz"
    write_crawl(warc)
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"url": f"{BASE}/a", "text": "Some text."}) + "\n", encoding="utf-8")
    assert [is_archive(p) for p in (warc, dump, tmp_path / "page.html")] == [True, True, False]
    assert len(list(read_archive(warc, max_bytes=100_000))) == 3
    assert [i.source.name for i in read_archive(dump, max_bytes=1000)] == [f"{BASE}/a"]
