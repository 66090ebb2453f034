"""Chinese word tokens for keyword similarity: jieba with a user dictionary of plan terms.

jieba is configured once, lazily: its cache goes to a temp dir (never the package dir, which may be read-only),
its logger is silenced, and the plan-term dictionary shipped beside this module is loaded so that compounds such
as 新能源汽车 or 高新技术产业开发区 survive as tokens (lcut_for_search also yields their parts).
"""

from __future__ import annotations

import logging
import re
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from planscope.parse.numbers import compact

TERMS_FILE = Path(__file__).with_name("plan_terms.txt")

# Words too common in plans to say anything about a passage's topic. IDF would down-weight them anyway; dropping
# them keeps overlap scores about content, not about the verbs every sentence of a plan uses.
_STOP_TEXT = (
    "推动 推进 加快 加强 建设 发展 提升 完善 健全 打造 实施 积极 全面 着力 大力 深化 强化 促进 支持 坚持 进一步 "
    "重点 重要 以及 等等 为主 主要 有关 相关 一批 一体化 体系 机制 水平 能力 工作 方面 全市 全区 我区 我市 "
    "形成 实现 构建 做强 做优 做大 提高 扩大 优化 培育 引导 鼓励 探索 创新 新型 现代 现代化 高水平"
)
STOPWORDS = frozenset(_STOP_TEXT.split())
_TOKEN_OK = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_NUMBERISH = re.compile(r"^[\d.,%零〇一二两三四五六七八九十百千万亿级]+$")  # 2500, 两千, 亿级

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _jieba():  # -> the configured jieba module
    import jieba

    with _lock:
        jieba.setLogLevel(logging.ERROR)
        logging.getLogger("jieba").setLevel(logging.ERROR)
        jieba.dt.tmp_dir = tempfile.gettempdir()
        jieba.load_userdict(str(TERMS_FILE))
    return jieba


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII) and no whitespace: PDF text puts spaces inside words."""
    return compact(text)


def tokens(text: str) -> list[str]:
    """Content tokens of `text` (simplified Chinese): words of 2+ characters, no numbers, no stopwords.

    Uses jieba's search mode, so a dictionary compound yields both itself and its parts (新能源汽车 → 新能源,
    汽车, 新能源汽车): a passage that says only 汽车 still shares something with one that says 新能源汽车.
    """
    out = []
    for t in _jieba().lcut_for_search(normalize(text), HMM=True):
        t = t.lower()
        if len(t) < 2 or t in STOPWORDS or _NUMBERISH.match(t) or not _TOKEN_OK.search(t):
            continue
        out.append(t)
    return out
