"""The nlp stage: one spaCy pipeline per process, with onrecord's components added."""
from .pipeline import load_pipeline, model_name
from .text import doc_text, entity_span

__all__ = ["doc_text", "entity_span", "load_pipeline", "model_name"]
