"""DuckDB over the Parquet output of a batch: tables as relations, records and claim threads without a store.

Only the files of complete partitions are read (see load.table_files). The `date=` directories
are not read as a Hive column (`hive_partitioning=false`): statements already have a `date`
column, and every table carries its own dates (`published_date`, `day`).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Record
from ..settings import Settings
from .load import table_files

if TYPE_CHECKING:
    import duckdb

    from ..threads import Thread


def parquet_files(directory: Path, table: str) -> list[str]:
    """The Parquet files of one table (articles, actors, statements, events, amounts, failures)."""
    return [str(f) for group in table_files(Path(directory), table) for f in group]


def parquet_table(directory: Path, table: str,
                  conn: "duckdb.DuckDBPyConnection | None" = None) -> "duckdb.DuckDBPyRelation":
    """A DuckDB relation over one table of a Parquet output directory."""
    import duckdb

    con = conn if conn is not None else duckdb.connect()
    files = parquet_files(directory, table)
    if not files:
        # an empty relation with the table's columns, so queries still bind
        import pyarrow as pa

        from ..export.tables import schema

        empty = pa.Table.from_pylist([], schema=schema(table))
        return con.from_arrow(empty)
    return con.read_parquet(files, hive_partitioning=False)


def parquet_statements(directory: Path,
                       conn: "duckdb.DuckDBPyConnection | None" = None) -> "duckdb.DuckDBPyRelation":
    """The statements table of a Parquet output directory as a DuckDB relation."""
    return parquet_table(directory, "statements", conn)


def parquet_records(directory: Path, conn: "duckdb.DuckDBPyConnection | None" = None) -> Iterator[Record]:
    """Records in published order, one per distinct text (first by input order), as `iter_records` gives."""
    articles = parquet_table(directory, "articles", conn)
    rows = articles.query("a", "SELECT record FROM a QUALIFY row_number() OVER "
                          "(PARTITION BY content_hash ORDER BY input_index) = 1 "
                          "ORDER BY published_date NULLS LAST, id").fetchall()
    for (raw,) in rows:
        yield Record.model_validate_json(raw)


def threads_from_parquet(directory: Path, settings: Settings) -> list["Thread"]:
    """Claim threads of the records in a Parquet output directory (exact copies count once)."""
    from ..threads.build import group_threads

    return group_threads(list(parquet_records(directory)), settings.store.thread_min_overlap)
