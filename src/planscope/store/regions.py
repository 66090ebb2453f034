"""The region hierarchy (广州市 ⊃ 花都区 …), built from document metadata (region, level, parent_region)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planscope.store.schema import Region

LEVELS = ("nation", "province", "city", "district", "town")

# Suffixes of Chinese administrative names, longest first; used only when metadata gives no level.
_SUFFIX_LEVEL = (
    ("特别行政区", "province"), ("自治区", "province"), ("自治州", "city"), ("自治县", "district"),
    ("街道", "town"), ("新区", "district"), ("地区", "city"), ("盟", "city"),
    ("省", "province"), ("市", "city"), ("州", "city"), ("区", "district"), ("县", "district"), ("旗", "district"),
    ("镇", "town"), ("乡", "town"),
)


def guess_level(name: str) -> str | None:
    if name in ("中国", "全国", "中华人民共和国"):
        return "nation"
    return next((lvl for suf, lvl in _SUFFIX_LEVEL if name.endswith(suf)), None)


def parent_level(level: str | None) -> str | None:
    if level not in LEVELS or level == "nation":
        return None
    return LEVELS[LEVELS.index(level) - 1]


def ensure_region(session: Session, name: str, level: str | None = None, parent_name: str | None = None) -> Region:
    """The region row for `name` (created when new), attached under `parent_name` when that is known.

    Names are not unique across China (several 鼓楼区), so a name is matched under the same parent when a parent
    is given; a region first seen without a parent is adopted by the first parent that names it."""
    level = level or guess_level(name)
    parent = None
    if parent_name and parent_name != name:
        parent = ensure_region(session, parent_name, parent_level(level) or guess_level(parent_name))
    candidates = list(session.scalars(select(Region).where(Region.name == name).order_by(Region.id)))
    region = None
    if parent is not None:
        region = next((r for r in candidates if r.parent_id == parent.id), None) or next(
            (r for r in candidates if r.parent_id is None), None)
    elif candidates:
        region = candidates[0]
    if region is None:
        region = Region(name=name, level=level, parent_id=parent.id if parent else None)
        session.add(region)
        session.flush()
        return region
    if parent is not None and region.parent_id is None:
        region.parent_id = parent.id
    if region.level is None and level:
        region.level = level
    return region


def ancestors(session: Session, region_id: int) -> list[Region]:
    """The chain of parents of a region, nearest first."""
    out: list[Region] = []
    r = session.get(Region, region_id)
    seen = {region_id}
    while r is not None and r.parent_id is not None and r.parent_id not in seen:
        seen.add(r.parent_id)
        r = session.get(Region, r.parent_id)
        if r is not None:
            out.append(r)
    return out
