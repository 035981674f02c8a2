"""Helpers of the crash tests: synthetic articles, kill loops, and audits of a store or a batch output.

Shared by tests/reliability/test_crash_*.py (CI size) and bench/crash.py (full size).
"""
from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONRECORD = [sys.executable, "-c", "from onrecord.cli.app import main; main()"]

# Rival pairs; each article is about one pair and one topic, so threads form across articles.
PAIRS = [("Armenia", "Azerbaijan", "Yerevan", "Baku"), ("Ethiopia", "Eritrea", "Addis Ababa", "Asmara"),
         ("India", "Pakistan", "New Delhi", "Islamabad"), ("Serbia", "Kosovo", "Belgrade", "Pristina"),
         ("Sudan", "Chad", "Khartoum", "N'Djamena"), ("Greece", "Turkey", "Athens", "Ankara"),
         ("Venezuela", "Colombia", "Caracas", "Bogota"), ("Morocco", "Algeria", "Rabat", "Algiers")]
THIRD = ["The European Union", "The United Nations", "Japan", "Canada", "Brazil", "Norway", "Switzerland"]
TOPICS = {
    "shelling": ("Shelling", ["of shelling {n} villages near the border", "of firing artillery at {n} border villages",
                              "of shelling border villages with mortars"],
                 ["the shelling had wounded {m} civilians", "the shelling damaged a school and {m} homes"]),
    "drones": ("Drone Deliveries", ["of supplying {n} attack drones to rebel fighters",
                                    "of sending {n} armed drones to militias across the border"],
               ["the drones were delivered by truck", "the drones crossed the border at night"]),
    "sanctions": ("Sanctions Threat", ["of threatening sanctions against {n} of its banks",
                                       "of preparing sanctions on {n} state companies"],
                  ["the sanctions would hit {m} exporters", "the sanctions were meant to punish its farmers"]),
}
FIRST = ["Omar", "Lena", "Tomas", "Amira", "Jonas", "Priya", "Mateo", "Ines", "Karim", "Sofia", "Daniel", "Nadia"]
LAST = ["Haddad", "Novak", "Berg", "Castillo", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Ferreira", "Kovac"]
MINISTRY = ["defence ministry", "foreign ministry", "interior ministry", "presidential office"]
DENIAL = ["its troops had only returned fire", "the accusation was a fabrication meant to distract voters",
          "no such operation had taken place", "the claims were baseless and politically motivated"]
APPEAL = ["respect the ceasefire and return to talks", "show restraint and open a hotline",
          "allow independent monitors into the area", "settle the dispute through mediation"]
FILLER = ["About {m} residents left the area by bus, local officials said.",
          "Schools in the district stayed closed for a {w} day.",
          "Prices of bread and fuel in the region rose by {p} percent this month.",
          "A road linking the two provinces was closed to traffic on {day}.",
          "Local farmers said they had lost {m} head of cattle since the spring.",
          "The regional governor ordered a curfew from {h} p.m. in {town}.",
          "Hospitals in {town} reported treating {n} people for minor injuries."]
TOWNS = ["Aldor", "Brenik", "Carvel", "Dunmore", "Eskaro", "Falun", "Gorin", "Helst", "Istra", "Jarno",
         "Kelto", "Lumen", "Marsk", "Norvik", "Osten", "Perla", "Quarn", "Rosk", "Sarnen", "Tolva"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]


def article_text(i: int, rng: random.Random) -> str:
    """One synthetic news article (headline, byline, date, body) about a rival pair and a topic."""
    a, b, city_a, city_b = PAIRS[i % len(PAIRS)]
    if (i // len(PAIRS)) % 2:
        a, b, city_a = b, a, city_b      # the other side accuses too: rival threads
    topic = list(TOPICS)[(i // 2) % len(TOPICS)]
    head, acts, details = TOPICS[topic]
    day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(360))
    town = rng.choice(TOWNS)
    def fill() -> dict[str, object]:
        return {"n": rng.randrange(2, 40), "m": rng.randrange(20, 900), "p": rng.randrange(3, 30),
                "h": rng.randrange(6, 11), "w": rng.choice(ORDINALS), "town": town, "day": day.strftime("%A")}

    third = rng.choice(THIRD)
    body = [
        f"{city_a.upper()} — {a} accused {b} on {day.strftime('%A')} {rng.choice(acts).format(**fill())} "
        f"around {town}, in what officials called the worst incident since {rng.randrange(2005, 2022)}.",
        f"{a}'s {rng.choice(MINISTRY)} said {rng.choice(details).format(**fill())}.",
        f"{b}'s {rng.choice(MINISTRY)} denied the charge and said {rng.choice(DENIAL)}.",
        f"{third} called on both sides to {rng.choice(APPEAL)}.",
    ]
    body += [s.format(**fill()) for s in rng.sample(FILLER, 3)]
    rng.shuffle(body[4:])
    return (f"{a} Accuses {b} of {head} Near {town}\n\nBy {rng.choice(FIRST)} {rng.choice(LAST)}\n\n"
            f"{day.strftime('%B')} {day.day}, {day.year}\n\n" + "\n\n".join(body) + "\n")


def write_articles(directory: Path, n: int, seed: int = 0) -> list[Path]:
    """Write n distinct synthetic articles as DIR/a0000.txt …; returns their paths in order."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = directory / f"a{i:04d}.txt"
        path.write_text(article_text(i, rng), encoding="utf-8")
        paths.append(path)
    return paths


def write_config(path: Path, batch_size: int) -> Path:
    """A TOML config with a small store batch, so commits spread over the whole run."""
    path.write_text(f"[store]\nbatch_size = {batch_size}\n\n[sources]\nhost_interval = 0\nbackoff = 0\n"
                    "retries = 1\n", encoding="utf-8")
    return path


# -- kill loops ---------------------------------------------------------------------------------
@dataclass
class KillLog:
    """What a kill loop did: per attempt, the delay before SIGKILL (None = ran to the end) and what was stored."""
    attempts: list[tuple[float | None, int]] = field(default_factory=list)

    @property
    def kills(self) -> int:
        return sum(1 for delay, _ in self.attempts if delay is not None)


def run(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    """Run onrecord to the end (check=False); stderr kept for failure messages."""
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(ONRECORD + args, capture_output=True, text=True, cwd=ROOT, env=env, timeout=900, **kw)


def run_killed(args: list[str], delay: float, after=None, timeout: float = 600) -> bool:  # type: ignore[no-untyped-def]
    """Start onrecord, SIGKILL it `delay` seconds after start (or after the event `after` is set);
    True if it was killed, False if it had finished first."""
    proc = subprocess.Popen(ONRECORD + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            start_new_session=True)
    deadline = time.monotonic() + timeout
    while after is not None and not after.wait(0.02) and proc.poll() is None and time.monotonic() < deadline:
        pass
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)   # its own session: the whole process group, nothing else
        proc.wait()
        return True


def kill_loop(args: list[str], kills: int, delays: Callable[[int, int], float], stored: Callable[[], int],
              total: int) -> KillLog:
    """Run args, SIGKILLing attempts after delays(stored, kills so far) until `kills` kills, then to the end."""
    log = KillLog()
    while log.kills < kills and (done := stored()) < total:
        delay = round(delays(done, log.kills), 2)
        log.attempts.append((delay if run_killed(args, delay) else None, stored()))
    final = run(args)
    if final.returncode != 0:
        raise AssertionError(f"final run exited {final.returncode}: {final.stderr[-2000:]}")
    log.attempts.append((None, stored()))
    return log


# -- store audits -------------------------------------------------------------------------------
TABLES = ("actors", "statements", "events", "amounts")


@dataclass
class StoreAudit:
    """Exactly-once and no-partial-article checks of one store."""
    articles: int
    distinct_ids: int
    copies: int                       # articles grouped as near-duplicates (id <> dup_group)
    duplicate_rows: dict[str, int]    # rows beyond the first of each (article_id, id) key
    partial: list[str]                # article ids whose table rows differ from their record JSON
    orphan_rows: dict[str, int]       # rows whose article_id is not stored
    minhash_ok: bool


def audit_store(db: Path) -> StoreAudit:
    """Count ids, duplicate and orphan rows, and compare each article's rows with its record JSON."""
    from onrecord.model import Record

    n, distinct, copies = _rows(db, "SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE id <> dup_group) "
                                "FROM articles")[0]
    dup_rows, orphans, have = {}, {}, {}
    for table in TABLES:
        key = "position" if table == "amounts" else "id"
        dup_rows[table], orphans[table] = _rows(
            db, f"SELECT count(*) - count(DISTINCT (article_id, {key})), "
            f"count(*) FILTER (WHERE article_id NOT IN (SELECT id FROM articles)) FROM {table}")[0]
        have[table] = dict(_rows(db, f"SELECT article_id, count(*) FROM {table} GROUP BY 1"))
    partial = []
    for article_id, raw in _rows(db, "SELECT id, record FROM articles"):
        record = Record.model_validate_json(raw)
        want = {"actors": record.actors, "statements": record.statements, "events": record.events,
                "amounts": record.amounts}
        if any(have[t].get(article_id, 0) != len(want[t]) for t in TABLES):
            partial.append(article_id)
    signatures, signed, banded, bands = _rows(
        db, "SELECT (SELECT count(*) FROM minhash), (SELECT count(DISTINCT article_id) FROM minhash), "
        "(SELECT count(DISTINCT article_id) FROM minhash_bands), (SELECT count(*) FROM minhash_bands)")[0]
    minhash_ok = signatures == signed == banded == n and (n == 0 or bands % n == 0)
    return StoreAudit(n, distinct, copies, dup_rows, partial, orphans, minhash_ok)


def _rows(db: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    import duckdb

    conn = duckdb.connect(str(db), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def stored_count(db: Path) -> int:
    """Articles in a store file (0 if there is none yet); opening it replays a killed run's WAL."""
    import duckdb

    try:
        return _rows(db, "SELECT count(*) FROM articles")[0][0] if db.exists() else 0
    except duckdb.CatalogException:
        return 0     # killed before the schema was committed


def records_by_id(db: Path) -> dict[str, str]:
    """The stored record JSON of each article id."""
    return dict(_rows(db, "SELECT id, record FROM articles"))


def thread_sets(db: Path) -> set[frozenset[tuple[str, str]]]:
    """The claim threads of a store (rebuilt with build_threads) as sets of (article_id, statement_id)."""
    from onrecord.settings import StoreSettings
    from onrecord.store import Store
    from onrecord.threads import build_threads

    with Store.open(db, StoreSettings()) as store:
        threads = build_threads(store, persist=False)
    return {frozenset((m.article_id, m.statement_id) for m in t.members) for t in threads}


# -- a local news site for `watch` --------------------------------------------------------------
class FeedSite:
    """An RSS feed of article pages served on 127.0.0.1; counts requests per path; `fetched` fires at a count."""

    def __init__(self, texts: list[str]) -> None:
        import threading
        from collections import Counter

        self.pages = {f"/news/a{i:04d}.html": text for i, text in enumerate(texts)}
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.new_fetches = 0             # article requests for a path not requested before
        self.trigger_at: int | None = None
        self.triggered = threading.Event()
        self.slow_after_trigger = 0.2    # seconds per new page once triggered
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def reply(self, path: str) -> tuple[int, str, bytes]:
        if path == "/feed.rss":
            return 200, "application/rss+xml; charset=utf-8", self.rss()
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        text = self.pages.get(path)
        if text is None:
            return 404, "text/plain", b"no route"
        with self.lock:
            self.hits[path] += 1
            first = self.hits[path] == 1
            if first:
                self.new_fetches += 1
                if self.trigger_at is not None and self.new_fetches >= self.trigger_at:
                    self.triggered.set()
        if first and self.triggered.is_set() and self.trigger_at is not None:
            # new pages come slowly once the kill is armed: a loaded machine may send the SIGKILL late,
            # and it must still land mid-cycle rather than after the last article
            time.sleep(self.slow_after_trigger)
        return 200, "text/html; charset=utf-8", page_html(text)

    def rss(self) -> bytes:
        items = "".join(f"<item><title>{p}</title><link>{self.url(p)}</link><guid>{self.url(p)}</guid></item>"
                        for p in self.pages)
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Border Wire</title>'
                f"<link>{self.base}/</link><description>News</description>{items}</channel></rss>").encode()


def page_html(text: str) -> bytes:
    """An article as a plain HTML page: headline as h1, the other paragraphs as p."""
    from html import escape

    head, *rest = [p for p in text.split("\n\n") if p.strip()]
    body = "".join(f"<p>{escape(p.strip())}</p>" for p in rest)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(head)}</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{escape(head)}</h1>{body}</article>"
            "<footer>Border Wire</footer></body></html>").encode()


def serve(site: FeedSite):  # type: ignore[no-untyped-def]
    """Serve site on a free port of 127.0.0.1; returns the server (call .shutdown() when done)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import urlsplit

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            status, kind, body = site.reply(urlsplit(self.path).path)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass   # the client was killed mid-reply: expected here

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


def watch_audit(db: Path) -> tuple[int, int, int, dict[str, int]]:
    """(articles, distinct provenance URLs, seen-URL rows, seen rows by outcome) of a watched store."""
    n, urls = _rows(db, "SELECT count(*), count(DISTINCT json_extract_string(record, '$.article.provenance.url')) "
                    "FROM articles")[0]
    seen = dict(_rows(db, "SELECT outcome, count(*) FROM sources_seen GROUP BY 1"))
    return n, urls, sum(seen.values()), seen


# -- Dask batch ---------------------------------------------------------------------------------
def worker_pids(pid: int) -> list[int]:
    """The Dask worker processes (multiprocessing spawn children) under the process pid."""
    import psutil

    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    pids = []
    for child in children:
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                pids.append(child.pid)
        except psutil.Error:
            continue   # exited meanwhile
    return pids


def complete_partitions(out: Path) -> int:
    """Partitions the manifest marks complete (0 while it is missing or being replaced)."""
    import json

    try:
        data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    return sum(1 for p in data.get("partitions", []) if p.get("status") == "complete")


def batch_with_worker_kills(args: list[str], out: Path, rng: random.Random, kills: int = 2,
                            timeout: float = 900) -> tuple[list[str], int]:
    """Run `onrecord batch`, SIGKILL a worker while it loads the model in its first task, then one after
    each further partition or two completes; returns (what was killed when, exit code)."""
    proc = subprocess.Popen(ONRECORD + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            start_new_session=True)
    killed: list[str] = []
    deadline = time.monotonic() + timeout
    try:
        done = 0
        for k in range(kills):
            if k == 0:
                ready, extra = (lambda: len(worker_pids(proc.pid)) >= 2), rng.uniform(1.0, 2.0)
            else:
                done += rng.randint(1, 2)
                ready, extra = (lambda n=done: complete_partitions(out) >= n), rng.uniform(0.0, 0.3)
            while not ready() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(extra)
            pids = worker_pids(proc.pid)
            if proc.poll() is not None or not pids:
                break
            victim = rng.choice(pids)
            os.kill(victim, signal.SIGKILL)
            done = complete_partitions(out)
            killed.append(f"worker {victim} after {extra:.2f} s, {done} partitions done")
        code = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return killed, code


@dataclass
class BatchAudit:
    """A batch output directory: its records, and files the manifest claims or leaves out."""
    records: dict[str, str]           # article id → record JSON, from the manifest's articles files
    statuses: dict[str, int]          # partition status → count
    claimed_missing: list[str]        # claimed by a complete partition but absent or unreadable
    unclaimed: list[str]              # *.parquet on disk that no complete partition claims
    temporaries: list[str]            # leftover hidden .tmp files


def audit_batch(out: Path) -> BatchAudit:
    """Read a batch output as `onrecord load` would, and check every claimed file opens."""
    import json
    from collections import Counter

    import pyarrow.parquet as pq

    from onrecord.export.tables import read_records
    from onrecord.scale.query import parquet_files

    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    statuses = Counter(p["status"] for p in data["partitions"])
    claimed = {f for p in data["partitions"] if p["status"] == "complete" for f in p["files"]}
    missing = []
    for rel in sorted(claimed):
        try:
            pq.read_metadata(out / rel)
        except (OSError, ValueError):
            missing.append(rel)
    on_disk = {str(f.relative_to(out)) for f in out.rglob("*.parquet") if not f.name.startswith(".")}
    records: dict[str, str] = {}
    for _, record in read_records(Path(f) for f in parquet_files(out, "articles")):
        if record.article.id in records:
            raise AssertionError(f"article {record.article.id} twice in {out}")
        records[record.article.id] = record.model_dump_json()
    return BatchAudit(records, dict(statuses), missing, sorted(on_disk - claimed),
                      sorted(str(f.relative_to(out)) for f in out.rglob(".*.tmp")))


def seen_urls(db: Path) -> set[str]:
    """URLs `watch` has marked handled (0 rows if killed before the table existed)."""
    import duckdb

    try:
        return {u for (u,) in _rows(db, "SELECT url FROM sources_seen")} if db.exists() else set()
    except duckdb.CatalogException:
        return set()
