"""The places register: regions down to towns and streets (镇/街), and the named zones, parks and platforms of
documents, each with its name variants (full and short names, traditional forms) and its parent.

Seeded from a small data file (seed.yaml); `learn(text)` adds what the grammar finds in a document, so the
register grows with the corpus. `find(text)` returns the known places a text mentions, by any variant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from planscope.places.grammar import find_names, fold, kind_of, name_key

SEED_FILE = Path(__file__).with_name("seed.yaml")
ADMIN_KINDS = ("province", "city", "district", "town", "street")
# Generic endings whose removal leaves a short name people also use (狮岭镇 → 狮岭, 新华街道 → 新华街).
_SHORTENABLE = ("街道", "镇", "街", "乡", "区", "市", "县", "省")


@dataclass
class Place:
    name: str
    kind: str
    parent: str | None = None
    variants: set[str] = field(default_factory=set)  # every written form, simplified and traditional

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "kind": self.kind, "parent": self.parent, "variants": sorted(self.variants)}


def variants_of(name: str, kind: str) -> set[str]:
    """Written forms of one name: itself, 街道/街, the short name of a town or street (狮岭 for 狮岭镇, kept
    only when two characters or more remain), and each in traditional characters."""
    out = {name}
    if name.endswith("街道"):
        out.add(name[:-1])
    elif kind == "street" and name.endswith("街"):
        out.add(name + "道")
    if kind in ADMIN_KINDS:
        for suf in _SHORTENABLE:
            if name.endswith(suf) and len(name) - len(suf) >= 2:
                out.add(name[: -len(suf)])
                break
    from planscope.ingest.script import to_traditional  # OpenCC loads only when variants are built

    out |= {to_traditional(v) for v in list(out)}
    return out


class PlaceRegister:
    def __init__(self, places: list[Place] | None = None) -> None:
        self.places: dict[str, Place] = {}
        for p in places or []:
            self.add(p)

    @classmethod
    def seeded(cls) -> PlaceRegister:
        data = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8")) or []
        return cls([Place(d["name"], d["kind"], d.get("parent"), set(d.get("variants", []))) for d in data])

    def add(self, place: Place) -> Place:
        have = self.places.get(place.name)
        if have is not None:
            have.variants |= place.variants
            have.parent = have.parent or place.parent
            return have
        place.variants |= variants_of(place.name, place.kind)
        for v in list(place.variants):
            place.variants |= variants_of(v, place.kind)
        self.places[place.name] = place
        return place

    def get(self, name: str) -> Place | None:
        if name in self.places:
            return self.places[name]
        return next((p for p in self.places.values() if name in p.variants), None)

    def children(self, name: str) -> list[Place]:
        return [p for p in self.places.values() if p.parent == name]

    def ancestors(self, name: str) -> list[str]:
        out: list[str] = []
        p = self.get(name)
        while p is not None and p.parent and p.parent not in out:
            out.append(p.parent)
            p = self.get(p.parent)
        return out

    def learn(self, text: str, parent: str | None = None) -> list[Place]:
        """Add the towns, streets, zones, parks and ports the grammar finds in `text` (under `parent`)."""
        found = []
        for n in find_names(text, {"town", "street", "zone", "park", "port"}):
            found.append(self.add(Place(n.text, n.kind, parent, set())))
        return found

    def find(self, text: str) -> list[str]:
        """Names of known places `text` mentions by any variant, longest variant first, in text order. A short
        variant inside a longer known one (花都 in 花都区) is not counted twice."""
        t = fold(text)
        hits: list[tuple[int, int, str]] = []
        for p in self.places.values():
            for v in sorted(p.variants, key=len, reverse=True):
                fv = fold(v)
                start = t.find(fv)
                while start >= 0:
                    hits.append((start, start + len(fv), p.name))
                    start = t.find(fv, start + 1)
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[str] = []
        covered_to = -1
        for a, b, name in hits:
            if a < covered_to:
                continue
            covered_to = b
            if name not in out:
                out.append(name)
        return out

    def prefixes(self, region: str | None) -> tuple[str, ...]:
        """Qualifiers to drop from names in a plan of `region` (itself and its ancestors, all variants):
        广州花都经济开发区 → 花都经济开发区 in a 花都区 plan."""
        names = [region, *self.ancestors(region)] if region else []
        out: set[str] = set()
        for n in names:
            p = self.get(n) if n else None
            out |= {fold(v) for v in (p.variants if p else {n} if n else set())}
            if n:
                out.add(n)
        return tuple(sorted(out, key=len, reverse=True))

    def key(self, name: str, region: str | None = None) -> str:
        return name_key(name, self.prefixes(region))


def kind_for(name: str) -> str | None:
    return kind_of(name)
