"""``sup-parse show``: a readable summary of a Document in the terminal (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .models import Document


def _(value: Any) -> str:
    """A document's value as literal text: brackets in it are not rich markup."""
    return escape(str(value)) if value is not None else ""


def render(doc: Document, console: Console | None = None) -> None:
    console = console or Console()
    h = doc.header
    console.print(f"[bold]{_(doc.kind.value)}[/bold]  {_(h.municipality or '')} {_(h.organ or '')}  {_(h.date or '')}".strip())
    if h.title:
        console.print(f"[bold]{_(h.title)}[/bold]" + (f"  (dnr {_(h.dnr)})" if h.dnr else ""))
    if doc.meeting:
        mt = doc.meeting
        rng = f"§§ {_(mt.paragraphs.first)}–{_(mt.paragraphs.last)}" if mt.paragraphs else ""
        times = f"{_(mt.start or '')}–{_(mt.end or '')}" if mt.start else ""
        console.print(f"Sammanträde: {_(mt.date or '?')} {times} {_(mt.place or '')} {rng}".rstrip())
    if doc.attendance and (doc.attendance.members or doc.attendance.others):
        table = Table(title="Närvaro", show_lines=False)
        for col in ("namn", "parti", "roll", "ersätter", "§§"):
            table.add_column(col)
        for mem in doc.attendance.members:
            table.add_row(_(mem.name), _(mem.party), _(mem.role), _(mem.substitute_for),
                          ",".join(map(str, mem.paragraphs)) if mem.paragraphs else "")
        for sub in doc.attendance.substitutes:
            table.add_row(_(sub.name), _(sub.party), "ersättare (ej tjänstgörande)", "", "")
        for oth in doc.attendance.others:
            table.add_row(_(oth.name), "", _(", ".join(x for x in (oth.title, oth.unit) if x)), "", "")
        for ab in doc.attendance.absent:
            table.add_row(_(ab.name), _(ab.party), "frånvarande", "", "")
        console.print(table)
    for p in doc.paragraphs:
        console.print(f"[bold]§ {_(p.number)}[/bold] {_(p.title or '')}" + (f"  [dim]{_(p.dnr)}[/dim]" if p.dnr else "")
                      + f"  [dim]s. {','.join(map(str, p.pages))}[/dim]")
        if p.proposal and p.proposal.items:
            console.print(f"  Förslag ({_(p.proposal.by or '?')} → {_(p.proposal.to or '?')}):")
            for item in p.proposal.items:
                console.print(f"    – {_(item)}")
        if p.decision and p.decision.items:
            console.print("  Beslut:")
            for item in p.decision.items:
                console.print(f"    – {_(item)}")
    if doc.proposal:
        console.print(f"Förslag ({_(doc.proposal.by or '?')} → {_(doc.proposal.to or '?')}):")
        for item in doc.proposal.items:
            console.print(f"  – {_(item)}")
    for s in doc.signatures:
        console.print(f"Underskrift: {_(s.role or '')} {_(s.name or '')} {_(s.title or '')}".rstrip())
    if doc.verification:
        console.print(f"Justering: {_(doc.verification.place or '–')} {_(doc.verification.date or '')}")
    if doc.posting:
        ps = doc.posting
        console.print(f"Anslag: {_(ps.posted_on or '?')} – {_(ps.removed_on or '?')}, {_(ps.storage or '')}")
    for e in doc.enclosures:
        console.print(f"[dim]Bifogad: {_(e.kind.value)} {_(e.header.title or '')} (s. {','.join(map(str, e.pages))})[/dim]")
    for w in doc.warnings:
        console.print(f"[yellow]varning {_(w.code)}[/yellow] s.{_(w.page or '-')}: {_(w.message)}")
