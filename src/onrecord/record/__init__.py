"""The record stage: an Article and its extraction → an `onrecord/1` Record, and JSON I/O."""
from .build import build_record, dumps, record_from_dict

__all__ = ["build_record", "dumps", "record_from_dict"]
