"""Task alignment on the corpus: Guangzhou's plan (001) names Huadu; Huadu's plan (000) takes it up.

The expected line ranges were checked by reading both documents (sed -n on the corpus files).
"""

from __future__ import annotations

import pytest

from conftest import corpus_file
from planscope.align.passages import build_passages, sections
from planscope.align.tasks import ChildText, coverage, match_assignments, name_forms, region_name
from planscope.ingest import read_document


@pytest.fixture(scope="module")
def city():
    return read_document(corpus_file("001"))


@pytest.fixture(scope="module")
def huadu():
    src = read_document(corpus_file("000"))
    return src, ChildText(region_name(src) or "", src)


@pytest.fixture(scope="module")
def tasks(city, huadu):
    return match_assignments(city, huadu[1])


def _find(tasks, needle):
    found = [t for t in tasks if needle in t.parent_text]
    assert found, f"no assignment containing {needle!r}"
    return found[0]


def test_region_names(city, huadu) -> None:
    assert region_name(city) == "广州市"
    assert huadu[1].name == "花都区"
    assert name_forms("花都区") == ["花都区", "花都"]
    assert name_forms("广州市番禺区") == ["番禺区", "番禺"]
    assert region_name(read_document(corpus_file("003"))) == "番禺区"  # traditional source, simplified lines


def test_every_huadu_mention_is_an_assignment(city, tasks) -> None:
    lines = {t.parent_lines[0] for t in tasks}
    # 专栏14 row of Huadu, the platform list, the intercity line, the logistics hubs, the hospital
    assert {1281, 702, 846, 872, 1900} <= lines
    assert all("花都" in t.parent_text or t.parent_context for t in tasks)


def test_positioning_row_matches_the_districts_own_goal(tasks) -> None:
    t = _find(tasks, "人口经济重要承载区")
    assert t.parent_lines == (1281, 1281) and t.parent_context == "功能定位"
    assert t.child_lines[0] <= 491 <= t.child_lines[1]  # 000: 成为广州北部人口经济重要承载区和经济增长极
    assert "增长极" in t.shared_terms


def test_vehicle_cluster_size_difference_is_reported(tasks) -> None:
    t = _find(tasks, "2500 亿级汽车产业集群")
    assert t.child_lines[0] >= 1484 and t.child_lines[1] <= 1506  # 000: 一、打造两千亿级汽车产业
    assert "两千亿级汽车产业" in t.child_text
    (fig,) = t.figures
    assert (fig["parent_value"], fig["child_value"]) == (250_000_000_000, 200_000_000_000)
    assert fig["parent"] == "2500亿级" and fig["child"] == "两千亿级"


def test_named_platforms_and_projects_match_their_passages(tasks) -> None:
    hitech = _find(tasks, "花都省级高新技术产业开发区")
    assert hitech.child_lines[0] <= 119 <= hitech.child_lines[1] or hitech.child_lines[0] <= 1467 <= \
        hitech.child_lines[1]
    rail = _find(tasks, "花都天贵城际")
    assert "天贵城际" in rail.child_text.replace(" ", "")
    hospital = _find(tasks, "妇女儿童医疗中心花都")
    assert hospital.child_lines[0] <= 3833 <= hospital.child_lines[1]


def test_unmatched_mentions_are_kept_without_a_child_passage(tasks) -> None:
    # glossary note 132 names 花都—三水 as one of four zones: nothing in 000 takes it up
    t = _find(tasks, "花都—三水")
    assert t.child_text is None and t.child_lines is None


def test_coverage_has_covered_and_uncovered_sections(city, huadu) -> None:
    cov = {(c.section.number, c.section.title): c for c in coverage(city, huadu[1],
                                                                      parent_forms=name_forms("广州市"))}
    verdicts = {c.verdict for c in cov.values()}
    assert verdicts == {"covered", "weak", "not_covered"}
    assert cov[("第三节", "主要目标")].verdict == "covered"
    assert cov[("第一节", "深化自贸试验区制度创新")].verdict == "not_covered"  # Huadu is not in the FTZ
    assert cov[("第五节", "打造全球海洋中心城市")].verdict != "covered"  # an inland district
    best = cov[("第三节", "主要目标")].matches[0]
    assert best.child_lines and best.parent_lines[0] >= 290


def test_sections_skip_the_table_of_contents(city, huadu) -> None:
    secs = sections(city)
    assert secs[0].number == "第一章" and secs[0].line_start == 122
    assert sum(1 for s in secs if s.level == 1) == 17
    child_chapters = [s for s in sections(huadu[0]) if s.level == 1]
    assert len(child_chapters) == 13 and child_chapters[0].title.startswith("全面建成小康社会，开启花都")


def test_passages_join_wrapped_lines_and_keep_item_headings(huadu) -> None:
    ps = build_passages(huadu[0])
    item = next(p for p in ps if p.text.startswith("一、打造两千亿级汽车产业"))
    assert item.line_start == 1484 and item.line_end >= 1500
    assert item.line_at(item.text.index("依托花都汽车城")) == 1486
