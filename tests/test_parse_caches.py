"""planscope.parse.clear_caches: the content-keyed caches of ingest and parse are found and emptied (the
benchmark's first-pass figure depends on it), static ones are kept, and no answer depends on what is cached."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import corpus_file
from planscope.ingest import script, wrap
from planscope.parse import clear_caches, content_caches, extract
from planscope.parse.outline_lines import classify, norm
from planscope.parse.outline_toc import toc_lines

FIXTURES = Path(__file__).parent / "fixtures_text_unseen"


def _names() -> set[str]:
    return {f"{fn.__module__}.{fn.__qualname__}" for fn in content_caches()}


def test_content_caches_are_found_and_emptied() -> None:
    extract(corpus_file("002"))
    names = _names()
    for expected in ("planscope.parse.outline_lines.norm", "planscope.parse.outline_lines.classify",
                     "planscope.parse.tables.content.squash", "planscope.parse.tables.content.value_score",
                     "planscope.parse.tables.align.cell_score", "planscope.parse.projects.header.role_of",
                     "planscope.parse.outline_toc._toc_lines"):
        assert expected in names, expected
    assert any(fn.cache_info().currsize for fn in content_caches())
    clear_caches()
    assert all(fn.cache_info().currsize == 0 for fn in content_caches())


def test_static_caches_are_kept() -> None:
    # the OpenCC converter and the compiled width class are built once per process, whatever the documents
    script.to_simplified("發展")
    wrap.display_width("发展")
    converter, narrow = script._t2s(), wrap._narrow()
    clear_caches()
    assert script._t2s() is converter and wrap._narrow() is narrow
    assert "planscope.ingest.script._t2s" not in _names()


def test_classify_cache_can_be_cleared_and_still_hands_out_copies() -> None:
    head = classify("第一章 总体要求")
    assert head is not None and classify.cache_info().currsize >= 1  # type: ignore[attr-defined]
    clear_caches()
    assert classify.cache_info().currsize == 0  # type: ignore[attr-defined]
    again = classify("第一章 总体要求")
    assert again == head and again is not head
    assert norm("\u3000第一章\u00a0 总体要求 ") == "第一章 总体要求"


def test_toc_lines_hands_out_its_own_set() -> None:
    lines = ["目录", "第一章 总体要求……1", "第二章 发展基础……5", "第三章 主要任务……9", "", "第一章 总体要求", "正文。"]
    first = toc_lines(lines)
    assert first == {1, 2, 3, 4, 5}  # the blank line closing it too
    first.add(99)
    assert toc_lines(lines) == {1, 2, 3, 4, 5}


def test_answers_do_not_depend_on_the_caches() -> None:
    # each document parsed cold, then again with every cache warm from all of them: the same JSON
    paths = [corpus_file("000"), corpus_file("003"), *sorted(FIXTURES.glob("*.txt"))[:4]]
    cold = []
    for p in paths:
        clear_caches()
        cold.append(json.dumps(extract(p).to_json(), ensure_ascii=False, sort_keys=True))
    warm = [json.dumps(extract(p).to_json(), ensure_ascii=False, sort_keys=True) for p in paths]
    assert cold == warm
