"""Readable dumps of the pipeline's intermediate stages (``sup-parse debug FILE``)."""

from __future__ import annotations

from .pipeline import Stages


def dump_stages(st: Stages) -> str:
    out: list[str] = []
    out.append(f"# input: {st.input.path} ({'pdf' if st.input.is_pdf else 'text'}, {len(st.input.data)} bytes)")
    out.append(f"# pages: {len(st.pages)}")
    for page in st.pages:
        dropped = f", {page.dropped_chars} rotated/decorative chars dropped" if page.dropped_chars else ""
        rules = f", {len(page.rules)} ruling lines" if page.rules else ""
        out.append(f"## page {page.number}: {len(page.lines)} lines{dropped}{rules}")
        for line in page.lines:
            segs = " | ".join(f"{s.text}@{s.x0:.0f}" for s in line.segments) if len(line.segments) > 1 else line.text
            flag = "¶" if line.blank_before else " "
            out.append(f"  {line.role[:6]:6} {flag} x{line.x0:5.0f} y{line.top:5.0f} s{line.size:4.1f}{'b' if line.bold else ' '} {segs}")
    out.append("# structures")
    for t in st.structures:
        b = t.box
        out.append(f"## p{t.page} {t.kind} table{' (ruled)' if t.ruled else ''} x{b.x0:.0f}-{b.x1:.0f} y{b.top:.0f}-{b.bottom:.0f}: "
                   + " | ".join(f"{c.heading}={c.key or '?'}" for c in t.columns))
        for row in t.rows:
            out.append("    " + " | ".join(row.cells))
    out.append("# parts")
    for i, part in enumerate(st.parts):
        out.append(f"## part {i}: {part.kind} (marker {part.marker}) pages {part.pages}")
        for sheet in part.sheets:
            first = sheet.lines[0].text if sheet.lines else ""
            out.append(f"  sheet p{sheet.page}: {len(sheet.lines)} lines, starts {first[:70]!r}")
    return "\n".join(out)
