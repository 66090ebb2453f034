"""Keyword similarity: jieba tokens with the plan-term dictionary, BM25 ranking, interpretable scores."""

from __future__ import annotations

import numpy as np

from planscope.search.similar import Embedder, HashEmbedder, KeywordIndex, similar
from planscope.search.tokenize import tokens

TEXTS = [
    "一、打造两千亿级汽车产业 依托花都汽车城，全力支持龙头企业做大做强，加快推动新能源汽车的整车研发。",
    "发展绿色金融，推进绿色建筑产业园项目建设。",
    "加强基础教育学位供给，新增公办学位。",
    "",
]


def test_tokens_keep_plan_terms_and_drop_numbers_and_stopwords() -> None:
    t = tokens("推动智能与新能源汽车全产业链研发，打造 2500 亿级汽车产业集群。")
    assert "新能源汽车" in t and "产业集群" in t and "汽车" in t
    assert "2500" not in t and "亿级" not in t and "推动" not in t and "打造" not in t
    assert "高新技术产业开发区" in tokens("花都省级高新技术产业开发区")
    assert tokens("") == []


def test_ranking_and_score_in_unit_interval() -> None:
    hits = similar("打造2500亿级新能源汽车产业集群", TEXTS, k=3)
    assert hits[0].index == 0
    assert 0 < hits[0].score <= 1
    assert "新能源汽车" in hits[0].shared
    assert all(h.index != 3 for h in hits)  # the empty text matches nothing


def test_identical_text_scores_one_and_unrelated_scores_nothing() -> None:
    idx = KeywordIndex(TEXTS)
    assert idx.search(TEXTS[1], k=1)[0].score == 1.0
    assert idx.search("海洋牧场与远洋渔业") == []
    assert idx.search("") == []


def test_fake_embedder_fits_the_protocol_and_blends() -> None:
    emb = HashEmbedder(dim=64)
    assert isinstance(emb, Embedder)
    v = emb.embed(["绿色金融", "绿色金融", "教育"])
    assert v.shape == (3, 64)
    assert np.allclose(v[0], v[1]) and abs(float(np.linalg.norm(v[0])) - 1) < 1e-5
    plain = KeywordIndex(TEXTS).search("绿色金融改革", k=1)[0]
    blended = KeywordIndex(TEXTS, embedder=emb, embed_weight=0.5).search("绿色金融改革", k=1)[0]
    assert plain.index == blended.index == 1
    assert blended.score != plain.score
