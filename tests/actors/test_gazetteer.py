"""The packaged actor gazetteer: lookups, dates, role words, and the validity of its data files."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import pycountry
import pytest

from onrecord.actors.gazetteer import GazetteerEntry, default_gazetteer, normalise
from onrecord.lexicons import load_table

SEED_DAY = date(2022, 9, 22)
ISO3 = {c.alpha_3 for c in pycountry.countries}
HISTORIC = {c.alpha_3 for c in pycountry.historic_countries}
NON_ISO = {"XKX"}                       # Kosovo: user-assigned code, documented in countries.tsv


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def first(gaz, phrase, when=None) -> GazetteerEntry:
    entries = gaz.lookup(phrase, when)
    assert entries, phrase
    return entries[0]


# -- lookups -----------------------------------------------------------------------------
@pytest.mark.parametrize("phrase, code, type_", [
    ("the U.S.", "USA", "variant"),
    ("U.S.", "USA", "variant"),
    ("United States", "USA", "name"),
    ("North Korean", "PRK", "demonym"),
    ("North Koreans", "PRK", "demonym"),
    ("Pyongyang", "PRKGOV", "capital"),
    ("the Kremlin", "RUSGOV", "seat"),
    ("Kremlin", "RUSGOV", "seat"),
    ("Washington", "USAGOV", "capital"),
    ("the Pentagon", "USAMIL", "seat"),
    ("Kyiv", "UKRGOV", "capital"),
    ("Kiev", "UKRGOV", "capital"),
    ("Russia’s", "RUS", "name"),
    ("Russia's", "RUS", "name"),
    ("Elysee", "FRAGOV", "seat"),
    ("Élysée", "FRAGOV", "seat"),
    ("Türkiye", "TUR", "variant"),
    ("Turkiye", "TUR", "variant"),
    ("Côte d'Ivoire", "CIV", "variant"),
    ("Cote d’Ivoire", "CIV", "variant"),
])
def test_lookup_countries(gaz, phrase, code, type_):
    entry = first(gaz, phrase)
    assert (entry.code, entry.type, entry.kind) == (code, type_, "state")


def test_lookup_gives_canonical_name(gaz):
    assert first(gaz, "Pyongyang").name == "North Korea"
    assert first(gaz, "DPRK").name == "North Korea"


def test_lookup_flags_ambiguous_capitals(gaz):
    assert first(gaz, "Washington").ambiguous is True
    assert first(gaz, "Moscow").ambiguous is False


@pytest.mark.parametrize("phrase", ["United Nations", "U.N.", "UN", "the UN"])
def test_lookup_united_nations(gaz, phrase):
    entry = first(gaz, phrase)
    assert (entry.country, entry.sectors, entry.kind, entry.name) == ("UNO", (), "igo", "United Nations")


@pytest.mark.parametrize("phrase, code", [
    ("NATO", "IGOWSTNAT"), ("Nato", "IGOWSTNAT"), ("European Union", "IGOEUREEC"),
    ("IAEA", "UNOIAE"), ("UN Security Council", "UNO"), ("KCNA", "PRKMED"), ("Xinhua", "CHNMED"),
    ("State Department", "USAGOV"), ("Hezbollah", "LBNREB"), ("Reuters", "MED"),
])
def test_lookup_organizations(gaz, phrase, code):
    assert first(gaz, phrase).code == code


def test_lookup_nato_is_igo(gaz):
    entry = first(gaz, "NATO")
    assert (entry.country, entry.kind) == ("IGO", "igo")


@pytest.mark.parametrize("phrase", ["us", "who", "Who", "un", "Us"])
def test_lookup_short_capital_forms_need_capitals(gaz, phrase):
    assert gaz.lookup(phrase) == []


def test_lookup_who_in_capitals_is_the_health_organization(gaz):
    assert first(gaz, "WHO").code == "UNOHLH"


def test_lookup_merges_surface_variants(gaz):
    # "US" and "U.S." are the same entry once normalised
    assert len(gaz.lookup("U.S.")) == 1


def test_normalise():
    assert normalise("The U.S.’s") == "us"
    assert normalise("Kim Jong-un") == normalise("Kim Jong Un") == "kim jong un"
    assert normalise("  Binali  Yıldırım ") == "binali yildirim"


# -- dates and leaders ---------------------------------------------------------------------
def test_leader_putin_on_seed_day(gaz):
    entry = gaz.leader("Vladimir Putin", SEED_DAY)
    assert (entry.country, entry.sectors, entry.type, entry.kind) == ("RUS", ("GOV",), "president", "person")


def test_leader_by_alias_and_term(gaz):
    assert gaz.leader("Putin", date(2010, 1, 1)).type == "prime minister"
    assert gaz.leader("Biden", date(2015, 1, 1)).type == "vice president"
    assert gaz.leader("Kim Jong-un", SEED_DAY).country == "PRK"
    assert gaz.leader("Vassily Nebenzia", SEED_DAY).type == "ambassador to the United Nations"


def test_leader_none_outside_terms(gaz):
    assert gaz.leader("Joe Biden", date(2026, 1, 1)) is None
    assert gaz.leader("Nobody In Particular", SEED_DAY) is None


def test_leader_without_date_is_latest_term(gaz):
    assert gaz.leader("Joe Biden").type == "president"


def test_lookup_end_date_is_exclusive(gaz):
    assert first(gaz, "Trump", date(2025, 1, 20)).type == "president"
    assert first(gaz, "Biden", date(2025, 1, 20)).type == "not in office"


def test_lookup_person_out_of_office_is_elite(gaz):
    entry = first(gaz, "Trump", SEED_DAY)
    assert (entry.country, entry.sectors, entry.type) == ("USA", ("ELI",), "not in office")


def test_lookup_shared_surname_picks_office_holder(gaz):
    assert [e.name for e in gaz.lookup("Clinton", date(2010, 1, 1))] == ["Hillary Clinton"]


@pytest.mark.parametrize("when, code", [(date(2020, 1, 1), "AFGREB"), (date(2022, 1, 1), "AFGGOV")])
def test_lookup_dated_organization(gaz, when, code):
    assert [e.code for e in gaz.lookup("Taliban", when)] == [code]


def test_lookup_without_date_lists_latest_term_first(gaz):
    assert first(gaz, "Putin").start == "2012-05-07"


def test_lookup_un_secretary_general(gaz):
    entry = first(gaz, "Guterres", SEED_DAY)
    assert (entry.country, entry.name) == ("UNO", "António Guterres")


# -- composition, role words, generic sources ---------------------------------------------
@pytest.mark.parametrize("phrase, code", [
    ("Kim regime", "PRKGOV"), ("Russian officials", "RUSGOV"), ("U.S. military", "USAMIL"),
    ("Russian experts", "RUS"), ("Pentagon officials", "USAMIL"), ("Biden administration", "USAGOV"),
])
def test_lookup_composes_actor_and_role(gaz, phrase, code):
    entry = first(gaz, phrase, SEED_DAY)
    assert (entry.code, entry.type) == (code, "composed")


@pytest.mark.parametrize("word, sector", [
    ("ambassador", "GOV"), ("general", "MIL"), ("generals", "MIL"), ("troops", "MIL"),
    ("lawmaker", "LEG"), ("senators", "LEG"), ("police", "COP"), ("judge", "JUD"),
    ("rebels", "REB"), ("opposition", "OPP"), ("state media", "MED"), ("state-media", "MED"),
    ("company", "BUS"), ("protesters", "CVL"), ("defense minister", "GOVMIL"),
    ("authorities", "GOV"), ("congressmen", "LEG"), ("Spokeswoman", "GOV"),
])
def test_sector_of(gaz, word, sector):
    assert gaz.sector_of(word) == sector


def test_sector_of_generic_and_unknown(gaz):
    assert gaz.sector_of("experts") == ""
    assert gaz.sector_of("analysts") == ""
    assert gaz.sector_of("xyzzy") is None
    assert gaz.sectors_of("defence minister") == ("GOV", "MIL")


@pytest.mark.parametrize("phrase, sector", [
    ("weapon experts", ""), ("officials", "GOV"), ("some Western diplomats", "GOV"),
    ("human rights groups", "NGO"), ("people familiar with the matter", ""), ("residents", "CVL"),
])
def test_generic(gaz, phrase, sector):
    assert gaz.generic(phrase) == sector


def test_generic_none_for_named_actor(gaz):
    assert gaz.generic("Vladimir Putin") is None


@pytest.mark.parametrize("word, iso3", [
    ("North Korean", "PRK"), ("Russian", "RUS"), ("American", "USA"), ("British", "GBR"),
    ("Chinese", "CHN"), ("Ukrainian", "UKR"), ("Dominican", "DOM"), ("Kosovar", "XKX"),
])
def test_demonym_country(gaz, word, iso3):
    assert gaz.demonym_country(word) == iso3


def test_demonym_country_none_for_country_name(gaz):
    assert gaz.demonym_country("Russia") is None


@pytest.mark.parametrize("iso3, name", [
    ("PRK", "North Korea"), ("USA", "United States"), ("UNO", "United Nations"),
    ("SUN", "Soviet Union"), ("XKX", "Kosovo"), ("ZZZ", "ZZZ"),
])
def test_country_name(gaz, iso3, name):
    assert gaz.country_name(iso3) == name


def test_phrases_are_unique_surface_forms(gaz):
    phrases = list(gaz.phrases())
    assert len(phrases) == len(set(phrases))
    assert {"U.S.", "US", "Pyongyang", "Vladimir Putin", "Putin", "NATO", "weapon experts"} <= set(phrases)


# -- data validity -------------------------------------------------------------------------
def test_countries_iso3_all_valid():
    codes = {r["iso3"] for r in load_table("countries.tsv", ("phrase", "iso3", "type"))}
    assert codes - ISO3 - HISTORIC - NON_ISO == set()


def test_countries_one_canonical_name_per_code():
    rows = load_table("countries.tsv", ("phrase", "iso3", "type"))
    names = defaultdict(int)
    for r in rows:
        names[r["iso3"]] += r["type"] == "name"
    assert {code for code, n in names.items() if n != 1} == set()
    assert ISO3 <= set(names)                       # every ISO 3166-1 country is covered


def test_countries_types_and_sectors():
    rows = load_table("countries.tsv", ("phrase", "iso3", "type"))
    assert {r["type"] for r in rows} == {"name", "variant", "demonym", "capital", "seat", "regime"}
    assert {r["sector"] for r in rows if r["type"] in ("capital", "regime")} == {"GOV"}
    assert {r["sector"] for r in rows if r["type"] in ("name", "variant", "demonym")} == {""}


def test_organizations_codes_consistent():
    rows = load_table("organizations.tsv", ("phrase", "code", "kind", "name"))
    kinds = {"igo", "state-body", "media", "ngo", "party", "group", "company"}
    for r in rows:
        assert r["code"] == r["country"] + r["sector"], r
        assert len(r["sector"]) % 3 == 0, r
        assert r["kind"] in kinds, r
        assert r["country"] in ISO3 | {"UNO", "IGO", ""}, r


def test_leaders_rows_valid():
    rows = load_table("leaders.tsv", ("name", "iso3", "role"))
    assert 150 <= len(rows) <= 500
    for r in rows:
        assert r["iso3"] in ISO3 | {"UNO", "IGO"}, r
        assert len(r["sector"]) % 3 == 0, r
        for d in (r["start"], r["end"]):
            assert d == "" or date.fromisoformat(d), r
        assert not (r["start"] and r["end"]) or r["start"] < r["end"], r


def test_leaders_terms_of_one_office_do_not_overlap():
    rows = load_table("leaders.tsv", ("name", "iso3", "role"))
    offices = defaultdict(list)
    for r in rows:
        term = (r["start"] or "0000", r["end"] or "9999", r["name"])
        offices[(r["iso3"], r["sector"], r["role"])].append(term)
    overlaps = []
    for office, terms in offices.items():
        terms.sort()
        for (_, end, who), (start, _, nxt) in zip(terms, terms[1:]):
            if start < end and who != nxt:
                overlaps.append((office, who, nxt))
    assert overlaps == []


def test_sectors_codes_are_cameo_blocks():
    known = {"AGR", "PTY", "GOV", "MIL", "LEG", "COP", "JUD", "SPY", "REB", "OPP", "MED", "BUS", "CVL", "EDU",
             "REL", "HLH", "LAB", "REF", "CRM"}
    rows = load_table("sectors.tsv", ("word", "named_role"))
    for r in rows:
        blocks = {r["sector"][i:i + 3] for i in range(0, len(r["sector"]), 3)}
        assert blocks <= known, r
        assert r["named_role"] in ("yes", "no"), r
