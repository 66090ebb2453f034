"""Full-text search and related passages on the real corpus, on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm).

The oracle for "found" is an independent scan of the documents' paragraphs as ingest reads them: every
paragraph containing the term must come back, with the line numbers of the file as given.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

import planscope
from conftest import CORPUS, corpus_file
from pg import pg_server, store_url  # noqa: F401  (fixtures used by name)
from planscope.cli import app
from planscope.ingest import read_document
from planscope.ingest.script import to_simplified
from planscope.search.fulltext import SearchHit, search
from planscope.search.normalize import fold
from planscope.search.related import related
from planscope.search.similar import HashEmbedder
from planscope.store.fts import FTS_TABLE, PG_TABLE


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('search') / 'corpus.db'}"
    else:
        url = request.getfixturevalue("pg_server").new_database()
    db = planscope.open(url)
    assert db.ingest([CORPUS]).summary()["loaded"] == 5
    yield db
    db.close()


def _doc_id(db, prefix: str) -> int:
    return next(d.id for d in db.documents() if d.file_name.startswith(prefix))


def _oracle(term: str) -> set[tuple[str, int]]:
    """(file prefix, first line) of every corpus paragraph whose search form contains `term`."""
    out = set()
    for path in sorted(CORPUS.glob("0*.txt")):
        for p in read_document(path).paragraphs():
            if fold(term) in fold(p.text):
                out.add((path.name[:3], p.line_start))
    return out


def _found(db, hits: list[SearchHit]) -> set[tuple[str, int]]:
    names = {d.id: d.file_name[:3] for d in db.documents()}
    return {(names[h.plan_id], h.line_start) for h in hits}


@pytest.mark.parametrize("term", ["绿道", "5G", "碧道", "研发经费", "成就", "属性"])
def test_every_paragraph_with_the_term_is_found(corpus_db, term: str) -> None:
    # 1–2 character terms (绿道, 5G) are found through the trigrams that start with them; 成就 and 属性 also
    # end paragraphs (a heading, a table's header line), where no trigram of the text itself starts with them.
    hits = search(corpus_db, term, limit=200)
    expected = _oracle(term)
    assert expected and _found(corpus_db, hits) == expected
    assert all("<mark>" in h.snippet for h in hits)


def test_short_and_long_terms_together_find_exactly_the_paragraphs_with_both(corpus_db) -> None:
    hits = search(corpus_db, "5G 基站", limit=200)
    assert hits and _found(corpus_db, hits) == _oracle("5G") & _oracle("基站")
    either = search(corpus_db, "绿道 OR 碧道", limit=200)
    assert _found(corpus_db, either) == _oracle("绿道") | _oracle("碧道")
    assert search(corpus_db, "绿道 噗噗") == []  # a short term no paragraph holds: nothing, not everything


def test_traditional_query_finds_simplified_text_at_original_lines(corpus_db) -> None:
    hits = search(corpus_db, "研發經費", limit=200)
    assert _found(corpus_db, hits) == _oracle("研发经费")
    files = {d.id: next(CORPUS.glob(d.file_name)) for d in corpus_db.documents()}
    for h in hits:
        assert "<mark>研发经费</mark>" in h.snippet.replace(" ", "")
        # The lines given are lines of the file as read (003 is in traditional characters).
        original = files[h.plan_id].read_bytes().decode("utf-8-sig").splitlines()
        assert "研发经费" in fold(to_simplified("".join(original[h.line_start - 1:h.line_end])))
    assert {h.plan_id for h in hits} >= {_doc_id(corpus_db, "003"), _doc_id(corpus_db, "001")}


def test_longer_query_ranks_the_paragraph_about_it_first(corpus_db) -> None:
    hits = search(corpus_db, "国际消费中心城市", limit=10)
    assert hits[0].text.count("国际消费中心城市") >= 1
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    # Every hit has all the words of a two-word query; the best has both, highlighted.
    both = search(corpus_db, "新能源 汽车", limit=50)
    assert both and all("新能源" in fold(h.text) and "汽车" in fold(h.text) for h in both)
    assert "<mark>" in both[0].snippet


def test_results_carry_plan_lines_and_section_path(corpus_db) -> None:
    city = _doc_id(corpus_db, "001")
    hits = search(corpus_db, "5G", plan=city, limit=50)
    assert hits and {h.plan_id for h in hits} == {city}
    h = hits[0]
    assert h.region == "广州市" and h.title and h.kind == "five_year_plan" and h.line == h.line_start
    lines = corpus_db.plan(city).lines(h.line_start, h.line_end)
    assert "5g" in fold("".join(lines))
    assert any(x.section_path for x in hits)
    assert all(x.section_path[0].startswith(("第", "附件", "专栏")) for x in hits if x.section_path)
    j = h.to_json()
    assert {"plan_id", "line", "snippet", "score", "section_path", "region", "title"} <= set(j)


def test_filters_narrow(corpus_db) -> None:
    everything = search(corpus_db, "绿道", limit=200)
    huadu = search(corpus_db, "绿道", region="花都区", limit=200)
    huadu_ids = {_doc_id(corpus_db, "000"), _doc_id(corpus_db, "002")}
    assert huadu and {h.plan_id for h in huadu} <= huadu_ids
    assert len(huadu) == sum(1 for h in everything if h.plan_id in huadu_ids)
    # A city includes its districts; traditional spelling of a region works too.
    assert len(search(corpus_db, "绿道", region="广州市", limit=200)) == len(everything)
    assert len(search(corpus_db, "绿道", region="花都區", limit=200)) == len(huadu)
    assert search(corpus_db, "绿道", region="北京市") == []
    report = search(corpus_db, "5G", kind="annual_plan_report", limit=200)
    assert report and {h.plan_id for h in report} == {_doc_id(corpus_db, "002")}
    # Chapter: only paragraphs under headings matching the text.
    appendix = search(corpus_db, "5G", chapter="名词解释", limit=200)
    assert appendix and all(any("名词解释" in p for p in h.section_path) for h in appendix)
    assert len(appendix) < len(search(corpus_db, "5G", limit=200))


def test_pages_are_consecutive(corpus_db) -> None:
    full = search(corpus_db, "5G", limit=60)
    pages = [search(corpus_db, "5G", limit=7, offset=o) for o in range(0, 60, 7)]
    assert [h.paragraph_id for p in pages for h in p] == [h.paragraph_id for h in full]


@pytest.mark.parametrize("q", ['"', '"绿道', '绿道"', "绿道 AND", "OR", "NEAR(绿道 碧道)", "绿道 NEAR 碧道",
                               "(绿道", "绿道)", "*", "绿*", "研发* OR", "a:b", "-绿道", "^绿道", "'", "\\",
                               "'; DROP TABLE paragraphs; --", "%", "_", "绿道 OR (碧道 AND", "  ", "{5G}"])
def test_malformed_queries_do_not_fail(corpus_db, q: str) -> None:
    hits = search(corpus_db, q, limit=5)
    assert isinstance(hits, list)


def test_malformed_queries_still_find_their_words(corpus_db) -> None:
    plain = [h.paragraph_id for h in search(corpus_db, "绿道", limit=50)]
    for q in ['"绿道', "(绿道)", "绿道*", "绿道 AND"]:
        assert [h.paragraph_id for h in search(corpus_db, q, limit=50)] == plain
    assert search(corpus_db, "%") == [] or all("%" in h.text for h in search(corpus_db, "%"))
    assert corpus_db.table_counts()["paragraphs"] > 1000  # the DROP TABLE attempt did nothing


def test_related_passages_come_from_other_plans(corpus_db) -> None:
    city = _doc_id(corpus_db, "001")
    source = next(h for h in search(corpus_db, "5G基站", plan=city, limit=20) if len(h.text) > 40)
    found = related(corpus_db, source.paragraph_id, k=5)
    assert found and all(r.plan_id != city for r in found)
    assert all(r.shared and 0 < r.score <= 1 for r in found)
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
    # With an embedder blended in (a fake here), still other plans, still ranked.
    blended = corpus_db.related(source.paragraph_id, k=3, embedder=HashEmbedder())
    assert blended and all(r.plan_id != city for r in blended)
    # Restricted to one district plan.
    panyu = _doc_id(corpus_db, "003")
    assert {r.plan_id for r in related(corpus_db, source.paragraph_id, k=3, plan=panyu)} == {panyu}
    by_text = related(corpus_db, text_="推进5G基站建设和智慧灯杆建设", k=3)
    assert by_text and any("基站" in r.shared for r in by_text)


def test_cli_search_json_and_text(corpus_db) -> None:
    runner = CliRunner()
    url = corpus_db.url
    out = runner.invoke(app, ["search", "研發經費", "--db", url, "--json", "--limit", "3"])
    assert out.exit_code == 0, out.output
    import json

    results = json.loads(out.stdout)["results"]
    assert len(results) == 3 and {"plan_id", "line", "snippet"} <= set(results[0])
    out = runner.invoke(app, ["search", '"(NEAR', "--db", url])
    assert out.exit_code == 0 and "Traceback" not in out.output
    out = runner.invoke(app, ["search", "绿道", "--db", url, "--region", "花都区", "--limit", "2"])
    assert out.exit_code == 0 and "绿道" in out.stdout and "line" in out.stdout
    out = runner.invoke(app, ["search", "绿道", "--db", url, "--plan", "999"])
    assert out.exit_code == 1 and "no plan" in out.output


PLAN = """某某区国民经济和社会发展第十四个五年规划纲要

第一章 生态建设

全面推进生态文明建设，统筹山水林田湖草系统治理，完善城市公园体系，加快推进河湖水系治理，提升城市品质，
持续改善空气质量，推动形成绿色生产生活方式，实施海绵城市建设，全面提升城市韧性和宜居水平。

建设海绵城市示范区，推广海绵城市技术。

第二章 数字经济

建设5G基站<500座>，推进千兆光网覆盖。
"""


def _write_plan(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_small_document_ranking_escaping_sync(store_url: str, tmp_path: Path) -> None:  # noqa: F811
    db = planscope.open(store_url)
    assert db.ingest([_write_plan(tmp_path / "docs")]).summary()["loaded"] == 1
    hits = db.search("海绵城市")
    # The short paragraph that is about 海绵城市 (twice) ranks above the long one mentioning it once.
    assert len(hits) == 2 and hits[0].text.startswith("建设海绵城市示范区")
    assert hits[0].snippet == "建设<mark>海绵城市</mark>示范区，推广<mark>海绵城市</mark>技术。"
    assert hits[0].section_path == ["第一章 生态建设"]
    five = db.search("5G")
    assert len(five) == 1 and "&lt;500座&gt;" in five[0].snippet and five[0].section_path == ["第二章 数字经济"]
    assert db.search("海绵城市", chapter="数字经济") == [] and len(db.search("5G", chapter="第二章")) == 1
    # The index follows the paragraphs: re-ingest adds nothing, deleting the document removes its rows.
    assert db.ingest([tmp_path / "docs"]).summary()["unchanged"] == 1
    assert len(db.search("海绵城市")) == 2
    assert db.reindex() == db.table_counts()["paragraphs"]
    assert len(db.search("海绵城市")) == 2
    table = PG_TABLE if store_url.startswith("postgresql") else FTS_TABLE
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM documents"))
    with db.engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    assert db.search("海绵城市") == [] and db.search("5G") == []
    db.close()


def test_store_opened_before_the_index_existed_gets_a_clear_message(tmp_path: Path) -> None:
    db = planscope.open(tmp_path / "old.db")
    db.ingest([corpus_file("002")])
    with db.engine.begin() as conn:
        conn.execute(text(f"DROP TABLE {FTS_TABLE}"))
    with pytest.raises(LookupError, match="--reindex"):
        db.search("绿道")
    assert db.reindex() == db.table_counts()["paragraphs"] > 0
    assert db.search("5G")
