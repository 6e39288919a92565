"""Crafted hostile PDFs, one generator per class of attack, for the fuzz harness
(tools/fuzz.py) and the limit tests.  Every file is built here byte by byte (pikepdf
only encrypts), so what each one does is on the page.

Classes: decompression bombs (content stream, ToUnicode CMap, image, a stream
compressed twice), CMap amplification (full and huge ranges), huge page boxes, deep
nesting (arrays, the page tree), many pages, many operators and characters on a page,
rotated text layers, every encryption revision with an empty password, active content
(JavaScript, Launch, embedded files).
"""

from __future__ import annotations

import io
import warnings
import zlib
from collections.abc import Callable, Iterator

from helpers import PROTOKOLL, helvetica_pdf, pdf_of

GIB = 1 << 30
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def deflated(size: int, fill: bytes = b" ") -> bytes:
    """``size`` bytes of ``fill``, deflated at the highest ratio (about 1:1000)."""
    comp = zlib.compressobj(9)
    chunk = fill * ((16 << 20) // len(fill))
    out = io.BytesIO()
    left = size
    while left > 0:
        piece = chunk[: min(left, len(chunk))]
        out.write(comp.compress(piece))
        left -= len(piece)
    out.write(comp.flush())
    return out.getvalue()


def flate_stream(data: bytes, extra: bytes = b"", filters: bytes = b"/FlateDecode") -> bytes:
    return b"<< /Length %d /Filter %s%s >>\nstream\n" % (len(data), filters, extra) + data + b"\nendstream"


def page_pdf(contents: list[bytes], *, mediabox: bytes = b"[0 0 595 842]", page_extra: bytes = b"",
             font: bytes = FONT, catalog_extra: bytes = b"", extra_objects: tuple[bytes, ...] = ()) -> bytes:
    """Pages whose content streams (as written objects) are ``contents``; Helvetica as F1
    (object 3); ``extra_objects`` follow from object 4 + len(contents)."""
    n = len(contents)
    first = 4 + n + len(extra_objects)
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(n))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R%s >>"
             % (mediabox, 4 + i, page_extra) for i in range(n)]
    return pdf_of([b"<< /Type /Catalog /Pages 2 0 R%s >>" % catalog_extra,
                   b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), font, *contents, *extra_objects, *pages])


def _plain(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def bomb_content() -> bytes:
    """A content stream that inflates to 1.1 GiB of spaces."""
    return page_pdf([flate_stream(deflated(int(1.1 * GIB)))])


def bomb_cmap() -> bytes:
    """A ToUnicode CMap that inflates to 1.1 GiB (spaces after a valid head)."""
    cmap = deflated(int(1.1 * GIB))
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 5 0 R >>"
    return page_pdf([_plain(PROTOKOLL)], font=font, extra_objects=(flate_stream(cmap),))


def bomb_twice(size: int = GIB) -> bytes:
    """A stream deflated twice (/Filter [/FlateDecode /FlateDecode]): 1 GiB from a few KB."""
    inner = deflated(size)
    return page_pdf([flate_stream(zlib.compress(inner, 9), filters=b"[/FlateDecode /FlateDecode]")])


def bomb_image() -> bytes:
    """A page without text whose image inflates to 1.2 GiB of grey pixels."""
    side = 35000
    image = flate_stream(deflated(side * side, b"\xff"),
                         b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
                         % (side, side))
    draw = _plain(b"q 595 0 0 842 0 0 cm /Im1 Do Q")
    pdf = page_pdf([draw], extra_objects=(image,))
    return pdf.replace(b"/Resources << /Font << /F1 3 0 R >> >>", b"/Resources << /XObject << /Im1 5 0 R >> >>")


def cmap(ranges: bytes, width: int = 2) -> bytes:
    lo, hi = b"00" * width, b"FF" * width
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adv def "
            b"1 begincodespacerange <%s> <%s> endcodespacerange\n%s\nendcmap CMapName currentdict /CMap defineresource pop "
            b"end end" % (lo, hi, ranges))


def cmap_full_range() -> bytes:
    """bfrange over every two-byte code, many times over."""
    ranges = b"100 beginbfrange\n" + b"<0000> <FFFF> <0041>\n" * 100 + b"endbfrange"
    return helvetica_pdf(to_unicode=cmap(ranges))


def cmap_huge_destination() -> bytes:
    """Four-byte codes, a range of 2^32 codes and destinations of 10,000 characters."""
    ranges = (b"2 beginbfrange\n<00000000> <FFFFFFFF> <0041>\n<00000000> <FFFFFFFF> <" + b"0041" * 10000 + b">\nendbfrange")
    return helvetica_pdf(to_unicode=cmap(ranges, 4))


def huge_mediabox_scan() -> bytes:
    """A 14,400 pt square page whose only content is an image over all of it: OCR would
    render it at 60,000 pixels square at 300 dpi."""
    image = b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 " \
            b"/Length 64 >>\nstream\n" + bytes(range(0, 256, 4)) + b"\nendstream"
    pdf = page_pdf([_plain(b"q 14400 0 0 14400 0 0 cm /Im1 Do Q")], mediabox=b"[0 0 14400 14400]", extra_objects=(image,))
    return pdf.replace(b"/Resources << /Font << /F1 3 0 R >> >>", b"/Resources << /XObject << /Im1 5 0 R >> >>")


def huge_mediabox() -> bytes:
    """A 14,400 pt square page (the largest PDF allows) with a drawing and no text."""
    return page_pdf([_plain(b"0 0 m 14400 14400 l S")], mediabox=b"[0 0 14400 14400]")


def deep_arrays() -> bytes:
    """An array nested 100,000 deep in the page dictionary."""
    return page_pdf([_plain(PROTOKOLL)], page_extra=b" /Deep " + b"[" * 100_000 + b"]" * 100_000)


def deep_forms(depth: int = 2000) -> bytes:
    """The page's text, then a form XObject that draws a form that draws a form …
    ``depth`` levels deep, a line at the bottom."""
    first = 5  # objects 5 … 5 + depth - 1 are the forms
    forms = []
    for level in range(depth):
        me = first + level
        if level + 1 < depth:
            body = b"/Fm%d Do" % (me + 1)
            resources = b"<< /XObject << /Fm%d %d 0 R >> >>" % (me + 1, me + 1)
        else:
            body, resources = b"0 0 m 100 0 l S", b"<< >>"
        forms.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources %s /Length %d >>\nstream\n%s\nendstream"
                     % (resources, len(body), body))
    content = PROTOKOLL + b" /Fm%d Do" % first
    pdf = page_pdf([_plain(content)], extra_objects=tuple(forms))
    return pdf.replace(b"/Resources << /Font << /F1 3 0 R >> >>",
                       b"/Resources << /Font << /F1 3 0 R >> /XObject << /Fm%d %d 0 R >> >>" % (first, first))


def deep_page_tree() -> bytes:
    """A page tree 5,000 levels deep with one page at the bottom."""
    depth = 5000
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        me = 2 + level
        parent = b" /Parent %d 0 R" % (me - 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (me + 1, parent))
    page = 2 + depth
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
                   b"/Contents %d 0 R >>" % (page - 1, page + 1, page + 2))
    objects += [FONT, _plain(PROTOKOLL)]
    return pdf_of(objects)


def many_pages(n: int = 10_000) -> bytes:
    """``n`` pages of one § each."""
    contents = [_plain(b"BT /F1 11 Tf 72 760 Td (Protokoll Kommunstyrelsen) Tj 0 -20 Td (\xa7 %d Arende %d) Tj "
                       b"0 -14 Td (Beslut) Tj 0 -14 Td (Kommunstyrelsen beslutar att bifalla forslaget.) Tj ET"
                       % (i + 1, i + 1)) for i in range(n)]
    return page_pdf(contents)


def many_operators() -> bytes:
    """Two million path operators on one page (deflated)."""
    return page_pdf([flate_stream(zlib.compress(PROTOKOLL + b" " + b"1 1 m 2 2 l " * 1_000_000, 9))])


def dense_page(chars: int = 1_000_000) -> bytes:
    """A content stream (written object) of ``chars`` characters (deflated)."""
    return flate_stream(zlib.compress(b"BT /F1 1 Tf 0 800 Td " + b"(abcdefghij) Tj " * (chars // 10) + b"ET", 9))


def many_chars() -> bytes:
    """One million characters on one page."""
    return page_pdf([dense_page()])


def rotated(angle: int) -> Callable[[], bytes]:
    def make() -> bytes:
        return page_pdf([_plain(PROTOKOLL)], page_extra=b" /Rotate %d" % angle)
    make.__doc__ = f"A text page shown turned by /Rotate {angle}."
    return make


def active_content() -> bytes:
    """JavaScript on open, a Launch action and an embedded file."""
    js = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"
    launch = b"<< /S /Launch /F (calc.exe) >>"
    embedded = b"<< /Type /EmbeddedFile /Length 4 >>\nstream\nevil\nendstream"
    extra = b" /OpenAction 5 0 R /AA << /WC 6 0 R >> /Names << /EmbeddedFiles << /Names [(x) << /Type /Filespec /F (x) /EF << /F 7 0 R >> >>] >> >>"
    return page_pdf([_plain(PROTOKOLL)], catalog_extra=extra, extra_objects=(js, launch, embedded))


def encrypted(revision: int) -> Callable[[], bytes]:
    """The protokoll page encrypted with an empty user password (R2 RC4-40 … R6 AES-256)."""
    def make() -> bytes:
        import pikepdf

        settings = {2: {"R": 2, "metadata": False, "aes": False}, 3: {"R": 3, "metadata": False, "aes": False}, 4: {"R": 4, "aes": True}, 5: {"R": 5, "aes": True}, 6: {"R": 6, "aes": True}}
        out = io.BytesIO()
        with pikepdf.open(io.BytesIO(helvetica_pdf())) as pdf, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "R=5 is deprecated": it is still what some files carry
            pdf.save(out, encryption=pikepdf.Encryption(user="", owner="owner", **settings[revision]))  # type: ignore[arg-type]
        return out.getvalue()
    make.__doc__ = f"Encrypted, revision {revision}, empty user password."
    return make


CASES: dict[str, Callable[[], bytes]] = {
    "bomb-content": bomb_content,
    "bomb-cmap": bomb_cmap,
    "bomb-twice": bomb_twice,
    "bomb-image": bomb_image,
    "cmap-full-range": cmap_full_range,
    "cmap-huge-destination": cmap_huge_destination,
    "huge-mediabox": huge_mediabox,
    "huge-mediabox-scan": huge_mediabox_scan,
    "deep-arrays": deep_arrays,
    "deep-page-tree": deep_page_tree,
    "deep-forms": deep_forms,
    "many-pages": many_pages,
    "many-operators": many_operators,
    "many-chars": many_chars,
    "rotate-90": rotated(90),
    "rotate-180": rotated(180),
    "rotate-270": rotated(270),
    "active-content": active_content,
    **{f"encrypted-r{r}": encrypted(r) for r in (2, 3, 4, 5, 6)},
}


def cases() -> Iterator[tuple[str, bytes]]:
    for name, make in CASES.items():
        yield name, make()
