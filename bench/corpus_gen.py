"""A generated corpus of N plan documents made from the real corpus, for throughput and scale figures.

Each generated document is a real corpus file with the region renamed, its numbers perturbed, common verbs swapped
for synonyms line by line and its chapters shuffled, so parsers see realistic text that is not byte-identical
(content hashes differ) and whose lines mostly differ from every earlier document's: caches keyed by a line or a
cell help about as much as they would across real documents of other regions (`python bench/corpus_gen.py` prints
the share of lines already seen). Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
import sys
from functools import cache
from pathlib import Path

import opencc

REGIONS = ["越秀区", "海珠区", "荔湾区", "天河区", "白云区", "黄埔区", "南沙区", "增城区", "花都区", "番禺区", "从化区",
           "龙岗区", "南山区", "顺德区", "南海区", "武侯区", "江宁区", "余杭区", "萧山区", "滨海新区"]
# 2-5 digit numbers, and one-digit ones with decimals (6.5%); years are kept
_NUMBER = re.compile(r"(?<![\d.])(\d{2,5}|\d(?=\.\d))(?:\.(\d{1,2}))?(?![\d.年])")
# Verbs of plan prose that are interchangeable and that no table, outline or figure rule keys on (no 提高/增长/
# 完成/实现: value and target grammars use those)
_SYNONYMS = [("建设", "打造", "构建"), ("加快", "加速", "加紧"), ("完善", "健全"), ("推进", "推动"), ("加强", "强化"),
             ("支持", "鼓励", "扶持"), ("培育", "培养"), ("依托", "依靠", "借助"), ("融合", "结合"),
             ("集聚", "聚集", "汇聚"), ("深化", "优化"), ("落实", "贯彻"), ("探索", "尝试"), ("发挥", "释放")]
CITIES = ["广州", "深圳", "佛山", "东莞", "成都", "南京", "杭州", "天津", "武汉", "长沙", "合肥", "厦门"]
_CHAPTER = re.compile(r"^\s*第[一二三四五六七八九十]+章", re.M)


def _perturb(text: str, rng: random.Random) -> str:
    def bump(m: re.Match[str]) -> str:
        whole = int(m.group(1))
        if 1900 <= whole <= 2100:  # keep years
            return m.group(0)
        new = max(1, round(whole * rng.uniform(0.8, 1.2)))
        return f"{new}.{m.group(2)}" if m.group(2) else str(new)

    return _NUMBER.sub(bump, text)


@cache
def _synonyms() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One pattern for every synonym, simplified and traditional, and each word's group in its own script."""
    s2t = opencc.OpenCC("s2t")
    groups: dict[str, tuple[str, ...]] = {}
    for group in _SYNONYMS:
        for script in (group, tuple(s2t.convert(w) for w in group)):
            groups.update({w: script for w in script})
    return re.compile("|".join(sorted(map(re.escape, groups), key=len, reverse=True))), groups


def _rename(text: str, city: str, stem: str) -> str:
    """The city and the district's short name (枢纽花都, 广州北站) renamed like the region."""
    for old in ("广州", "廣州"):
        text = text.replace(old, city)
    for old in ("花都", "番禺", "从化", "從化"):
        text = text.replace(old, stem)
    return text


def _vary_words(text: str, rng: random.Random) -> str:
    pattern, groups = _synonyms()
    return pattern.sub(lambda m: rng.choice(groups[m.group(0)]), text)


def _shuffle_chapters(text: str, rng: random.Random) -> str:
    starts = [m.start() for m in _CHAPTER.finditer(text)]
    if len(starts) < 4:
        return text
    head, body_starts = text[: starts[1]], starts[1:]
    chunks = [text[a:b] for a, b in zip(body_starts, [*body_starts[1:], len(text)], strict=True)]
    middle = chunks[:-1]
    rng.shuffle(middle)
    return head + "".join(middle) + chunks[-1]


def generate(corpus: Path, out: Path, n: int, seed: int = 14) -> list[Path]:
    """Write n documents into `out` and return their paths."""
    rng = random.Random(seed)
    sources = [(p, p.read_text(encoding="utf-8-sig")) for p in sorted(corpus.glob("0*.txt"))]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        src, text = sources[i % len(sources)]
        region = rng.choice(REGIONS)
        for old in ("花都区", "番禺区", "从化区", "番禺區", "從化區"):
            text = text.replace(old, region)
        text = _rename(text, rng.choice(CITIES), region.removesuffix("新区").removesuffix("区"))
        doc = _shuffle_chapters(_vary_words(_perturb(text, rng), rng), rng)
        p = out / f"gen_{i:05d}_{src.name}"
        p.write_text(doc, encoding="utf-8")
        paths.append(p)
    return paths


def repeated_share(corpus: Path, paths: list[Path]) -> float:
    """Share of the generated documents' non-empty lines already seen, in the corpus or an earlier document."""
    seen = {s.strip() for p in corpus.glob("0*.txt") for s in p.read_text(encoding="utf-8-sig").splitlines()}
    total = repeated = 0
    for p in paths:
        for s in p.read_text(encoding="utf-8").splitlines():
            if s := s.strip():
                total += 1
                repeated += s in seen
                seen.add(s)
    return repeated / max(total, 1)


if __name__ == "__main__":  # python bench/corpus_gen.py [N]: how repetitive the generated corpus is
    import tempfile

    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    with tempfile.TemporaryDirectory() as tmp:
        docs = generate(corpus, Path(tmp), int(sys.argv[1]) if len(sys.argv) > 1 else 100)
        print(f"{len(docs)} documents, {repeated_share(corpus, docs):.1%} of their lines seen before")
