"""Batch analysis on Dask: partitions of input files → date-partitioned Parquet → the store."""
from .load import LoadReport, load_parquet
from .query import parquet_statements
from .runner import BatchReport, run_batch

__all__ = ["run_batch", "load_parquet", "parquet_statements", "BatchReport", "LoadReport"]
