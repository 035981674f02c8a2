"""RSS, Atom and news sitemaps read from bytes: item URLs with their publication dates."""
from __future__ import annotations

import gzip

import pytest

from onrecord.errors import SourceError
from onrecord.sources import FeedItem, read_listing
from onrecord.sources.feeds import parse_feed_date

from .conftest import ARTICLES, NewsSite

BASE = "https://news.example.test"


@pytest.fixture
def news() -> NewsSite:
    site = NewsSite()
    site.base = BASE
    return site


def test_rss_items_with_dates(news):
    listing = read_listing(news.rss(), f"{BASE}/feed.rss")
    assert listing.kind == "rss"
    assert listing.items == [
        FeedItem(f"{BASE}/news/harbour.html", "2024-03-04T09:30:00Z", "/news/harbour.html"),
        FeedItem(f"{BASE}/news/council.html", "2024-03-05T14:00:00Z", "/news/council.html"),
        FeedItem(f"{BASE}/news/rail.html", "2024-03-06T07:45:00Z", "/news/rail.html"),
    ]


def test_atom_relative_links_resolved(news):
    listing = read_listing(news.atom(), f"{BASE}/feed.atom")
    assert listing.kind == "atom"
    assert [(i.url, i.published) for i in listing.items] == [
        (f"{BASE}/news/harbour.html", "2024-03-04T09:30:00Z"),
        (f"{BASE}/news/council.html", "2024-03-05T14:00:00Z"),
        (f"{BASE}/news/rail.html", "2024-03-06T07:45:00Z"),
    ]


def test_news_sitemap_keeps_publication_offset(news):
    listing = read_listing(news.sitemap(), f"{BASE}/sitemap.xml")
    assert listing.kind == "sitemap"
    assert [(i.url, i.published) for i in listing.items] == [
        (f"{BASE}{p}", d) for p, d in zip(ARTICLES, ("2024-03-04T09:30:00+01:00", "2024-03-05T14:00:00+01:00",
                                                     "2024-03-06T07:45:00+01:00"))]
    assert listing.items[0].title == "/news/harbour.html"


def test_gzipped_sitemap_index(news):
    listing = read_listing(gzip.compress(news.sitemap_index()), f"{BASE}/sitemap-index.xml.gz")
    assert (listing.kind, listing.items, listing.sitemaps) == ("sitemapindex", [], [f"{BASE}/sitemap.xml"])


def test_plain_sitemap_without_news_block():
    data = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>/a.html</loc><lastmod>2024-01-01</lastmod></url><url><loc>mailto:x@y.test</loc></url>"
            b"<url><loc>/a.html</loc></url></urlset>")
    listing = read_listing(data, f"{BASE}/sitemap.xml")
    # lastmod is when the page changed, not when it was published; mailto: and repeats are dropped
    assert listing.items == [FeedItem(f"{BASE}/a.html", None, None)]


def test_sitemap_entities_not_expanded():
    data = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a&x;.html</loc></url></urlset>')
    listing = read_listing(data, f"{BASE}/sitemap.xml")
    assert all("root:" not in i.url for i in listing.items)


@pytest.mark.parametrize("data", [b"<html><body><p>Just a page</p></body></html>", b"not xml at all", b""])
def test_not_a_feed(data):
    with pytest.raises(SourceError) as info:
        read_listing(data, f"{BASE}/feed")
    assert info.value.code == "E088"


@pytest.mark.parametrize("raw,iso", [
    ("Mon, 04 Mar 2024 09:30:00 +0000", "2024-03-04T09:30:00Z"),
    ("Mon, 04 Mar 2024 09:30:00 GMT", "2024-03-04T09:30:00Z"),
    ("Mon, 04 Mar 2024 09:30:00 -0500", "2024-03-04T09:30:00-05:00"),
    ("2024-03-04T09:30:00+02:00", "2024-03-04T09:30:00+02:00"),
    ("2024-03-04T09:30:00Z", "2024-03-04T09:30:00Z"),
    ("2024-03-04", "2024-03-04"),
    ("yesterday", None),
])
def test_parse_feed_date(raw, iso):
    assert parse_feed_date(raw) == iso
