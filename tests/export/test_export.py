"""PLOVER JSONL, GDELT 2.0 rows and Parquet exports: shapes, field names and concrete values."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLOVER = ROOT.parent / "shared" / "bench" / "plover"
needs_plover = pytest.mark.skipif(not PLOVER.is_dir(), reason=f"{PLOVER} is absent (the PLOVER manual and the "
                                  "CAMEO2PLOVER table are beside the project, not in it)")


def test_plover_event_values(shelling_record):
    from onrecord.export.plover import plover_event

    line = plover_event(shelling_record, shelling_record.events[0], "onrecord test")
    assert line["id"] == "art1-e1"
    assert line["date"] == "2023-04-03"                  # the event's own day, not the publication day
    assert line["event"] == ["ASSAULT"]
    assert line["mode"] == ["heavy-weapons"]
    assert line["context"] == ["military"]
    assert line["actor"] == [{"code": "AZE", "sector": "GOV", "entity_text": "Azerbaijan",
                              "identifier_text": "Azerbaijan", "cameo": "AZEGOV"}]
    assert [r["code"] for r in line["recipient"]] == ["ARM"]
    assert line["quad_code"] == 4
    assert line["event_scale"] == -9.5
    assert line["event_text"] == ["shelled"]
    assert line["text_info"] == {"start": 11, "end": 18}
    assert line["cite_info"]["url"] == "https://example.org/art1"
    assert line["cite_info"]["publication"] == "The Test Wire"
    assert line["attributed_to"]["code"] == "ARM"


def test_plover_undated_event_takes_publication_day(shelling_record):
    from onrecord.export.plover import plover_event

    line = plover_event(shelling_record, shelling_record.events[1], "onrecord test")
    assert (line["date"], line["mode"], line["context"], line["recipient"]) == ("2023-04-04", None, None, [])
    assert (line["negated"], line["hypothetical"], line["event_scale"]) == (True, True, -9.0)


@pytest.mark.parametrize("which,ids", [("all", ["e1", "e2"]), ("asserted", ["e1"]), ("reported", [])])
def test_event_selection(shelling_record, which, ids):
    from onrecord.export.plover import selected_events

    assert [e.id for e in selected_events(shelling_record, which)] == ids


def test_plover_jsonl_parses_to_documented_fields(store, fixture_records, tmp_path):
    from onrecord.export import MANUAL_FIELDS, export_store
    from onrecord.export.plover import EXTRA_FIELDS
    from onrecord.model import PLOVER_TYPES

    out = tmp_path / "events.jsonl"
    report = export_store(store, "plover", out, events="all")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == report.rows == sum(len(r.events) for r in fixture_records)
    for line in lines:
        assert list(line) == list(MANUAL_FIELDS) + list(EXTRA_FIELDS)
        assert line["event"][0] in PLOVER_TYPES
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", line["date"] or "0000-00-00")
        assert all(set(a) == {"code", "sector", "entity_text", "identifier_text", "cameo"} for a in line["actor"])
    assert len({line["id"] for line in lines}) == len(lines)


@needs_plover
def test_plover_field_names_are_the_manuals():
    """Every PLOVER field onrecord writes is a row of the manual's JSON field tables."""
    from onrecord.export import MANUAL_FIELDS

    tex = (PLOVER / "PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    names = {m.replace("\\_", "_") for m in re.findall(r"^([a-z\\_]+) & ", tex, flags=re.M)}
    assert set(MANUAL_FIELDS) <= names
    assert {"code", "sector", "entity_text", "identifier_text"} <= names       # entity object
    assert {"url", "title", "publication", "language", "coder", "codebook"} <= names   # citeInfo object


def test_gdelt_columns_published_order():
    from onrecord.export import GDELT_COLUMNS

    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:7] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code",
                                 "Actor1Name")
    assert GDELT_COLUMNS[14:16] == ("Actor1Type3Code", "Actor2Code")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[35:43] == ("Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode",
                                    "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long",
                                    "Actor1Geo_FeatureID")
    assert GDELT_COLUMNS[51] == "ActionGeo_Type"
    assert GDELT_COLUMNS[59:] == ("DATEADDED", "SOURCEURL")


def test_gdelt_row_values(shelling_record):
    from onrecord.export import GDELT_COLUMNS
    from onrecord.export.gdelt import gdelt_row, global_event_id

    row = dict(zip(GDELT_COLUMNS, gdelt_row(shelling_record, shelling_record.events[0])))
    assert row["GLOBALEVENTID"] == str(global_event_id("art1", "e1"))
    assert (row["SQLDATE"], row["MonthYear"], row["Year"], row["FractionDate"]) == (
        "20230403", "202304", "2023", "2023.3370")          # (4 * 30 + 3) / 365
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "AZEGOV", "AZERBAIJAN", "AZE", "GOV")
    assert (row["Actor2Code"], row["Actor2CountryCode"], row["Actor2Type1Code"]) == ("ARM", "ARM", "")
    assert (row["IsRootEvent"], row["QuadClass"], row["GoldsteinScale"]) == ("1", "4", "-9.5")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("1", "1", "1")
    assert row["EventCode"] == row["AvgTone"] == row["ActionGeo_Lat"] == row["DATEADDED"] == ""
    assert row["SOURCEURL"] == "https://example.org/art1"
    second = dict(zip(GDELT_COLUMNS, gdelt_row(shelling_record, shelling_record.events[1])))
    assert second["IsRootEvent"] == "0"                    # "attack" is after the lead paragraph


def test_gdelt_export_61_columns(store, fixture_records, tmp_path):
    from onrecord.export import GDELT_COLUMNS, export_store
    from onrecord.export.plover import selected_events

    out = tmp_path / "events.tsv"
    report = export_store(store, "gdelt", out)
    assert report.files == [out, tmp_path / "events.header.tsv"]
    assert (tmp_path / "events.header.tsv").read_text().rstrip("\n").split("\t") == list(GDELT_COLUMNS)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").split("\n")[:-1]]
    assert len(rows) == sum(len(list(selected_events(r, "asserted"))) for r in fixture_records)
    assert {len(row) for row in rows} == {61}
    assert all(row[0].isdigit() and row[29] in "1234" for row in rows)


CROSSWALK = """# a made-up table in the CAMEO2PLOVER layout
07: AID
070: AID, , # provide aid
071: AID, , economic # economic aid
072: AID, , military # military aid
04: CONSULT
042: CONSULT, visit, # make a visit
043: CONSULT, visit, # host a visit
18: ASSAULT
181: ASSAULT, abduct, # abduct
"""


@pytest.mark.parametrize("type_,mode,context,expected", [
    ("AID", None, ["military"], ("072", "072", "07")),     # category, mode and exact contexts: unique
    ("AID", None, [], (None, None, "07")),                 # three AID rows without a mode: root only
    ("CONSULT", "visit", [], (None, None, "04")),          # 042 and 043
    ("ASSAULT", "abduct", [], ("181", "181", "18")),
    ("ASSAULT", "targeted", [], (None, "181", "18")),      # no such mode: the category's common prefix
    ("PROTEST", None, [], (None, None, None)),
])
def test_reverse_crosswalk(tmp_path, type_, mode, context, expected):
    from onrecord.export.cameo import reverse_crosswalk

    path = tmp_path / "crosswalk.txt"
    path.write_text(CROSSWALK, encoding="utf-8")
    codes = reverse_crosswalk(path).codes(type_, mode, context)
    assert (codes.code, codes.base, codes.root) == expected


@needs_plover
@pytest.mark.parametrize("type_,mode,context,code,root", [
    ("REQUEST", None, [], "100", "10"),
    ("ASSAULT", None, ["military"], "190", "19"),   # 190 and 196 (legal; military): exact contexts decide
    ("CONSULT", "visit", [], None, "04"),
    ("ACCUSE", "allege", ["military"], "1123", "11"),
])
def test_reverse_of_published_crosswalk(type_, mode, context, code, root):
    from onrecord.export.cameo import reverse_crosswalk

    codes = reverse_crosswalk(PLOVER / "CAMEO2PLOVER-2021.txt").codes(type_, mode, context)
    assert (codes.code, codes.root) == (code, root)


def test_missing_crosswalk_is_an_error(tmp_path):
    from onrecord.errors import ScaleError
    from onrecord.export.cameo import reverse_crosswalk

    with pytest.raises(ScaleError, match=r"\[E095\]"):
        reverse_crosswalk(tmp_path / "absent.txt")


def test_parquet_export_loads_back(store, fixture_records, tmp_path):
    from onrecord.export import export_store
    from onrecord.scale import load_parquet
    from onrecord.settings import StoreSettings
    from onrecord.store import Store

    report = export_store(store, "parquet", tmp_path / "pq")
    assert report.articles == len(fixture_records)
    assert (tmp_path / "pq" / "failures" / "part-x00000.parquet").is_file()
    with Store.open(None, StoreSettings()) as again:
        loaded = load_parquet(tmp_path / "pq", again, threads=False)
        assert loaded.added == len(fixture_records)
        for record in fixture_records:
            assert again.get_record(record.article.id).model_dump_json() == record.model_dump_json()
