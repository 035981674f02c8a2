"""Loads the spaCy model once per process, by a configurable list of names."""
from __future__ import annotations

import importlib
import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelNotFound
from ..settings import NlpSettings
from . import components  # noqa: F401  (registers the onrecord_* factories)
from .tokenizer import LinearTokenizer

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def load_pipeline(settings: NlpSettings) -> Language:
    """The spaCy pipeline: the first installed model of `settings.models`, plus onrecord components."""
    tried: list[str] = []
    for name in settings.models:
        tried.append(name)
        try:
            nlp = spacy.load(name, exclude=list(settings.disable))
        except OSError:
            # a package installed under an import name spaCy's registry does not know
            try:
                module = importlib.import_module(name)
            except ImportError:
                continue
            nlp = module.load(exclude=list(settings.disable))
        log.info("loaded spaCy model %s (%s)", name, nlp.meta.get("version"))
        nlp.max_length = settings.max_length
        # spaCy's tokens, in time linear in the text (a run of 10,000 quotation marks took 14 s)
        nlp.tokenizer = LinearTokenizer(nlp.tokenizer)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("onrecord_paragraphs", before="parser")
        nlp.meta["onrecord_model"] = name
        return nlp
    raise ModelNotFound(tried)


def model_name(nlp: Language) -> str:
    """The name the pipeline was loaded by."""
    return str(nlp.meta.get("onrecord_model", nlp.meta.get("name", "?")))
