"""``sup-parse show``: a readable summary of a Document in the terminal (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .models import Document


def render(doc: Document, console: Console | None = None) -> None:
    console = console or Console()
    h = doc.header
    console.print(f"[bold]{doc.kind.value}[/bold]  {h.municipality or ''} {h.organ or ''}  {h.date or ''}".strip())
    if h.title:
        console.print(f"[bold]{h.title}[/bold]" + (f"  (dnr {h.dnr})" if h.dnr else ""))
    if doc.meeting:
        mt = doc.meeting
        rng = f"§§ {mt.paragraphs.first}–{mt.paragraphs.last}" if mt.paragraphs else ""
        times = f"{mt.start or ''}–{mt.end or ''}" if mt.start else ""
        console.print(f"Sammanträde: {mt.date or '?'} {times} {mt.place or ''} {rng}".rstrip())
    if doc.attendance and (doc.attendance.members or doc.attendance.others):
        table = Table(title="Närvaro", show_lines=False)
        for col in ("namn", "parti", "roll", "ersätter", "§§"):
            table.add_column(col)
        for mem in doc.attendance.members:
            table.add_row(mem.name, mem.party or "", mem.role or "", mem.substitute_for or "",
                          ",".join(map(str, mem.paragraphs)) if mem.paragraphs else "")
        for sub in doc.attendance.substitutes:
            table.add_row(sub.name, sub.party or "", "ersättare (ej tjänstgörande)", "", "")
        for oth in doc.attendance.others:
            table.add_row(oth.name, "", ", ".join(x for x in (oth.title, oth.unit) if x), "", "")
        for ab in doc.attendance.absent:
            table.add_row(ab.name, ab.party or "", "frånvarande", "", "")
        console.print(table)
    for p in doc.paragraphs:
        console.print(f"[bold]§ {p.number}[/bold] {p.title or ''}" + (f"  [dim]{p.dnr}[/dim]" if p.dnr else "")
                      + f"  [dim]s. {','.join(map(str, p.pages))}[/dim]")
        if p.proposal and p.proposal.items:
            console.print(f"  Förslag ({p.proposal.by or '?'} → {p.proposal.to or '?'}):")
            for item in p.proposal.items:
                console.print(f"    – {item}")
        if p.decision and p.decision.items:
            console.print("  Beslut:")
            for item in p.decision.items:
                console.print(f"    – {item}")
    if doc.proposal:
        console.print(f"Förslag ({doc.proposal.by or '?'} → {doc.proposal.to or '?'}):")
        for item in doc.proposal.items:
            console.print(f"  – {item}")
    for s in doc.signatures:
        console.print(f"Underskrift: {s.role or ''} {s.name or ''} {s.title or ''}".rstrip())
    if doc.verification:
        console.print(f"Justering: {doc.verification.place or '–'} {doc.verification.date or ''}")
    if doc.posting:
        ps = doc.posting
        console.print(f"Anslag: {ps.posted_on or '?'} – {ps.removed_on or '?'}, {ps.storage or ''}")
    for e in doc.enclosures:
        console.print(f"[dim]Bifogad: {e.kind.value} {e.header.title or ''} (s. {','.join(map(str, e.pages))})[/dim]")
    for w in doc.warnings:
        console.print(f"[yellow]varning {w.code}[/yellow] s.{w.page or '-'}: {w.message}")
