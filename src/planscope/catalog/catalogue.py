"""The indicator catalogue: load the shipped YAML, merge user files (YAML or CSV) over it, look indicators up.

Merging rules (a user file never has to repeat the shipped entry):
- a new `id` adds an indicator (it needs at least `name`);
- an existing `id` extends its `synonyms`, `not_same_as`, `related` and `key_terms` (union) and overrides any
  other field the user gives.
The merged catalogue is validated: every reference (growth_of, reduction_of, parts, related, not_same_as) must
name a known id, and no two indicators may share a normalised name (match.py raises on such a collision).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from planscope.catalog.units import UnitError, normalize_unit, parse_unit, split_pair

MEASURES = {"level", "growth_rate", "share", "rate", "count", "cumulative"}
DIRECTIONS = {"higher", "lower", "band"}
_LIST_FIELDS = ("synonyms", "not_same_as", "related", "key_terms", "parts")
_REF_FIELDS = ("growth_of", "reduction_of")


class CatalogueError(ValueError):
    """A catalogue file that cannot be used (bad YAML/CSV, unknown reference, name collision)."""


@dataclass(frozen=True)
class Indicator:
    """One canonical indicator of a plan's main-indicator table."""

    id: str
    name: str
    synonyms: tuple[str, ...] = ()
    unit: str = ""
    measure: str = "level"
    direction: str = "higher"
    category: str = ""
    growth_of: str | None = None
    reduction_of: str | None = None
    parts: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    not_same_as: tuple[str, ...] = ()
    key_terms: tuple[str, ...] = ()
    often_cumulative: bool = False
    notes: str = ""
    source: str = "shipped"  # "shipped" or the user file it came from or was changed by

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name first, then the synonyms."""
        return (self.name, *self.synonyms)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            out[f.name] = list(v) if isinstance(v, tuple) else v
        return out


def _as_list(v: Any) -> tuple[str, ...]:
    if v is None or v == "":
        return ()
    if isinstance(v, str):
        # CSV cells: several values separated by ; | 、 or ，
        for sep in ("|", "；", "、", "，"):
            v = v.replace(sep, ";")
        return tuple(x.strip() for x in v.split(";") if x.strip())
    return tuple(str(x).strip() for x in v if str(x).strip())


def _as_bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    return str(v).strip().lower() in {"1", "true", "yes", "y", "是"}


def _clean_entry(raw: dict[str, Any], where: str) -> dict[str, Any]:
    known = {f.name for f in fields(Indicator)}
    entry: dict[str, Any] = {}
    for k, v in raw.items():
        k = str(k).strip()
        if k not in known or k == "source":
            raise CatalogueError(f"{where}: unknown field {k!r}")
        if v is None or v == "":
            continue
        if k in _LIST_FIELDS:
            entry[k] = _as_list(v)
        elif k == "often_cumulative":
            entry[k] = _as_bool(v)
        else:
            entry[k] = str(v).strip()
    if not entry.get("id"):
        raise CatalogueError(f"{where}: an entry without an id")
    return entry


def _read_entries(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
        return [_clean_entry({k: v for k, v in r.items() if k}, f"{path}:{i + 2}") for i, r in enumerate(rows)]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise CatalogueError(f"{path}: not valid YAML: {e}") from None
    items = data.get("indicators") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise CatalogueError(f"{path}: expected a list of indicators (or a mapping with 'indicators:')")
    return [_clean_entry(x, f"{path}: entry {i + 1}") for i, x in enumerate(items) if isinstance(x, dict)]


class Catalogue:
    """Canonical indicators by id, with a matcher built on demand (see match.py)."""

    def __init__(self, indicators: Iterable[Indicator]):
        self._by_id: dict[str, Indicator] = {}
        for ind in indicators:
            self._by_id[ind.id] = ind
        self._validate()
        self._matcher: Any = None

    # ------------------------------------------------------------------ building
    @classmethod
    def shipped(cls) -> Catalogue:
        return cls(_entries_to_indicators(_shipped_entries(), "shipped"))

    @classmethod
    def load(cls, *user_files: str | Path) -> Catalogue:
        """The shipped catalogue with each user file merged over it, in order."""
        by_id = {ind.id: ind for ind in cls.shipped()}
        for f in user_files:
            path = Path(f)
            if not path.is_file():
                raise CatalogueError(f"catalogue file not found: {path}")
            for entry in _read_entries(path):
                by_id[entry["id"]] = _merge(by_id.get(entry["id"]), entry, str(path))
        return cls(by_id.values())

    def _validate(self) -> None:
        problems = []
        for ind in self:
            refs = [*ind.parts, *ind.related, *ind.not_same_as]
            refs += [r for r in (ind.growth_of, ind.reduction_of) if r]
            problems += [f"{ind.id}: unknown indicator {r!r}" for r in refs if r not in self._by_id]
            if ind.measure not in MEASURES:
                problems.append(f"{ind.id}: measure {ind.measure!r} is not one of {sorted(MEASURES)}")
            if ind.direction not in DIRECTIONS:
                problems.append(f"{ind.id}: direction {ind.direction!r} is not one of {sorted(DIRECTIONS)}")
            for u in split_pair(ind.unit) if ind.unit else []:
                try:
                    parse_unit(u)
                except UnitError as e:
                    problems.append(f"{ind.id}: {e}")
        if problems:
            raise CatalogueError("; ".join(problems))

    # ------------------------------------------------------------------ lookup
    def __iter__(self) -> Iterator[Indicator]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._by_id

    def get(self, indicator_id: str) -> Indicator | None:
        return self._by_id.get(indicator_id)

    def __getitem__(self, indicator_id: str) -> Indicator:
        try:
            return self._by_id[indicator_id]
        except KeyError:
            raise LookupError(f"no indicator {indicator_id!r} in the catalogue") from None

    def growth_variant(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self if i.growth_of == indicator_id), None)

    def reduction_variant(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self if i.reduction_of == indicator_id), None)

    def pair_of(self, a: str, b: str) -> Indicator | None:
        return next((i for i in self if i.parts == (a, b)), None)

    @property
    def matcher(self) -> Any:
        if self._matcher is None:
            from planscope.catalog.match import Matcher

            self._matcher = Matcher(self)
        return self._matcher

    def match(self, name: str, **kw: Any) -> Any:
        """Shortcut for `self.matcher.match(name, ...)`: a MatchResult."""
        return self.matcher.match(name, **kw)


def _merge(old: Indicator | None, entry: dict[str, Any], source: str) -> Indicator:
    if old is None:
        if not entry.get("name"):
            raise CatalogueError(f"{source}: new indicator {entry['id']!r} needs a name")
        entry = {**entry, "unit": normalize_unit(entry.get("unit", ""))}
        return Indicator(**entry, source=source)
    changes: dict[str, Any] = {"source": source}
    for k, v in entry.items():
        if k in _LIST_FIELDS and k != "parts":
            changes[k] = tuple(dict.fromkeys([*getattr(old, k), *v]))
        elif k == "unit":
            changes[k] = normalize_unit(v)
        elif k != "id":
            changes[k] = v
    return replace(old, **changes)


def _entries_to_indicators(entries: list[dict[str, Any]], source: str) -> list[Indicator]:
    out, seen = [], set()
    for e in entries:
        if e["id"] in seen:
            raise CatalogueError(f"{source}: duplicate id {e['id']!r}")
        seen.add(e["id"])
        out.append(_merge(None, e, source))
    return [replace(i, source="shipped") for i in out] if source == "shipped" else out


@cache
def _shipped_entries() -> list[dict[str, Any]]:
    text = resources.files("planscope.catalog").joinpath("indicators.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return [_clean_entry(x, f"indicators.yaml entry {i + 1}") for i, x in enumerate(data["indicators"])]


_SHIPPED: list[Catalogue] = []  # built once per process


def load_catalogue(*user_files: str | Path) -> Catalogue:
    """The shipped catalogue (cached) or the shipped one merged with `user_files` (read each call)."""
    if user_files:
        return Catalogue.load(*user_files)
    if not _SHIPPED:
        _SHIPPED.append(Catalogue.shipped())
    return _SHIPPED[0]
