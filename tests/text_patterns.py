"""Text inputs that repeat one shape to any size, for the growth table of the fuzz
harness (tools/fuzz.py) and the linear-time tests: each pattern, at 100 KB and 1 MB,
must cost time linear in its size.

Each maker takes a size in bytes and returns a text of about that size (UTF-8).  The
shapes are what flattened conversions and hostile inputs repeat: wrapped prose, §
numbers, page-number lines, dates, § ranges, "till", vote counts, unclosed comments,
long lines without spaces, deep indentation, tables in markdown, …
"""

from __future__ import annotations

from collections.abc import Callable

HEAD = "PROTOKOLL\nKommunstyrelsen\nSammanträdesdatum 2026-03-04\n\n"


def _fill(unit: str, size: int, sep: str = "\n") -> str:
    count = max(1, size // max(1, len((unit + sep).encode("utf-8"))))
    return sep.join([unit] * count)


def _numbered(make: Callable[[int], str], size: int, sep: str = "\n") -> str:
    parts: list[str] = []
    total = i = 0
    while total < size:
        piece = make(i)
        parts.append(piece)
        total += len(piece.encode("utf-8")) + len(sep)
        i += 1
    return sep.join(parts)


PATTERNS: dict[str, Callable[[int], str]] = {
    "wrapped prose": lambda n: HEAD + "§ 1 Ärende\n\nBeslut\n" + _fill(
        "kommunstyrelsen beslutar att godkänna förslaget och att uppdra åt förvaltningen", n),
    "one paragraph, no breaks": lambda n: HEAD + "§ 1 Ärende\n\n" + _fill("ord", n, " ") + "\n",
    "hyphenated wraps": lambda n: HEAD + "§ 1 Ärende\n\n" + _fill("förvalt-\nningen ansvarar för verksam-\nheten", n),
    "repeated § number": lambda n: HEAD + _fill("§ 1 Ärende\nBeslut\nBifall.", n),
    "increasing §": lambda n: HEAD + _numbered(lambda i: f"§ {i + 1} Ärende {i}\n\nBeslut\nKommunstyrelsen beslutar att bifalla.\n", n),
    "page-number lines": lambda n: HEAD + _numbered(lambda i: f"Sida {i + 1} av 9999\ntext på sidan", n),
    "bare page numbers": lambda n: HEAD + _numbered(lambda i: f"{i + 1}\nJusterandes signatur", n),
    "form feeds": lambda n: HEAD + _numbered(lambda i: f"§ {i + 1} Ärende\nBeslut\nBifall.\f", n, ""),
    "many dates in one field": lambda n: HEAD + "Sammanträdesdatum " + _fill("2026-03-04", n, " ") + "\n",
    "many dates in prose": lambda n: HEAD + "§ 1 Ärende\n\n" + _fill("den 4 mars 2026 och den 5 april 2026", n, " ") + "\n",
    "many § ranges": lambda n: HEAD + "Paragrafer " + _fill("§§ 1-12, 14", n, ", ") + "\n",
    "many till": lambda n: HEAD + "§ 1 Ärende\n\n" + _fill("från 2026 till 2027 till", n, " ") + "\n",
    "many vote counts": lambda n: HEAD + "§ 1 Ärende\n\nOmröstning\n" + _fill("Ja 25 röster, nej 24 röster", n),
    "vote lists": lambda n: HEAD + "§ 1 Ärende\n\nOmröstningsresultat\n" + _numbered(
        lambda i: f"Anna Andersson{i} (S) Ja", n),
    "unclosed comment": lambda n: HEAD + "<!-- " + _fill("kommentar utan slut", n),
    "many comments": lambda n: HEAD + _fill("<!-- a --> text <!-- b", n),
    "attendance list": lambda n: HEAD + "Beslutande\n" + _numbered(lambda i: f"Anna Andersson{i} (S), ordförande", n),
    "substitution chain": lambda n: HEAD + "Tjänstgörande ersättare\n" + _fill("Bo Ek (M) ersätter Eva Ek (M)", n, " "),
    "names without parties": lambda n: HEAD + "Närvarande\n" + _fill("Anna Andersson", n, ", ") + "\n",
    "long line without spaces": lambda n: HEAD + "x" * n + "\n",
    "long word of letters": lambda n: HEAD + "§ 1 " + "å" * (n // 2) + "\n",
    "deep indentation": lambda n: HEAD + _numbered(lambda i: " " * (i % 200) + "Beslut", n),
    "markdown table": lambda n: HEAD + "| Namn | Parti | Roll |\n|---|---|---|\n" + _fill("| Anna Ek | S | ledamot |", n),
    "markdown headings": lambda n: HEAD + _numbered(lambda i: f"## § {i + 1} Ärende\n\nText.", n),
    "labels with values": lambda n: HEAD + _fill("Plats och tid: Stadshuset kl. 13.00-15.00", n),
    "many times": lambda n: HEAD + "Tid " + _fill("kl. 13.00-15.00", n, " ") + "\n",
    "justering lines": lambda n: HEAD + _fill("Justerare\nUnderskrifter Sekreterare", n),
    "signature blocks": lambda n: HEAD + _fill("Ordförande\n\nAnna Ek\n\nJusterande\n\nBo Ek", n),
    "dnr references": lambda n: HEAD + "§ 1 Ärende\n\n" + _fill("Dnr KS 2026/123", n, " ") + "\n",
    "bullets": lambda n: HEAD + "§ 1 Ärende\n\nBeslut\n" + _fill("- att godkänna", n),
    "yrkanden": lambda n: HEAD + "§ 1 Ärende\n\nYrkanden\n" + _fill("Anna Ek (S) yrkar bifall till förslaget.", n),
    "reservations": lambda n: HEAD + "§ 1 Ärende\n\nReservation\n" + _fill("Bo Ek (M) reserverar sig mot beslutet.", n),
    "bilagor list": lambda n: HEAD + "Bilagor\n" + _numbered(lambda i: f"Bilaga {i + 1} Rapport", n),
    "brackets": lambda n: HEAD + _fill("((((((((", n, ""),
    "unmatched parens in names": lambda n: HEAD + "Beslutande\n" + _fill("Anna (S (M (KD", n, " "),
    "digits only": lambda n: HEAD + _fill("1234567890", n, " ") + "\n",
    "blank lines": lambda n: HEAD + "§ 1 Ärende\n" + "\n" * n + "Beslut\nBifall.\n",
    "tabs and spaces": lambda n: HEAD + _fill("a\t\t  \t b", n),
    "kallelse agenda": lambda n: "KALLELSE\nKommunstyrelsen\n\n" + _numbered(lambda i: f"{i + 1}. Ärende {i} Dnr 2026/{i}", n),
    "tjänsteskrivelse": lambda n: "TJÄNSTESKRIVELSE\nDatum 2026-03-04\n\nFörslag till beslut\n" + _fill(
        "Kommunstyrelsen föreslås besluta att godkänna", n),
    "utdrag repeated": lambda n: _fill("PROTOKOLLSUTDRAG\nKommunstyrelsen\n§ 1 Ärende\nBeslut\nBifall.", n),
    "mixed scripts": lambda n: HEAD + _fill("Ärende ωσπερ ÄÖÅ 中文 ﬁ", n),
    "combining marks": lambda n: HEAD + _fill("a\u0308a\u030a", n, " ") + "\n",
    "punctuation runs": lambda n: HEAD + _fill(".,;:!?-–", n, ""),
}
