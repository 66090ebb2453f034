"""Keyword similarity between passages: BM25 over jieba tokens, with an optional embedder blended in.

BM25 ranks candidates; the score reported is an interpretable one in [0, 1]: the share of the query's IDF
weight that the candidate contains (how much of what the query talks about the passage also talks about).
BM25 scores are not comparable across queries, so thresholds (covered / weak) are set on that share instead.
An `Embedder` (e.g. a small multilingual model shipped in a wheel) can be passed in; its cosine similarity is
then blended into the score. Nothing here downloads anything; tests use `HashEmbedder`.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from planscope.search.tokenize import tokens as default_tokens


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into fixed-length vectors (one per text)."""

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class HashEmbedder:
    """A deterministic stand-in for a real model: hashed bag of tokens, L2-normalised. For tests and as a
    reference of the interface; it knows nothing a keyword index does not."""

    def __init__(self, dim: int = 256, tokenizer: Callable[[str], list[str]] = default_tokens) -> None:
        self.dim = dim
        self.tokenizer = tokenizer

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for tok in self.tokenizer(text):
                h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=4).digest(), "little")
                out[i, h % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@dataclass(frozen=True)
class Hit:
    index: int  # position of the passage in the indexed list
    score: float  # [0, 1]: IDF share of the query found in the passage (blended with cosine if an embedder)
    bm25: float
    shared: tuple[str, ...]  # the query's tokens the passage contains, most specific first


class KeywordIndex:
    """BM25 index over a list of texts. `search(query)` returns the best passages with an interpretable score."""

    def __init__(self, texts: Sequence[str], *, tokenizer: Callable[[str], list[str]] = default_tokens,
                 embedder: Embedder | None = None, embed_weight: float = 0.3) -> None:
        import bm25s

        self.texts = list(texts)
        self.tokenizer = tokenizer
        self.doc_tokens = [tokenizer(t) for t in self.texts]
        self.doc_sets = [set(d) for d in self.doc_tokens]
        n = len(self.texts)
        df = Counter(tok for s in self.doc_sets for tok in s)
        self._df, self._n = df, n
        self._bm25 = bm25s.BM25()
        # bm25s cannot index an empty corpus or empty documents; a placeholder token keeps positions aligned.
        self._bm25.index([d or ["\x00"] for d in self.doc_tokens] or [["\x00"]], show_progress=False)
        self.embedder = embedder
        self.embed_weight = embed_weight if embedder is not None else 0.0
        self._vectors = embedder.embed(self.texts) if embedder is not None and n else None

    def idf(self, token: str) -> float:
        """Smoothed IDF; a token absent from the index weighs the most (the corpus never talks about it)."""
        return math.log(1 + (self._n + 1) / (self._df.get(token, 0) + 1))

    def search(self, query: str, k: int = 5, candidates: int = 30) -> list[Hit]:
        return self.search_tokens(self.tokenizer(query), k, candidates, query_text=query)

    def search_tokens(self, q: list[str], k: int = 5, candidates: int = 30, query_text: str | None = None
                      ) -> list[Hit]:
        if not q or not self.texts:
            return []
        scores = self._bm25.get_scores(q)
        order = np.argsort(-scores)[: max(k, candidates)]
        qset = set(q)
        weights = {t: self.idf(t) for t in qset}
        total = sum(weights.values()) or 1.0
        qvec = None
        if self._vectors is not None and self.embedder is not None:
            qvec = self.embedder.embed([query_text if query_text is not None else "".join(q)])[0]
        hits = []
        for i in order:
            if scores[i] <= 0:
                break
            shared = qset & self.doc_sets[i]
            share = sum(weights[t] for t in shared) / total
            if qvec is not None:
                share = (1 - self.embed_weight) * share + self.embed_weight * max(0.0, float(self._vectors[i] @ qvec))
            ranked = tuple(sorted(shared, key=lambda t: (-weights[t], -len(t), t)))
            hits.append(Hit(int(i), round(share, 4), round(float(scores[i]), 4), ranked))
        hits.sort(key=lambda h: (-h.score, -h.bm25, h.index))
        return hits[:k]


def similar(query: str, texts: Sequence[str], k: int = 5) -> list[Hit]:
    """One-off convenience: the `k` texts most similar to `query`."""
    return KeywordIndex(texts).search(query, k)
