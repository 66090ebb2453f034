"""User query → a small, safe query structure. User text never reaches an FTS MATCH or LIKE unescaped.

Grammar (forgiving: any input parses, nothing raises):
- terms separated by whitespace must all occur (AND); a literal `AND` between terms is accepted and ignored;
- `OR` (or `|`) between two terms makes them alternatives: 绿道 OR 碧道;
- "quoted text" (ASCII or Chinese quotes) is one term, spaces inside dropped (the index ignores whitespace);
  an unterminated quote runs to the end;
- punctuation around a term is dropped ((绿道) → 绿道, 研发* → 研发), punctuation inside is kept (R&D, 5.5);
  a term with no letter or digit at all is dropped.
Terms are folded to the index's search form (simplified, NFKC, lower case): 研發經費 → 研发经费.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from planscope.search.normalize import query_form

# Terms shorter than this cannot use a trigram index (SQLite FTS5 and pg_trgm need 3 characters).
TRIGRAM = 3
MAX_TERMS = 16  # a pasted paragraph is not a query: keep the SQL small

_TOKEN = re.compile(r'"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|(\S+)')


@dataclass
class Query:
    """Clauses ANDed together; each clause is a list of alternative terms (ORed), all in search form."""

    clauses: list[list[str]] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        return [t for c in self.clauses for t in c]

    def __bool__(self) -> bool:
        return bool(self.clauses)


def _is_alnum(c: str) -> bool:
    return unicodedata.category(c)[0] in "LN"


def _trim(term: str) -> str:
    start, end = 0, len(term)
    while start < end and not _is_alnum(term[start]):
        start += 1
    while end > start and not _is_alnum(term[end - 1]):
        end -= 1
    return term[start:end]


def parse_query(text: str | None) -> Query:
    words: list[tuple[str, bool]] = []  # (term, quoted)
    for m in _TOKEN.finditer(text or ""):
        quoted = next((g for g in m.groups()[:3] if g is not None), None)
        words.append((quoted, True) if quoted is not None else (m.group(4), False))
    clauses: list[list[str]] = []
    join_next = False
    for word, quoted in words:
        if not quoted and word in ("OR", "|", "||"):
            join_next = bool(clauses)
            continue
        if not quoted and word in ("AND", "&&", "&"):
            continue
        term = _trim(query_form(word))
        if not term:
            continue
        if join_next and clauses:
            if term not in clauses[-1]:
                clauses[-1].append(term)
        elif [term] not in clauses:
            clauses.append([term])
        join_next = False
    # Cap the size: keep the first clauses, each with its first alternatives.
    out: list[list[str]] = []
    budget = MAX_TERMS
    for c in clauses:
        if budget <= 0:
            break
        out.append(c[:budget])
        budget -= len(out[-1])
    return Query(out)


def fts5_phrase(term: str) -> str:
    """A term as an FTS5 string: double quotes make everything inside literal (operators, *, parentheses)."""
    return '"' + term.replace('"', '""') + '"'


def fts5_expression(clauses: list[list[str]]) -> str:
    """AND of ORs of quoted phrases; every term must be at least TRIGRAM characters long."""
    parts = []
    for c in clauses:
        alts = " OR ".join(fts5_phrase(t) for t in c)
        parts.append(f"({alts})" if len(c) > 1 else alts)
    return " AND ".join(parts)


def like_pattern(term: str) -> str:
    """A LIKE pattern matching `term` anywhere, with LIKE's wildcards escaped (use ESCAPE '\\')."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
