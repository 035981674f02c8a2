"""Exports of stored records: PLOVER JSONL, the GDELT 2.0 event table, date-partitioned Parquet."""
from .gdelt import GDELT_COLUMNS
from .plover import MANUAL_FIELDS
from .write import FORMATS, ExportReport, export_records, export_store

__all__ = ["export_store", "export_records", "ExportReport", "FORMATS", "GDELT_COLUMNS", "MANUAL_FIELDS"]
