"""The extract stage: statements, events, amounts and dates from a parsed article."""
from .run import Extraction, extract

__all__ = ["Extraction", "extract"]
