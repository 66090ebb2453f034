"""A generated corpus of N plan documents made from the real corpus, for throughput and scale figures.

Each generated document is a real corpus file with the region renamed, its numbers perturbed and its chapters
shuffled, so parsers see realistic text that is not byte-identical (content hashes differ, caches cannot help).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

REGIONS = ["越秀区", "海珠区", "荔湾区", "天河区", "白云区", "黄埔区", "南沙区", "增城区", "花都区", "番禺区", "从化区",
           "龙岗区", "南山区", "顺德区", "南海区", "武侯区", "江宁区", "余杭区", "萧山区", "滨海新区"]
_NUMBER = re.compile(r"(?<![\d.])(\d{2,5})(?:\.(\d{1,2}))?(?![\d.年])")
_CHAPTER = re.compile(r"^\s*第[一二三四五六七八九十]+章", re.M)


def _perturb(text: str, rng: random.Random) -> str:
    def bump(m: re.Match[str]) -> str:
        whole = int(m.group(1))
        if 1900 <= whole <= 2100:  # keep years
            return m.group(0)
        new = max(1, round(whole * rng.uniform(0.8, 1.2)))
        return f"{new}.{m.group(2)}" if m.group(2) else str(new)

    return _NUMBER.sub(bump, text)


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
        doc = _shuffle_chapters(_perturb(text, rng), rng)
        p = out / f"gen_{i:05d}_{src.name}"
        p.write_text(doc, encoding="utf-8")
        paths.append(p)
    return paths
