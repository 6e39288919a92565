"""Extractors: small registered units with stable ids, run in a declared order.

Each extractor reads what the earlier stages found for one part of a file (its
``Context``: page header lines, front-matter fields, tables, § raw paragraphs …) and
fills its own fields of the Document: ``protocol.meeting`` the meeting, ``protocol.
attendance`` the attendance, and so on.  An extractor writes only its fields, so each
can be run and tested alone (``run_one``), and ``docs/extractors.md`` lists them all
(``make docs``), like the check rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .. import models as m


@dataclass(frozen=True)
class Extractor:
    id: str  # stable: "<part kind>.<what>"
    kinds: frozenset[str]  # the part kinds it runs on: protocol, tjansteskrivelse, kallelse, bilaga
    reads: str  # what it reads, for the docs
    writes: str  # the Document fields it fills, for the docs
    run: Callable[[Any, m.Document], None]


REGISTRY: list[Extractor] = []


def extractor(id: str, kinds: Iterable[str], reads: str, writes: str) -> Callable[[Callable[[Any, m.Document], None]], Any]:
    """Register the decorated ``fn(ctx, doc)`` as the extractor ``id`` (in definition order)."""
    def register(fn: Callable[[Any, m.Document], None]) -> Callable[[Any, m.Document], None]:
        if any(e.id == id for e in REGISTRY):
            raise ValueError(f"extractor {id} is registered twice")
        REGISTRY.append(Extractor(id=id, kinds=frozenset(kinds), reads=reads, writes=writes, run=fn))
        return fn
    return register


def extractors(kind: str) -> list[Extractor]:
    """The extractors of a part kind, in their order."""
    _load()
    return [e for e in REGISTRY if kind in e.kinds]


def run_all(kind: str, ctx: Any, doc: m.Document) -> m.Document:
    for e in extractors(kind):
        e.run(ctx, doc)
    return doc


def run_one(id: str, ctx: Any, doc: m.Document) -> m.Document:
    """Run one extractor alone (tests, debugging)."""
    _load()
    next(e for e in REGISTRY if e.id == id).run(ctx, doc)
    return doc


def _load() -> None:
    from . import kallelse, protocol, tjanst  # noqa: F401  (registration happens on import)


def extractors_markdown() -> str:
    """docs/extractors.md: every extractor, what it reads and what it writes."""
    _load()
    out = ["# Extractors", "",
           "Generated from the registry in `sup_parse/extract/` (`make docs`). Each extractor reads what the",
           "pipeline's stages found for one part of a file and fills its own fields of the Document; those of a",
           "kind of part run in this order.", "",
           "| id | runs on | reads | writes |", "|---|---|---|---|"]
    order = ["protocol", "tjansteskrivelse", "kallelse", "bilaga"]
    for e in sorted(REGISTRY, key=lambda e: min(order.index(k) for k in e.kinds)):
        out.append(f"| `{e.id}` | {', '.join(sorted(e.kinds))} | {e.reads} | {e.writes} |")
    return "\n".join(out) + "\n"
