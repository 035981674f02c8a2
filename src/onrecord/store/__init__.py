"""The record store: records as DuckDB tables, syndicated copies grouped, typed queries."""
from .ingest import IngestReport, ingest
from .schema import SCHEMA_VERSION
from .store import Store
from .types import ActorSummary, AddResult, ArticleSummary, EventRow, StatementRow, StoreStats

__all__ = ["Store", "ingest", "IngestReport", "AddResult", "ArticleSummary", "StatementRow", "EventRow",
           "ActorSummary", "StoreStats", "SCHEMA_VERSION"]
