"""Amounts: numbers with the thing they count ("300,000 reservists", "tens of millions of shells")."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..model import Amount, TextSpan
from ..nlp.text import doc_text

SCALE = {"hundred": 1e2, "hundreds": 1e2, "thousand": 1e3, "thousands": 1e3, "million": 1e6,
         "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12, "trillions": 1e12,
         "dozen": 12, "dozens": 12, "mn": 1e6, "bn": 1e9, "m": 1e6, "k": 1e3}
_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORDS = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)} | {"a": 1, "an": 1}
APPROX = {"about", "around", "roughly", "nearly", "almost", "approximately", "some", "over",
          "estimated", "several", "than", "least", "to"}
APPROX_PAIRS = {("more", "than"), ("less", "than"), ("fewer", "than"), ("at", "least"), ("up", "to")}
MULTIPLIERS = {"tens": 10, "hundreds": 100, "dozens": 12}
_NUM = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}


def extract_amounts(doc: Doc) -> list[Amount]:
    """Every counted quantity that is not a date, time or ordinal."""
    out: list[Amount] = []
    used: set[int] = set()
    text = doc_text(doc)          # Doc.text joins every token: build it once
    for token in doc:
        if token.i in used or token.ent_type_ in SKIP_ENTS:
            continue
        if not (token.like_num or token.lower_ in SCALE and token.tag_ in ("NNS", "CD")
                or token.lower_ in MULTIPLIERS and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of"
                and doc[token.i + 2].lower_ in SCALE):
            continue
        if token.lower_ in ("one", "a", "an") or (token.like_num and _is_year(token)):
            continue
        phrase = _number_phrase(token)
        if not phrase:
            continue
        start, end, value, approx = phrase
        obj = _counted(doc, start, end)
        if value is None or (obj is None and value < 10):
            continue
        used.update(range(start, end))
        span_end = obj.i + 1 if obj is not None else end
        left = doc[start]
        prev = doc[left.i - 1] if left.i > 0 else None
        if prev is not None and prev.lower_ in APPROX:
            if prev.lower_ in ("than", "least", "to"):
                if prev.i > 0 and (doc[prev.i - 1].lower_, prev.lower_) in APPROX_PAIRS:
                    left, approx = doc[prev.i - 1], True
            else:
                left, approx = prev, True
        char_start = left.idx
        char_end = doc[span_end - 1].idx + len(doc[span_end - 1].text)
        value = round(value, 6)
        out.append(Amount(value=value, approximate=approx, object=_object_text(obj),
                          span=TextSpan.of(text, char_start, char_end)))
    return out


def _number_phrase(token: Token) -> tuple[int, int, float | None, bool] | None:
    """(start, end, value, approximate) of the numeral group starting at token."""
    doc = token.doc
    i = token.i
    if i > 0 and (doc[i - 1].like_num or doc[i - 1].lower_ in MULTIPLIERS
                  or doc[i - 1].lower_ == "of" and i > 1 and doc[i - 2].lower_ in MULTIPLIERS):
        return None  # handled from its first token
    value: float | None = None
    approx = False
    j = i
    while j < len(doc) and (doc[j].like_num or doc[j].lower_ in SCALE or doc[j].lower_ in MULTIPLIERS
                            or doc[j].lower_ == "of" and j + 1 < len(doc) and doc[j + 1].lower_ in SCALE):
        t = doc[j]
        low = t.lower_.replace(",", "")
        if _NUM.match(t.text):
            n = float(low)
            value = n if value is None else value * n
        elif low in SCALE:
            scale = SCALE[low]
            if low.endswith("s") and value is None:
                approx = True
                value = scale
            elif value is None:
                value = scale
            elif low.endswith("s"):
                value = value * scale
                approx = True
            else:
                value = value * scale
        elif low in MULTIPLIERS:
            value = MULTIPLIERS[low] if value is None else value * MULTIPLIERS[low]
            approx = True
        elif low in WORDS:
            n = WORDS[low]
            value = n if value is None else value * n
        elif low != "of":
            break
        j += 1
    if j == i:
        return None
    if doc[j - 1].lower_ == "of":
        j -= 1
    return i, j, value, approx


def _counted(doc: Doc, start: int, end: int) -> Token | None:
    """The noun counted by the numeral group doc[start:end]."""
    j = end
    if j < len(doc) and doc[j].lower_ == "of" and j + 1 < len(doc):
        j += 1
    while j < len(doc) and doc[j].pos_ in ("ADJ", "NOUN", "PROPN") and j < end + 6:
        if doc[j].pos_ == "NOUN" and (j + 1 >= len(doc) or doc[j + 1].pos_ != "NOUN"):
            return doc[j]
        j += 1
    head = doc[end - 1].head
    if head.pos_ == "NOUN" and head.i >= end:
        return head
    return None


def _is_year(token: Token) -> bool:
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", token.text))


def _object_text(noun: Token | None) -> str | None:
    """The counted thing as written, with its "of" complement ("rounds of ammunition")."""
    if noun is None:
        return None
    end = noun.i + 1
    doc = noun.doc
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].pos_ in ("NOUN", "ADJ"):
        end += 1
        while end < len(doc) and doc[end].pos_ in ("NOUN", "ADJ") and end < noun.i + 5:
            end += 1
    return doc[noun.i:end].text
