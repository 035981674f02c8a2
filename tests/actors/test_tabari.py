"""TABARI/PETRARCH dictionary reader: a tiny owned fixture, and the Phoenix files when present."""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from onrecord.actors.gazetteer import Gazetteer
from onrecord.actors.tabari import read_tabari, split_code
from onrecord.errors import LexiconError

FIXTURES = Path(__file__).parent / "fixtures"
PETRARCH = Path(__file__).resolve().parents[3] / "shared" / "bench" / "petrarch"
needs_phoenix = pytest.mark.skipif(not (PETRARCH / "Phoenix.Countries.actors.txt").is_file(),
                                   reason=f"{PETRARCH} is absent (../shared is not beside the repo)")


def _by_phrase(entries, phrase):
    return [e for e in entries if e.phrase == phrase]


@pytest.fixture(scope="module")
def tiny():
    return read_tabari(FIXTURES / "tiny.actors")


def test_read_tabari_counts_entries_of_the_fixture(tiny):
    # NORWAY 3 phrases x 1 code, STOLTENBERG 2 x 3, UN 1 + 2 (shared code), AMNESTY 1, BROKEN 1
    assert len(tiny) == 14


def test_read_tabari_converts_underscores_and_keeps_synonyms(tiny):
    assert {e.phrase for e in tiny if e.country == "NOR" and not e.sectors} == {
        "NORWAY", "NORWEGIAN", "OSLO", "BROKEN DATE"}
    assert {e.name for e in _by_phrase(tiny, "OSLO")} == {"Norway"}


def test_read_tabari_reads_date_restrictions(tiny):
    codes = {(e.code, e.start, e.end) for e in _by_phrase(tiny, "STOLTENBERG")}
    assert codes == {("NORGOV", "2005-10-17", "2013-10-17"),   # end is inclusive in TABARI
                     ("IGOWSTNAT", "2014-10-01", None),
                     ("NORELI", None, None)}


def test_read_tabari_codeless_primaries_share_following_codes(tiny):
    for phrase in ("UNITED NATIONS", "U.N.", "UN SECRETARIAT"):
        (entry,) = _by_phrase(tiny, phrase)
        assert (entry.country, entry.sectors, entry.kind) == ("UNO", (), "igo")


def test_read_tabari_codes_ngos_without_country(tiny):
    (entry,) = _by_phrase(tiny, "AMNESTY INTERNATIONAL")
    assert (entry.country, entry.sectors, entry.kind) == (None, ("NGO", "HRI"), "ngo")


def test_read_tabari_stops_at_stop_marker(tiny):
    assert _by_phrase(tiny, "AFTER THE STOP") == []


def test_read_tabari_summarises_malformed_lines_once(caplog):
    with caplog.at_level(logging.WARNING, logger="onrecord.actors.tabari"):
        read_tabari(FIXTURES / "tiny.actors")
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "skipped 3 malformed line(s); first at line 2" in warnings[0].getMessage()


def test_read_tabari_reads_agents():
    entries = read_tabari(FIXTURES / "tiny.agents")
    got = {(e.phrase, e.sectors, e.type) for e in entries}
    assert got == {
        ("SPOKESMAN", ("GOV",), "agent"), ("SPOKESWOMAN", ("GOV",), "agent"),
        ("GENERAL", ("MIL",), "agent"), ("GENERALS", ("MIL",), "agent"),
        ("ARMY", ("MIL",), "agent"),
        ("POLICE CHIEF", ("COP",), "agent"), ("POLICE CHIEFS", ("COP",), "agent"),
        ("ATTORNEY", ("JUD",), "agent"), ("ATTORNEYS", ("JUD",), "agent"),
        ("AID AGENCY", ("NGO",), "agent-prefix"), ("AID AGENCIES", ("NGO",), "agent-prefix"),
    }
    assert all(e.country is None and e.kind == "agent" for e in entries)


def test_read_tabari_unreadable_file_is_lexicon_error(tmp_path):
    with pytest.raises(LexiconError, match="E020"):
        read_tabari(tmp_path / "missing.actors")
    with pytest.raises(LexiconError):
        read_tabari(tmp_path)


def test_read_tabari_falls_back_to_windows_1252(tmp_path):
    path = tmp_path / "latin.actors"
    path.write_bytes("BOGOTÁ_ [COLGOV]\n".encode("cp1252"))
    (entry,) = read_tabari(path)
    assert (entry.phrase, entry.code) == ("BOGOTÁ", "COLGOV")


@pytest.mark.parametrize("code, country, sectors", [
    ("RUSGOV", "RUS", ("GOV",)),
    ("IGOUNOIAE", "UNO", ("IAE",)),
    ("UNO", "UNO", ()),
    ("IGOWSTNAT", "IGO", ("WST", "NAT")),
    ("PSEREBHMS", "PSE", ("REB", "HMS")),
    ("MNCUSA", None, ("MNC", "USA")),
    ("ELI", None, ("ELI",)),
    ("KSV", "KSV", ()),
])
def test_split_code(code, country, sectors):
    assert split_code(code) == (country, sectors)


def test_gazetteer_load_adds_user_dictionaries():
    gaz = Gazetteer.load((FIXTURES / "tiny.actors", FIXTURES / "tiny.agents"))
    at_2010 = gaz.lookup("Stoltenberg", date(2010, 6, 1))
    assert [e.code for e in at_2010] == ["NORGOV"]          # the dated code replaces NORELI
    assert gaz.lookup("Oslo")[0].code == "NORGOV"            # packaged capital comes first
    assert gaz.lookup("Oslo")[1].code == "NOR"
    assert gaz.sector_of("attorneys") == "JUD"               # only the agents file knows it
    assert gaz.sector_of("general") == "MIL"


# -- the Phoenix dictionaries shipped with PETRARCH (read-only measuring material) ----------
@needs_phoenix
@pytest.mark.parametrize("name, count", [
    ("Phoenix.Countries.actors.txt", 39607),
    ("Phoenix.International.actors.txt", 7973),
    ("Phoenix.MilNonState.actors.txt", 1793),
    ("Phoenix.agents.txt", 5152),
])
def test_read_tabari_phoenix_entry_counts(name, count):
    assert len(read_tabari(PETRARCH / name)) == count


@needs_phoenix
def test_read_tabari_phoenix_spot_checks():
    countries = read_tabari(PETRARCH / "Phoenix.Countries.actors.txt")
    putin = [e for e in countries if e.phrase == "VLADIMIR PUTIN"]
    assert {e.country for e in putin} == {"RUS"}
    assert [e.code for e in putin if e.active(date(2022, 9, 22)) and e.dated] == ["RUSGOV"]
    assert {e.code for e in countries if e.phrase == "KABUL"} == {"AFG"}
    milnonstate = read_tabari(PETRARCH / "Phoenix.MilNonState.actors.txt")
    assert {e.code for e in milnonstate if e.phrase == "HEZBOLLAH"} == {"LBNREB"}
    international = read_tabari(PETRARCH / "Phoenix.International.actors.txt")
    assert {(e.country, e.sectors) for e in international if e.phrase == "IAEA"} == {("UNO", ("IAE",))}
    agents = read_tabari(PETRARCH / "Phoenix.agents.txt")
    assert {e.sectors for e in agents if e.phrase == "PRESIDENT"} == {("GOV",)}
