"""Reliability tests: the --runslow option (or ONRECORD_RUNSLOW=1) runs the tests marked slow."""
from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    # only seen when pytest starts in or at tests/reliability; ONRECORD_RUNSLOW=1 works from anywhere
    parser.addoption("--runslow", action="store_true", default=False, help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow", default=False) or os.environ.get("ONRECORD_RUNSLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: pass --runslow or set ONRECORD_RUNSLOW=1")
    for item in items:
        if "slow" in item.keywords and item.path.is_relative_to(os.path.dirname(__file__)):
            item.add_marker(skip)
