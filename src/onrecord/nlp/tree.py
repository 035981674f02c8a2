"""The dependency tree of a parsed Doc as plain lists of token indices, built once per document.

spaCy finds a token's children by scanning every token between the token's edges, so
`token.children` costs the width of its subtree, `token.subtree` the sum of those widths over
the subtree, and `token.sent` a walk to both ends of the sentence. One such walk per token is
quadratic or worse on one long sentence ("word " x 2,000 took 10 s in the actor stage, x 400,000
ran 7 minutes). `tree(doc)` lays the tree out once, in the order `token.subtree` yields it (left
children's subtrees, the token, right children's subtrees, each in text order), so that every
subtree is one slice of that order, membership is two comparisons and a walk costs what it
visits. A walk per token is still quadratic on a huge subtree (or on a token with thousands of
children), so what is asked per token sees only the tokens within a reach of it: REACH for
children and conjuncts, a reach given by the caller for subtrees. News sentences are shorter
than the reaches (under 130 tokens in PolNeAR, the fixtures and the seed), so on real text the
answers are spaCy's.

The Tree holds token indices only, never a Token or the Doc (a weak reference tells whose tree
it is), so keeping it in `doc.user_data` makes no reference cycle.
"""
from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right

import numpy
from spacy.attrs import HEAD
from spacy.tokens import Doc, Span, Token

_KEY = "onrecord_tree"
REACH = 200     # tokens: children and conjuncts further than this from a token are not seen


class Tree:
    """Heads, children, subtree slices and edges of every token of one Doc (see the module)."""

    __slots__ = ("_doc", "n", "heads", "_kid", "_kids_at", "order", "rank", "lo", "hi", "first", "last", "memo",
                 "_sents")

    def __init__(self, doc: Doc) -> None:
        n = self.n = len(doc)
        self._doc = weakref.ref(doc)
        # HEAD is stored as an offset from the token, in an unsigned array
        heads = self.heads = (numpy.arange(n, dtype=numpy.int64)
                              + doc.to_array([HEAD]).reshape(n).view(numpy.int64)).tolist() if n else []
        # children of i: _kid[_kids_at[i]:_kids_at[i + 1]], in text order
        self._kid = sorted((j for j in range(n) if heads[j] != j), key=heads.__getitem__)
        at = [0] * (n + 1)
        for j in self._kid:
            at[heads[j] + 1] += 1
        for i in range(n):
            at[i + 1] += at[i]
        self._kids_at = at
        self.order: list[int] = []              # token indices in token.subtree order
        self.rank = [-1] * n                    # position of each token in `order`
        self.lo = [0] * n                       # the subtree of i is order[lo[i]:hi[i]]
        self.hi = [0] * n
        self.first = list(range(n))             # smallest token index in the subtree
        self.last = list(range(n))              # largest
        self._lay_out()
        self.memo: dict = {}                    # per-document results of the stages that use the tree
        self._sents: tuple[list[tuple[int, int]], list[int]] | None = None

    def _lay_out(self) -> None:
        heads, kid, at, order, rank = self.heads, self._kid, self._kids_at, self.order, self.rank
        lo, hi, first, last = self.lo, self.hi, self.first, self.last
        nxt = at[:-1]                           # the next child of each token to visit
        for root in range(self.n):
            if heads[root] != root:
                continue
            lo[root] = len(order)
            stack = [root]
            while stack:
                v = stack[-1]
                p = nxt[v]
                if p < at[v + 1]:
                    c = kid[p]
                    nxt[v] = p + 1
                    if c > v and rank[v] < 0:   # the left children are done: the token itself
                        rank[v] = len(order)
                        order.append(v)
                    lo[c] = len(order)
                    stack.append(c)
                    continue
                if rank[v] < 0:
                    rank[v] = len(order)
                    order.append(v)
                hi[v] = len(order)
                stack.pop()
                if stack:
                    u = stack[-1]
                    if first[v] < first[u]:
                        first[u] = first[v]
                    if last[v] > last[u]:
                        last[u] = last[v]

    # -- questions about one token -----------------------------------------------------
    def kids(self, i: int) -> list[int]:
        """The indices of token i's children, in text order (all of them)."""
        return self._kid[self._kids_at[i]:self._kids_at[i + 1]]

    def contains(self, token: Token | int, other: Token | int) -> bool:
        """True when other is token or one of its descendants."""
        i = token if isinstance(token, int) else token.i
        j = other if isinstance(other, int) else other.i
        return self.lo[i] <= self.rank[j] < self.hi[i]

    def near_kids(self, i: int) -> list[int]:
        """The indices of token i's children within REACH of it, in text order."""
        a, b = self._kids_at[i], self._kids_at[i + 1]
        kid = self._kid
        if a < b and (kid[a] < i - REACH or kid[b - 1] > i + REACH):
            a, b = bisect_left(kid, i - REACH, a, b), bisect_right(kid, i + REACH, a, b)
        return kid[a:b]

    def children(self, token: Token) -> list[Token]:
        """token.children within REACH of it, in text order."""
        doc = token.doc
        return [doc[c] for c in self.near_kids(token.i)]

    def conjuncts(self, token: Token) -> list[Token]:
        """token.conjuncts within REACH of it (same tokens, same order)."""
        doc, heads, i = token.doc, self.heads, token.i
        start = i
        while heads[start] != start and abs(heads[start] - i) <= REACH and doc[start].dep_ == "conj":
            start = heads[start]
        found = [start]
        for w in found:                     # grows while it is read: every conj below start
            found.extend(c for c in self.near_kids(w) if w < c <= i + REACH and doc[c].dep_ == "conj")
        return [doc[j] for j in found if j != i]

    def walk(self, i: int, reach: int | None = None) -> list[int]:
        """The indices of token i's subtree in token.subtree order; with reach, only those at
        most reach positions from i."""
        lo, hi = self.lo[i], self.hi[i]
        if reach is None or (i - self.first[i] <= reach and self.last[i] - i <= reach):
            return self.order[lo:hi]
        rank = self.rank
        inside = [j for j in range(max(self.first[i], i - reach), min(self.last[i], i + reach) + 1)
                  if lo <= rank[j] < hi]
        inside.sort(key=rank.__getitem__)
        return inside

    def subtree(self, token: Token, reach: int | None = None) -> list[Token]:
        """token.subtree (same tokens, same order); with reach, see `walk`."""
        doc = token.doc
        return [doc[j] for j in self.walk(token.i, reach)]

    def marks(self, marked: set[int]) -> list[int]:
        """Running counts of the marked token indices along the subtree order (for `count`)."""
        counts = [0]
        for j in self.order:
            counts.append(counts[-1] + (j in marked))
        return counts

    def count(self, marks: list[int], token: Token) -> int:
        """How many marked tokens are in token's subtree (token included), in constant time."""
        return marks[self.hi[token.i]] - marks[self.lo[token.i]]

    def sentence(self, token: Token) -> Span:
        """token.sent, without spaCy's walk to both ends of the sentence on every call."""
        if self._sents is None:
            bounds = [(s.start, s.end) for s in token.doc.sents]
            self._sents = (bounds, [k for k, (s, e) in enumerate(bounds) for _ in range(e - s)])
        bounds, sent_of = self._sents
        s, e = bounds[sent_of[token.i]]
        return token.doc[s:e]

    def left_edge(self, token: Token) -> int:
        """The smallest token index in token's subtree."""
        return self.first[token.i]

    def right_edge(self, token: Token) -> int:
        """The largest token index in token's subtree."""
        return self.last[token.i]

    def bounds(self, token: Token, without: list[Token] | tuple[Token, ...] = (),
               but: Token | None = None) -> tuple[int, int]:
        """The smallest and largest index in token's subtree, leaving out the subtrees of
        `without` and the single token `but`; ValueError when nothing is left (as min([]))."""
        i = token.i
        cut = [w.i for w in without]
        skip = -1 if but is None else but.i

        def kept(j: int) -> bool:
            return j != skip and self.lo[i] <= self.rank[j] < self.hi[i] and not any(
                self.lo[c] <= self.rank[j] < self.hi[c] for c in cut)

        a, b = self.first[i], self.last[i]
        while a <= b and not kept(a):
            a = self._skip(a, cut, 1)
        while b >= a and not kept(b):
            b = self._skip(b, cut, -1)
        if a > b:
            raise ValueError("no token left in the subtree")
        return a, b

    def _skip(self, j: int, cut: list[int], step: int) -> int:
        """The next position to try after j: past a whole cut subtree when it is contiguous."""
        for c in cut:
            if self.lo[c] <= self.rank[j] < self.hi[c] and self.last[c] - self.first[c] + 1 == self.hi[c] - self.lo[c]:
                return self.last[c] + 1 if step > 0 else self.first[c] - 1
        return j + step


def tree(doc: Doc) -> Tree:
    """The Tree of doc, built on first use and kept in the document's own user_data."""
    found = doc.user_data.get(_KEY)
    if found is None or found._doc() is not doc or found.n != len(doc):
        found = doc.user_data[_KEY] = Tree(doc)
    return found


def children(token: Token) -> list[Token]:
    """token.children (same tokens, same order, within REACH) without spaCy's scan of the
    token's whole subtree."""
    return tree(token.doc).children(token)


def sentence(token: Token) -> Span:
    """token.sent (see Tree.sentence)."""
    return tree(token.doc).sentence(token)
