"""Indicator name → canonical id, with a score and a reason. Never a guess: below the threshold it is unmatched.

How a name is matched (docs/catalog.md has the long version):
1. normalise (`normalize_name`): superscript footnote marks out, NFKC (full-width → ASCII, Ⅲ → III, ₂ → 2),
   OpenCC t2s, PM_{2.5} markup → PM2.5, no whitespace/'*'/quotes, trailing unit parentheses like (亿元) or (%)
   dropped, a leading scope word (全区, 全市, 全社会 …) dropped, then term equivalences that never change the
   concept (GDP = 国内生产总值 = 地区生产总值, 能源消耗 = 能耗, 每万人口 = 每万人, 比例 = 比率 = 比重, 优于 = 好于,
   累计 dropped, 降低/降幅/减少/削减 = 下降, 年均增速/增长率/增幅 = 增长, a trailing 数/数量/总量/人数 dropped).
   The same normalisation is applied to every catalogue name, so both sides meet in one form. Two keys are
   kept: the full key (bracket characters removed, their content kept) and the bare key (parenthetical
   content removed too: 研发经费支出(R&D)… → 研发经费支出…).
2. exact: the full key equals a catalogue key (score 1.0); or the bare key does (0.95) unless the dropped
   text names a `not_same_as` partner. Catalogue keys include derived ones: the names of X + 增长 for the
   indicator with `growth_of: X`, + 下降 for `reduction_of: X`.
3. structure: a sub-row is read with its parent (二氧化硫 under 主要污染物排放累计减少 → 二氧化硫排放下降; a parent
   ending in 增长 turns a level into its growth rate); an a/b row is split into its two halves
   (机场旅客/货邮吞吐量 → 机场旅客吞吐量 + 机场货邮吞吐量); a stem + 增长 / 下降 with no declared variant maps to the
   stem with `measure` growth_rate / reduction; a leading verb (建成, 实现 …) may be dropped.
4. fuzzy: character-bigram Jaccard similarity between full keys, accepted at ≥ THRESHOLD (0.8) only if the
   candidate's `key_terms` (any one) occur in the name, the name holds no key term of one of the candidate's
   `not_same_as` partners, and the runner-up (another id) is more than AMBIGUITY_MARGIN behind.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planscope.catalog.units import is_known_unit, parse_unit, split_pair
from planscope.ingest.script import to_simplified

if TYPE_CHECKING:
    from planscope.catalog.catalogue import Catalogue, Indicator

THRESHOLD = 0.8
AMBIGUITY_MARGIN = 0.05

_SUPERSCRIPTS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u207f]+")  # not subscripts: PM₂.₅
_MARKUP = re.compile(r"_\{([^}]*)\}|\^\{([^}]*)\}")
_DROP_CHARS = re.compile(r"[\s*＊“”‘’\"'「」『』《》〈〉·•:：,，;；。]")
_TRAILING_PAREN = re.compile(r"\(([^()]*)\)$")
_PAREN = re.compile(r"\(([^()]*)\)")
_SCOPE_PREFIX = re.compile(r"^(其中|全社会|全区|全市|全省|全县|全镇|全国|全域)")
_LEAD_SEQ = re.compile(r"^(\d{1,2}[.、)]|[(]\d{1,2}[)])(?=\D)")
_LEAD_VERB = re.compile(r"^(建成|实现|完成|达到|累计建成|累计完成)")

# term equivalences: (pattern, replacement), applied in order to both sides
_TERMS: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in [
    (r"研究与试验发展|研究和试验发展|R&D", "研发"),
    (r"国内生产总值|GDP", "地区生产总值"),
    (r"万元地区生产总值", "单位地区生产总值"),
    (r"能源消耗", "能耗"),
    (r"每(万|千)(常住|户籍)?人口", r"每\1人"),
    (r"拥有", ""),
    (r"优于", "好于"),
    (r"饮用水水源", "饮用水源"),
    (r"比例|比率|占比", "比重"),
    (r"规模以上", "规上"),
    (r"常住居民", "居民"),
    (r"老年人", "老人"),
    (r"累计", ""),
    (r"(下降|降低|降幅|减少|削减量|削减|减排量|减排)$", "下降"),
    (r"(年均)?(增速|增长率|增长速度|增幅|增长)$", "增长"),
    (r"(总人数|人数|总数|数量|总量|数)$", ""),
]]
# generic head nouns of a parent row that a sub-row name replaces (主要污染物排放下降 + 二氧化硫)
_GENERIC_HEADS = ("主要污染物", "污染物", "城乡居民", "居民")


def _basic(text: str) -> str:
    s = _SUPERSCRIPTS.sub("", text or "")
    s = to_simplified(unicodedata.normalize("NFKC", s))
    s = _MARKUP.sub(lambda m: m.group(1) or m.group(2) or "", s)
    s = _DROP_CHARS.sub("", s).replace("（", "(").replace("）", ")").replace("[", "(").replace("]", ")")
    return "".join(c.upper() if c.isascii() else c for c in s)


def _is_unit_text(text: str) -> bool:
    t = text.strip()
    if not t:
        return False
    return is_known_unit(t) or all(is_known_unit(p) for p in split_pair(t))


def _strip_units(s: str) -> str:
    while (m := _TRAILING_PAREN.search(s)) and _is_unit_text(m.group(1)) and m.start() > 0:
        s = s[:m.start()]
    return s


def _terms(s: str) -> str:
    for pat, rep in _TERMS:
        s = pat.sub(rep, s)
    return s


def _prefix(s: str) -> str:
    s = _LEAD_SEQ.sub("", s)
    return _SCOPE_PREFIX.sub("", s)


def normalize_name(name: str) -> tuple[str, str]:
    """(full key, bare key) of an indicator name; see the module docstring."""
    s = _prefix(_strip_units(_basic(name)))
    full = _terms(re.sub(r"[()/]", "", s))
    bare = _terms(re.sub(r"[()/]", "", _PAREN.sub("", s)))
    return full, bare


def normalize_term(term: str) -> str:
    """A key term in the form it takes inside a full key (no suffix rules: they only apply at a name's end)."""
    s = _basic(term).replace("(", "").replace(")", "")
    for pat, rep in _TERMS:
        if not pat.pattern.endswith("$"):
            s = pat.sub(rep, s)
    return s


def bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} if len(s) > 1 else {s}


def similarity(a: str, b: str) -> float:
    """Character-bigram Jaccard similarity of two keys (1.0 = same bigram set)."""
    x, y = bigrams(a), bigrams(b)
    return len(x & y) / len(x | y) if x | y else 0.0


@dataclass(frozen=True)
class MatchResult:
    """The answer for one name: `id` (None when unmatched), `score` in [0, 1], and why."""

    name: str
    id: str | None
    score: float
    reason: str
    key: str = ""
    measure: str | None = None  # growth_rate / reduction when the name is a rate of change of `id`
    parts: tuple[str, ...] = ()  # the two ids of an a/b row
    candidates: tuple[tuple[str, float], ...] = field(default=(), compare=False)

    @property
    def matched(self) -> bool:
        return self.id is not None or bool(self.parts)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every canonical id this name covers: (id,) or the parts of a pair."""
        if self.id and not self.parts:
            return (self.id,)
        return self.parts or ((self.id,) if self.id else ())

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "id": self.id, "score": round(self.score, 3), "reason": self.reason,
                "key": self.key, "measure": self.measure, "parts": list(self.parts),
                "candidates": [[i, round(s, 3)] for i, s in self.candidates]}


class Matcher:
    """Name matching against one catalogue. Build once (it indexes every name), call `match` many times."""

    def __init__(self, catalogue: Catalogue):
        from planscope.catalog.catalogue import CatalogueError

        self.catalogue = catalogue
        self.full: dict[str, str] = {}  # full key -> id
        self.bare: dict[str, set[str]] = {}  # bare key -> ids (ambiguous bare keys are not used)
        self.terms: dict[str, tuple[str, ...]] = {
            i.id: tuple(normalize_term(t) for t in i.key_terms) for i in catalogue}
        clashes = []
        for ind, name in self._all_names():
            full, bare = normalize_name(name)
            if not full:
                continue
            other = self.full.setdefault(full, ind.id)
            if other != ind.id:
                clashes.append(f"{name!r} of {ind.id} normalises to {full!r}, a name of {other}")
            self.bare.setdefault(bare, set()).add(ind.id)
        if clashes:
            raise CatalogueError("name collision: " + "; ".join(clashes))

    def _all_names(self) -> Iterable[tuple[Indicator, str]]:
        for ind in self.catalogue:
            for n in ind.names:
                yield ind, n
            base_id = ind.growth_of or ind.reduction_of
            if base_id:
                suffix = "增长" if ind.growth_of else "下降"
                for n in self.catalogue[base_id].names:
                    yield ind, normalize_name(n)[0] + suffix

    # ------------------------------------------------------------------ exact steps
    def _exact(self, full: str, bare: str, dropped: str = "") -> tuple[str, float, str] | None:
        if full in self.full:
            return self.full[full], 1.0, "exact name"
        ids = self.bare.get(bare, set())
        if len(ids) == 1:
            (cid,) = ids
            if not self._names_partner(cid, dropped):
                return cid, 0.95, "exact name without its parenthetical"
        return None

    def _names_partner(self, cid: str, text: str) -> bool:
        """True when `text` holds a key term of one of `cid`'s not_same_as partners (and not of `cid` itself)."""
        if not text:
            return False
        own = self.terms.get(cid, ())
        for partner in self.catalogue[cid].not_same_as:
            for t in self.terms.get(partner, ()):
                if t and t in text and not any(t in o or o in t for o in own if o):
                    return True
        return False

    def _exact_name(self, name: str) -> tuple[str, float, str, str | None] | None:
        """Exact lookups of one name, with the growth / reduction stem fallback and the leading-verb fallback."""
        full, bare = normalize_name(name)
        dropped = "".join(_PAREN.findall(_basic(name)))
        hit = self._exact(full, bare, dropped)
        if hit:
            return (*hit, None)
        for suffix, measure in (("增长", "growth_rate"), ("下降", "reduction")):
            if full.endswith(suffix) and len(full) > len(suffix) + 1:
                stem = self._exact(full[:-len(suffix)], bare[:-len(suffix)] if bare.endswith(suffix) else bare)
                if stem:
                    return stem[0], stem[1] * 0.95, f"{measure} of {stem[0]} ({stem[2]} of the stem)", measure
        m = _LEAD_VERB.match(full)
        if m:
            hit = self._exact(full[m.end():], _LEAD_VERB.sub("", bare), dropped)
            if hit:
                return hit[0], hit[1] * 0.95, f"{hit[2]} after dropping the verb {m.group(1)}", None
        return None

    # ------------------------------------------------------------------ fuzzy step
    def _fuzzy(self, keys: list[str]) -> tuple[str | None, float, str, tuple[tuple[str, float], ...]]:
        best: dict[str, float] = {}
        for key in keys:
            for cand, cid in self.full.items():
                s = similarity(key, cand)
                if s > best.get(cid, 0.0):
                    best[cid] = s
        ranked = sorted(best.items(), key=lambda x: -x[1])[:5]
        text = " ".join(keys)
        allowed = [(cid, s) for cid, s in ranked if self._acceptable(cid, text)]
        if not allowed or allowed[0][1] < THRESHOLD:
            top = f"best {ranked[0][0]} {ranked[0][1]:.2f}" if ranked else "no candidate"
            return None, ranked[0][1] if ranked else 0.0, f"below threshold {THRESHOLD} ({top})", tuple(ranked)
        cid, s = allowed[0]
        if len(allowed) > 1 and s - allowed[1][1] <= AMBIGUITY_MARGIN:
            return None, s, f"ambiguous: {cid} {s:.2f} vs {allowed[1][0]} {allowed[1][1]:.2f}", tuple(ranked)
        return cid, s, f"bigram similarity {s:.2f} ≥ {THRESHOLD}", tuple(ranked)

    def _acceptable(self, cid: str, text: str) -> bool:
        own = self.terms.get(cid, ())
        if own and not any(t in text for t in own):
            return False
        return not self._names_partner(cid, text)

    # ------------------------------------------------------------------ public
    def match(self, name: str, *, parent: str | None = None, unit: str | None = None,
              measure: str | None = None) -> MatchResult:
        """Match one indicator name. `parent` is the group label of a sub-row; `unit` / `measure` (of the row
        or observation) turn a level indicator into its growth rate when they say it is a percentage change."""
        key = normalize_name(name)[0]
        res = self._match(name, parent, key)
        if res.id and res.reason.startswith("bigram") and unit and not self._unit_fits(res.id, unit):
            # a fuzzy match must also agree on what is counted: 保障性租赁住房 (套) ≠ …住房项目 (个)
            return MatchResult(name, None, res.score, f"{res.reason} but unit {unit!r} does not fit {res.id} "
                               f"({self.catalogue[res.id].unit})", key, None, (), res.candidates)
        return self._apply_hints(res, unit, measure)

    def _unit_fits(self, cid: str, unit: str) -> bool:
        want = self.catalogue[cid].unit
        if not want or _is_percent(unit):
            return True
        try:
            return [parse_unit(u).dimension for u in split_pair(unit)] == [
                parse_unit(u).dimension for u in split_pair(want)]
        except ValueError:
            return True  # an unknown unit says nothing either way

    def _match(self, name: str, parent: str | None, key: str) -> MatchResult:
        hit = self._exact_name(name)
        pkey = normalize_name(parent)[0] if parent else ""
        if hit:
            cid, score, reason, meas = hit
            if pkey.endswith("增长") and meas is None:
                return self._as_growth(name, key, cid, score, f"{reason}; parent {parent!r} is a growth rate")
            return MatchResult(name, cid, score, reason, key, meas)
        composed = self._composed(key, pkey) if pkey else []
        for c in composed:
            hit = self._exact_name(c)
            if hit:
                cid, score, reason, meas = hit
                return MatchResult(name, cid, score * 0.95, f"{reason} read with parent as {c!r}", key, meas)
        pair = self._pair(name)
        if pair:
            return pair
        cid, score, reason, ranked = self._fuzzy([key, *composed])
        return MatchResult(name, cid, score, reason, key, None, (), ranked)

    def _composed(self, key: str, pkey: str) -> list[str]:
        out = [pkey.replace(h, key, 1) for h in _GENERIC_HEADS if h in pkey]
        return [*out, key + pkey, pkey + key]

    def _as_growth(self, name: str, key: str, cid: str, score: float, reason: str) -> MatchResult:
        ind = self.catalogue[cid]
        if ind.growth_of or ind.measure in ("growth_rate", "share", "rate", "cumulative"):
            return MatchResult(name, cid, score, reason, key)
        g = self.catalogue.growth_variant(cid)
        if g:
            return MatchResult(name, g.id, score, f"{reason} → {g.id}", key)
        return MatchResult(name, cid, score, reason, key, "growth_rate")

    def _apply_hints(self, res: MatchResult, unit: str | None, measure: str | None) -> MatchResult:
        if not res.id or res.parts or res.measure:
            return res
        if measure == "growth_rate" or (unit and _is_percent(unit) and not _is_percent(self.catalogue[res.id].unit)):
            return self._as_growth(res.name, res.key, res.id, res.score,
                                   f"{res.reason}; the value is a percentage change")
        return res

    def _pair(self, name: str) -> MatchResult | None:
        """An a/b row: 机场旅客/货邮吞吐量 → (机场旅客吞吐量, 机场货邮吞吐量); the shared head and tail are found
        by trying every split, longest shared part first."""
        s = _strip_units(_basic(name))
        if s.count("/") != 1:
            return None
        left, right = s.split("/")
        if not left or not right:
            return None
        a = next((h for i in range(1, len(right) + 1) if (h := self._exact_name(left + right[i:]))), None)
        b = next((h for j in range(len(left) - 1, -1, -1) if (h := self._exact_name(left[:j] + right))), None)
        if not a or not b or a[0] == b[0]:
            return None
        key = normalize_name(name)[0]
        pair = self.catalogue.pair_of(a[0], b[0])
        score = min(a[1], b[1]) * 0.95
        return MatchResult(name, pair.id if pair else None, score, f"a/b row split into {a[0]} and {b[0]}", key,
                           None, (a[0], b[0]))

    def unmatched(self, names: Iterable[str]) -> list[MatchResult]:
        return [r for r in (self.match(n) for n in names) if not r.matched]


def _is_percent(unit: str) -> bool:
    try:
        return parse_unit(unit).symbol == "%"
    except ValueError:
        return False
