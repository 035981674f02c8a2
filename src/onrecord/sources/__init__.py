"""Sources: URLs (guarded, polite fetching), RSS/Atom feeds, news sitemaps, WARC/ARC files and JSONL dumps.

Each yields pipeline `Source`s paired with their `Provenance` (`FetchedSource`); `watch` polls
feeds and sitemaps on a schedule and stores what is new.
"""
from __future__ import annotations

import logging

from .archives import is_archive, read_archive, read_jsonl, read_warc
from .feeds import Listing, read_listing
from .fetch import Fetched, Fetcher
from .guard import check_url, is_public_address
from .items import FeedItem, FetchedSource
from .watch import CycleReport, fetch_urls, parse_interval, read_source_list, run_cycle, watch

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Fetcher", "Fetched", "FetchedSource", "FeedItem", "Listing", "CycleReport", "check_url",
           "is_public_address", "read_listing", "is_archive", "read_archive", "read_warc", "read_jsonl", "read_source_list", "run_cycle",
           "fetch_urls", "watch", "parse_interval"]
