"""Every endpoint and filter over the example corpus (plus the seed when ../shared is present)."""
from __future__ import annotations

import pytest

from onrecord.model import PLOVER_TYPES

from .conftest import SEED

needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"{SEED} is absent (../shared is not beside the repo)")

SEED_SOURCE = "000_f550be25ed6773a1.txt"


def _all(client, url: str) -> list[dict]:
    data = client.get(url + ("&" if "?" in url else "?") + "limit=500").json()
    assert data["total"] == len(data["items"])
    return data["items"]


def test_stats_counts_the_corpus(client):
    stats = client.get("/api/stats").json()
    seed = 1 if SEED.is_file() else 0
    assert (stats["articles"], stats["canonical"]) == (17 + seed, 15 + seed)   # two syndicated copies
    assert stats["threads"] >= 5
    assert stats["statements"] == client.get("/api/statements?limit=1").json()["total"]
    assert stats["events"] == client.get("/api/events?limit=1").json()["total"]
    assert stats["actors"] == client.get("/api/actors?limit=1").json()["total"]
    assert stats["threads"] == client.get("/api/threads?limit=1").json()["total"]


def test_articles_page_and_search(client):
    page = client.get("/api/articles?limit=5&offset=2").json()
    assert (page["limit"], page["offset"], len(page["items"])) == (5, 2, 5)
    assert set(page["items"][0]) == {"id", "title", "source", "published", "publisher", "dateline", "statements",
                                     "events", "dup_group"}
    hits = _all(client, "/api/articles?q=vardahovit")
    assert {h["source"].rsplit("/", 1)[-1] for h in hits} >= {"12-armenia-says-azerbaijan-shelled-vardahovit.html"}
    assert all(h["dup_group"] for h in hits)
    copies = [a for a in _all(client, "/api/articles") if a["id"] != a["dup_group"]]
    assert sorted(a["source"].rsplit("/", 1)[-1] for a in copies) == [
        "02-russia-turning-to-nk-syndicated.txt", "15-border-shelling-claims-syndicated.txt"]


def test_article_record_and_threads(client):
    first = client.get("/api/articles?q=Vardahovit&limit=1").json()["items"][0]
    record = client.get(f"/api/articles/{first['id']}").json()
    assert record["format"] == "onrecord/1" and record["article"]["id"] == first["id"]
    text = record["article"]["text"]
    for s in record["statements"]:
        assert text[s["cue"]["start"]:s["cue"]["end"]] == s["cue"]["text"]
    ids = {s["id"] for s in record["statements"]}
    assert record["threads"] and {t["statement_id"] for t in record["threads"]} <= ids
    thread = client.get(f"/api/threads/{record['threads'][0]['thread_id']}").json()
    assert (first["id"], record["threads"][0]["statement_id"]) in {(m["article_id"], m["statement_id"])
                                                                   for m in thread["timeline"]}


@pytest.mark.parametrize("url", ["/api/articles/0000000000000000", "/api/threads/nosuchthread",
                                 "/api/actors/XYZGOV"])
def test_unknown_ids_are_404(client, url):
    r = client.get(url)
    assert r.status_code == 404 and r.json()["code"] == "E071"


def test_statements_filter_by_polarity(client):
    denials = _all(client, "/api/statements?polarity=-")
    assert denials and {s["polarity"] for s in denials} == {"-"}
    assert len(denials) + len(_all(client, "/api/statements?polarity=%2B")) == client.get(
        "/api/statements").json()["total"]


def test_statements_filters_combine(client):
    rows = _all(client, "/api/statements?speaker_country=RUS&polarity=-&cue=deny")
    assert rows and all(s["speaker"]["country"] == "RUS" and s["cue"]["lemma"] == "deny" for s in rows)
    usa = _all(client, "/api/statements?speaker_code=USAGOV")
    assert usa and {s["speaker"]["code"] for s in usa} == {"USAGOV"}
    dated = _all(client, "/api/statements?date_from=2023-01-01&date_to=2023-01-31")
    assert dated and all(s["date"] is None or s["date"].startswith("2023-01") for s in dated)
    weapons = _all(client, "/api/statements?q=WEAPONS")
    assert weapons and all("weapons" in " ".join(s["content"]).lower() for s in weapons)
    one = weapons[0]["article_id"]
    assert {s["article_id"] for s in _all(client, f"/api/statements?article_id={one}")} == {one}


def test_statement_item_shape(client):
    item = client.get("/api/statements?cue=deny&limit=1").json()["items"][0]
    assert set(item) == {"article_id", "article_title", "id", "speaker", "cue", "content", "polarity", "certainty",
                         "quote", "date", "thread_id"}
    assert set(item["speaker"]) == {"text", "actor", "code", "country", "named"}
    assert item["cue"]["lemma"] == "deny" and isinstance(item["content"], list)


def test_events_filters(client):
    aid = _all(client, "/api/events?type=AID&actor_country=PRK")
    assert aid and all(e["type"] == "AID" and "PRK" in {a["country"] for a in e["actor"]} for e in aid)
    to_rus = _all(client, "/api/events?recipient_country=RUS")
    assert to_rus and all("RUS" in {a["country"] for a in e["recipient"]} for e in to_rus)
    e = to_rus[0]
    assert set(e) == {"article_id", "id", "type", "mode", "context", "actor", "recipient", "trigger", "attributed_to",
                      "negated", "hypothetical", "future", "historical", "date", "score"}
    assert set(e["trigger"]) == {"text", "start", "end"}
    assert {x["type"] for x in _all(client, "/api/events?date_from=2023-03-01")} <= set(PLOVER_TYPES)


def test_actors_list_and_detail(client):
    prk = _all(client, "/api/actors?country=PRK")
    assert {a["code"] for a in prk} >= {"PRK", "PRKGOV"} and all(a["country"] == "PRK" for a in prk)
    assert [a["code"] for a in _all(client, "/api/actors?q=north korea")][:1] == ["PRK"]
    detail = client.get("/api/actors/PRKGOV").json()
    assert detail["code"] == "PRKGOV" and "North Korea" in detail["names"]
    assert detail["statements"] and all(s["speaker"]["code"] == "PRKGOV" for s in detail["statements"])
    dates = [s["date"] or "" for s in detail["statements"]]
    assert dates[0] >= dates[-1]                               # latest first
    assert all("PRKGOV" in {a["code"] for a in e["actor"]} for e in detail["events_as_actor"])
    assert all("PRKGOV" in {a["code"] for a in e["recipient"]} for e in detail["events_as_recipient"])
    assert all(c["count"] >= 1 and c["type"] in PLOVER_TYPES for c in detail["counterparts"])


def test_threads_list_filters(client):
    threads = _all(client, "/api/threads")
    assert threads[0]["members"] >= threads[-1]["members"] or threads[0]["articles"] >= threads[-1]["articles"]
    for status in ("alleged", "confirmed"):
        assert {t["status"] for t in _all(client, f"/api/threads?status={status}")} <= {status}
    arms = _all(client, "/api/threads?q=artillery")
    assert arms and all("artillery" in t["label"].lower() or "artillery" in t["keywords"] for t in arms)


@needs_seed
def test_seed_thread_has_three_stances(client):
    seed = next(a for a in _all(client, "/api/articles") if a["source"].endswith(SEED_SOURCE))
    record = client.get(f"/api/articles/{seed['id']}").json()
    by_thread = {}
    for link in record["threads"]:
        by_thread.setdefault(link["thread_id"], []).append(link["statement_id"])
    tid = max(by_thread, key=lambda t: len(by_thread[t]))
    thread = client.get(f"/api/threads/{tid}").json()
    assert (thread["side_a"], thread["side_b"], thread["family"]) == (["PRK"], ["RUS"], "transfer")
    mine = [(m["speaker_country"], m["stance"]) for m in thread["timeline"] if m["article_id"] == seed["id"]]
    assert len(mine) >= 3
    assert mine[0] == ("USA", "alleged")
    assert ("PRK", "denied") in mine and ("RUS", "denied") in mine


def test_network_of_reported_events(client):
    net = client.get("/api/network?types=ACCUSE,ASSAULT&min_count=1").json()
    assert net["edges"] and {e["type"] for e in net["edges"]} <= {"ACCUSE", "ASSAULT"}
    ids = {n["id"] for n in net["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids and e["source"] != e["target"] for e in net["edges"])
    weight = {n["id"]: n["count"] for n in net["nodes"]}
    for node, count in weight.items():
        assert count == sum(e["count"] for e in net["edges"] if node in (e["source"], e["target"]))
    everything = client.get("/api/network").json()
    assert len(everything["edges"]) >= len(net["edges"])
    top = max(e["count"] for e in everything["edges"])
    assert all(e["count"] >= top for e in client.get(f"/api/network?min_count={top}").json()["edges"])


@pytest.mark.parametrize("url, name", [
    ("/api/statements?limit=501", "limit"), ("/api/statements?limit=0", "limit"),
    ("/api/statements?offset=-1", "offset"), ("/api/statements?polarity=x", "polarity"),
    ("/api/statements?date_from=2022-02-30", "date_from"), ("/api/statements?date_to=yesterday", "date_to"),
    ("/api/statements?speaker_country=rus", "speaker_country"), ("/api/events?type=HUG", "type"),
    ("/api/threads?status=open", "status"), ("/api/network?types=ACCUSE,HUG", "types"),
    ("/api/network?min_count=0", "min_count"), ("/api/actors/prk", "code"),
])
def test_bad_parameters_are_coded_422(client, url, name):
    r = client.get(url)
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "E070" and body["message"].startswith(f"[E070] bad parameter {name}=")


def test_empty_parameters_mean_no_filter(client):
    total = client.get("/api/statements").json()["total"]
    assert client.get("/api/statements?speaker_country=&cue=&q=&date_from=").json()["total"] == total


def test_openapi_lists_every_endpoint(client):
    paths = set(client.get("/openapi.json").json()["paths"])
    assert paths >= {"/api/articles", "/api/articles/{article_id}", "/api/statements", "/api/events", "/api/actors",
                     "/api/actors/{code}", "/api/threads", "/api/threads/{thread_id}", "/api/network", "/api/stats"}
    assert client.get("/docs").status_code == 200


def test_date_bounds_are_inclusive_and_ordered(client):
    # a day some statement is dated (the seed's 2022-09-22 when ../shared is present, else one of the corpus)
    dated = [s["date"] for s in client.get("/api/statements?limit=500").json()["items"]
             if s["date"] and len(s["date"]) == 10]
    when = "2022-09-22" if "2022-09-22" in dated else dated[0]
    day = client.get(f"/api/statements?date_from={when}&date_to={when}&limit=500").json()
    assert day["total"] >= 1 and all((s["date"] or when).startswith(when[:7]) for s in day["items"])
    assert client.get("/api/statements?date_from=2023-01-02&date_to=2023-01-01").json()["total"] == 0
    assert client.get("/api/events?date_from=2030-01-01").json()["total"] == 0
