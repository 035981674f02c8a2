"""Reads the packaged data files (`onrecord/data/*.tsv`).

A data file is UTF-8 TSV: lines starting with `#` are comments (source, licence, meaning of
columns), the first other line names the columns, each further line is one entry. Empty
cells are "". Reading is cached per process; nothing is read at import time.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import LexiconError


def parse_tsv(lines: list[str], path: str, required: tuple[str, ...] = ()) -> tuple[dict[str, str], ...]:
    """Rows of a TSV text as dicts keyed by the header; LexiconError names file:line on errors."""
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\n").rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise LexiconError(path, n, f"missing columns {missing}")
            continue
        if len(cells) > len(header):
            raise LexiconError(path, n, f"{len(cells)} cells for {len(header)} columns")
        cells += [""] * (len(header) - len(cells))
        row = {k: v.strip() for k, v in zip(header, cells)}
        for c in required:
            if not row[c]:
                raise LexiconError(path, n, f"empty required column {c!r}")
        rows.append(row)
    if header is None:
        raise LexiconError(path, 0, "no header line")
    return tuple(rows)


@lru_cache(maxsize=None)
def load_table(name: str, required: tuple[str, ...] = ()) -> tuple[dict[str, str], ...]:
    """Rows of the packaged data file `name` (e.g. "cues.tsv")."""
    res = resources.files("onrecord") / "data" / name
    try:
        text = res.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise LexiconError(f"onrecord/data/{name}", 0, "file not found") from e
    return parse_tsv(text.splitlines(), f"onrecord/data/{name}", required)


def load_user_table(path: Path, required: tuple[str, ...] = ()) -> tuple[dict[str, str], ...]:
    """Rows of a user-supplied TSV file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise LexiconError(str(path), 0, str(e)) from e
    return parse_tsv(text.splitlines(), str(path), required)
