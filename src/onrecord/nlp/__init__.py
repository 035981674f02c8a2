"""The nlp stage: one spaCy pipeline per process, with onrecord's components added."""
from .pipeline import load_pipeline, model_name

__all__ = ["load_pipeline", "model_name"]
