"""guess_language: English by its function words; other languages get a best guess or "und"."""
from __future__ import annotations

import pytest

from onrecord.ingest.language import guess_language


@pytest.mark.parametrize("text, lang", [
    ("North Korea denied that it is supplying Russia with weapons, a rebuttal of an earlier claim by the U.S.", "en"),
    ("Die Regierung hat am Montag angekündigt, dass sie die Steuern nicht erhöhen wird, und das ist gut.", "de"),
    ("Le gouvernement a annoncé lundi qu'il ne va pas augmenter les impôts et que la réforme est prête.", "fr"),
    ("El gobierno anunció el lunes que no va a subir los impuestos y que la reforma está lista para el país.", "es"),
    ("Правительство заявило в понедельник, что не будет повышать налоги, и это уже решено для всех.", "ru"),
    ("Palm Bay 70, Rockledge 44. Tolivert 25 points, Davis 17 points and Burgher 10 points.", "en"),
    ("北朝鮮はロシアに武器を供給していないと否定した。", "und"),
    ("", "und"),
])
def test_guess_language(text: str, lang: str) -> None:
    assert guess_language(text) == lang
