"""The nlp stage: one spaCy pipeline per process, with onrecord's components added."""
from .pipeline import load_pipeline, model_name
from .text import doc_text

__all__ = ["doc_text", "load_pipeline", "model_name"]
