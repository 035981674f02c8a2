"""onrecord: news articles in, a sourced record of who said and did what to whom out.

    >>> import onrecord
    >>> record = onrecord.analyze("North Korea denied that it is supplying Russia with weapons.")
    >>> record.statements[0].cue.lemma
    'deny'
"""
import logging

from .errors import InputError, ModelNotFound, OffsetError, OnrecordError
from .model import Actor, Amount, Article, Event, Failure, Record, Statement, TextSpan
from .pipeline import Analyzer, analyze, analyze_many
from .settings import Settings

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"
__all__ = [
    "Actor", "Amount", "Analyzer", "Article", "Event", "Failure", "InputError", "ModelNotFound",
    "OffsetError", "OnrecordError", "Record", "Settings", "Statement", "TextSpan", "analyze",
    "analyze_many", "__version__",
]
