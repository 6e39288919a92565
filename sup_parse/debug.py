"""Readable dumps of the pipeline's intermediate stages (``sup-parse debug FILE``)."""

from __future__ import annotations

from .blocks import lines_to_fields
from .pipeline import Stages
from .structures import find_columns

GRID_VALUES = 6  # a label with more value lines than this is running text, not a grid's


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
    taken = {id(line) for t in st.structures for line in t.lines}
    body = [line for page in st.pages for line in page.lines if line.role == "body" and id(line) not in taken]
    for c in find_columns(body):
        b = c.box
        out.append(f"## p{c.page} text columns x{b.x0:.0f}-{b.x1:.0f} y{b.top:.0f}-{b.bottom:.0f}, split at x{c.split:.0f}")
        out.extend(f"    left  {x.text}" for x in c.left())
        out.extend(f"    right {x.text}" for x in c.right())
    for page in st.pages:
        fields, _ = lines_to_fields([line for line in page.lines if id(line) in {id(x) for x in body}])
        fields = [f for f in fields if 0 < len(f.values) <= GRID_VALUES]
        if fields:
            out.append(f"## p{page.number} label grid: {len(fields)} labels")
            out.extend(f"    {f.label} ({f.key}) = {' / '.join(f.texts)}" for f in fields)
    out.append("# parts")
    for i, part in enumerate(st.parts):
        out.append(f"## part {i}: {part.kind} (marker {part.marker}) pages {part.pages}")
        for sheet in part.sheets:
            first = sheet.lines[0].text if sheet.lines else ""
            out.append(f"  sheet p{sheet.page}: {len(sheet.lines)} lines, starts {first[:70]!r}")
    return "\n".join(out)
