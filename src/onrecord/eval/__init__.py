"""Scorers of onrecord records against hand-made gold files."""
from .gold import (ArticleScore, Counts, GoldAmount, GoldEvent, GoldFile, GoldReport, GoldStatement, Tally,
                   load_gold, resolve_input, score_files, score_record)

__all__ = [
    "ArticleScore", "Counts", "GoldAmount", "GoldEvent", "GoldFile", "GoldReport", "GoldStatement", "Tally",
    "load_gold", "resolve_input", "score_files", "score_record",
]
