"""What keeps the dashboard fast without changing what it shows: the plan page sends its text in parts, the
evaluation is cached until the store changes, catalogue matches are remembered."""

from __future__ import annotations

import re
import warnings
from decimal import Decimal
from itertools import pairwise

import pytest

import planscope
from conftest import CORPUS
from planscope import model as m
from planscope.monitor.cache import EVALUATIONS, LRU, cached_evaluation, data_version, memo_catalogue
from planscope.web.textview import chunks, numbered_lines, numbered_range

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx in TestClient
    from fastapi.testclient import TestClient

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> dict:
    url = f"sqlite:///{tmp_path_factory.mktemp('webspeed') / 'web.db'}"
    db = planscope.open(url)
    assert db.ingest([CORPUS]).count("error") == 0
    city = db.plan("广州市").id
    huadu = db.plan("花都区").id
    db.close()
    return {"url": url, "city": city, "huadu": huadu}


@pytest.fixture()
def client(store: dict) -> TestClient:
    from planscope.web import create_web_app

    return TestClient(create_web_app(store["url"]))


def _text_lines(html: str) -> list[str]:
    """The numbered lines of a page or fragment, in order, as (id, inner HTML) strings."""
    return re.findall(r'<div class="ln[^"]*" id="L(\d+)">(.*?)</div>', html)


# ---------------------------------------------------------------------------------------------------- plan page
def test_plan_page_sends_the_first_part_and_placeholders_for_the_rest(client: TestClient, store: dict) -> None:
    city = store["city"]
    html = client.get(f"/plans/{city}", headers=HTML).text
    full = client.get(f"/plans/{city}", params={"full": 1}, headers=HTML).text
    assert len(html) < len(full) / 2  # 广州市's plan: the whole text is most of the page
    assert 'id="L366"' in html and 'id="L367"' not in html  # 第一章 ends at 366, 第二章 comes later
    assert 'id="L2766"' in full  # full=1 still sends every line
    pending = re.findall(r'<div class="chunk pending" data-start="(\d+)" data-end="(\d+)" data-src="([^"]+)"\s+'
                         r'hx-get="([^"]+)" hx-trigger="revealed"', html)
    assert pending and all(src == get for *_, src, get in pending)
    # The placeholders cover the rest of the text exactly, in order.
    spans = [(int(a), int(b)) for a, b, *_ in pending]
    assert spans[0][0] == 367 and spans[-1][1] == 2766
    assert all(b + 1 == c for (_, b), (c, _) in pairwise(spans))
    # The outline still links every heading, including those of parts not sent yet.
    assert 'href="#L2134"' in html  # 第十七章


def test_parts_put_together_are_the_whole_text(client: TestClient, store: dict) -> None:
    city = store["city"]
    html = client.get(f"/plans/{city}", headers=HTML).text
    full = client.get(f"/plans/{city}", params={"full": 1}, headers=HTML).text
    lines = _text_lines(html)
    for src in re.findall(r'data-src="([^"]+)"', html):
        r = client.get(src.replace("&amp;", "&"), headers=HTML)
        assert r.status_code == 200
        assert "<html" not in r.text  # a fragment for htmx, not a page
        lines += _text_lines(r.text)
    assert lines == _text_lines(full)
    assert [int(n) for n, _ in lines] == list(range(1, 2767))


def test_a_later_part_keeps_its_boxes_and_footnote_tooltips(client: TestClient, store: dict) -> None:
    html = client.get(f"/plans/{store['city']}/text", params={"start": 367, "end": 707}, headers=HTML).text
    assert re.search(r'<div class="box"><div class="box-title">专栏3 “1\+2\+4\+4\+N”战略创新平台体系</div>', html)
    # Footnote 16 is used on line 399: its definition is the mark's tooltip.
    line = re.search(r'id="L399">(.*?)</div>', html).group(1)
    assert re.search(r'<sup class="fn" title="注16：[^"]+" tabindex="0">', line)
    assert html.count("<div") == html.count("</div>")  # every box opened in the fragment closes in it


def test_figures_table_arrives_on_demand(client: TestClient, store: dict) -> None:
    city = store["city"]
    html = client.get(f"/plans/{city}", headers=HTML).text
    assert f'hx-get="/plans/{city}/figures" hx-trigger="revealed"' in html and "<th>原文</th>" not in html
    n = int(re.search(r'<a href="#figures">文中目标与实绩 (\d+)</a>', html).group(1))
    frag = client.get(f"/plans/{city}/figures", headers=HTML).text
    assert "<html" not in frag and frag.count("<tr><td>") == n > 100
    assert re.search(r'<a href="#L\d+" title="[^"]+">\d+</a>', frag)  # each figure links to its line, sentence shown


def test_district_plan_page_links_its_parent_plan(client: TestClient, store: dict) -> None:
    html = client.get(f"/plans/{store['huadu']}", headers=HTML).text
    assert f'上级规划 <a href="/plans/{store["city"]}">广州市</a>' in html
    assert f'/align?parent={store["city"]}&child={store["huadu"]}' in html


def test_text_fragment_refuses_a_bad_range(client: TestClient, store: dict) -> None:
    assert client.get(f"/plans/{store['city']}/text", params={"start": 9, "end": 3}).status_code == 422
    assert client.get("/plans/9999/text", params={"start": 1, "end": 3}).status_code == 404


def _heading(kind: str, start: int, end: int, title: str = "") -> m.Heading:
    return m.Heading(level=1, kind=kind, number=None, title=title or f"{kind}{start}", span=m.Span(start, end))


def test_chunks_cut_at_chapters_never_inside_a_box_and_keep_small_parts_together() -> None:
    outline = [_heading("chapter", 10, 10), _heading("section", 12, 12), _heading("box", 290, 330),
               _heading("section", 300, 300), _heading("chapter", 500, 500), _heading("chapter", 560, 560),
               _heading("chapter", 600, 600)]
    parents: list[int | None] = [None, 0, 0, 0, None, None, None]
    got = [(c.start, c.end) for c in chunks(outline, parents, 1000, max_lines=200)]
    assert got[0][0] == 1 and got[-1][1] == 1000
    assert all(b + 1 == c for (_, b), (c, _) in pairwise(got))
    assert all(b - a + 1 <= 200 + 50 for a, b in got)  # at most a quarter more, rather than a tiny tail
    assert not any(290 < a <= 330 for a, _ in got)  # the section at 300 is inside the box: no cut there
    starts = [a for a, _ in got]
    assert 12 in starts and 600 in starts  # cut at a section of the long chapter, and at a chapter
    assert 560 not in starts  # two short chapters travel together
    # Without headings the text is cut in fixed pieces, still around the box.
    plain = [(c.start, c.end) for c in chunks([_heading("box", 195, 260)], [None], 500, max_lines=200)]
    assert plain[0][0] == 1 and plain[-1][1] == 500 and not any(195 < a <= 260 for a, _ in plain)


def test_a_range_is_the_same_as_the_whole_text_cut() -> None:
    text = [f"第{i}行" + ("¹" if i == 7 else "") for i in range(1, 31)]
    outline = [_heading("box", 5, 12, "专栏1 甲"), _heading("box", 20, 25, "专栏2 乙")]
    notes = [m.Footnote(mark="1", text="注释", span=m.Span(30, 30), uses=[7])]
    whole = numbered_lines(text, outline, notes)
    assert [(x.n, x.html, x.box_title, x.box_end) for x in numbered_range(text, outline, notes, 1, 30)] == \
        [(x.n, x.html, x.box_title, x.box_end) for x in whole]
    part = numbered_range(text, outline, notes, 10, 22)  # cuts both boxes: the HTML must still balance
    opened = sum(1 for x in part if x.box_title)
    closed = sum(1 for x in part if x.box_end)
    assert opened == closed == 1 and part[-1].box_end and part[0].box_title is None
    assert 'title="注1：注释"' in str(numbered_range(text, outline, notes, 7, 7)[0].html)


# ---------------------------------------------------------------------------------------------------- caching
def test_lru_is_bounded() -> None:
    lru: LRU[int] = LRU(2)
    lru.put("a", 1)
    lru.put("b", 2)
    assert lru.get("a") == 1
    lru.put("c", 3)  # "b" is the least recently used
    assert lru.get("b") is None and lru.get("a") == 1 and lru.get("c") == 3 and len(lru) == 2


def test_remembered_matches_equal_fresh_ones(store: dict) -> None:
    from planscope.catalog import load_catalogue
    from planscope.monitor.service import plan_status

    cat = load_catalogue()
    memo = memo_catalogue(cat)
    assert memo_catalogue(cat) is memo and memo_catalogue(memo) is memo
    for name in ("地区生产总值年均增速", "全年地区生产总值增长", "新增幼儿园学位"):
        assert memo.match(name, unit="%") == cat.match(name, unit="%")
        assert memo.match(name, unit="%") is memo.match(name, unit="%")
    db = planscope.open(store["url"])
    try:
        a = [s.to_json() for s in plan_status(db, store["huadu"], 2024, catalogue=cat)]
        b = [s.to_json() for s in plan_status(db, store["huadu"], 2024, catalogue=memo)]
    finally:
        db.close()
    assert a == b and any(s["actuals"] for s in a)


def test_evaluation_is_cached_until_the_store_changes(store: dict) -> None:
    from planscope.monitor.service import build_evaluation
    from planscope.store.entries import add_observation

    db = planscope.open(store["url"])
    try:
        plan = store["huadu"]
        first = cached_evaluation(db, plan, 2024)
        again = cached_evaluation(db, plan, 2024)
        if again is not first:  # the first build may record version revisions (a write): then it settles
            assert cached_evaluation(db, plan, 2024) is again
            first = again
        assert first.to_json() == build_evaluation(db, plan, 2024).to_json()  # the cache changes nothing
        before = data_version(db)
        gdp = next(i for i in first.indicators if i.name == "地区生产总值年均增速")
        assert 2023 not in gdp.actuals or gdp.actuals[2023].value != Decimal("9.9")
        main = next(t for t in db.plan(plan).stored_tables() if t.table.kind == "main")
        row = next(rid for rid, r in zip(main.row_ids, main.table.rows, strict=True) if r.name == gdp.name)
        with db.session() as s:
            add_observation(s, plan, row, 2023, "9.9", by="tester")
            s.commit()
        assert data_version(db) != before
        fresh = cached_evaluation(db, plan, 2024)
        assert fresh is not first
        assert next(i for i in fresh.indicators if i.name == gdp.name).actuals[2023].value == Decimal("9.9")
        assert len(EVALUATIONS) <= EVALUATIONS.maxsize
    finally:
        db.close()


def test_monitor_and_indicator_pages_come_from_the_cache(client: TestClient, store: dict) -> None:
    city = store["city"]
    r1 = client.get(f"/plans/{city}/monitor", params={"year": 2024}, headers=HTML)
    hits = EVALUATIONS.hits
    r2 = client.get(f"/plans/{city}/monitor", params={"year": 2024}, headers=HTML)
    r3 = client.get(f"/plans/{city}/monitor", params={"year": 2024}, headers=HTML)
    assert r1.status_code == r2.status_code == r3.status_code == 200
    assert EVALUATIONS.hits > hits
    strip = re.compile(r'name="csrf_token" value="[^"]*"')
    assert strip.sub("", r2.text) == strip.sub("", r3.text)


def test_other_documents_are_read_once_until_the_store_changes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from conftest import corpus_file
    from planscope.monitor.cache import document_facts

    db = planscope.open(tmp_path / "facts.db")
    try:
        db.ingest([corpus_file("002")])
        report = db.documents()[0].id
        figures, _ = document_facts(db)(report)
        assert document_facts(db)(report)[0] is figures  # the second evaluation of a page reads nothing again
        assert [f.to_json() for f in figures] == [f.to_json() for f in db.plan(report).figures()]
        db.ingest([corpus_file("000")])  # a write: the next read is fresh
        again, _ = document_facts(db)(report)
        assert again is not figures and [f.to_json() for f in again] == [f.to_json() for f in figures]
    finally:
        db.close()
