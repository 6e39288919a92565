"""Text normalisation at input: the same characters whatever the producer wrote."""

from __future__ import annotations

import unicodedata

import pytest

import sup_parse
from sup_parse.layout import Word
from sup_parse.textnorm import normalize_text, normalize_words


@pytest.mark.parametrize(("raw", "want"), [
    ("Tja\u0308nstgo\u0308rande ersa\u0308ttare", "Tjänstgörande ersättare"),  # NFD
    ("\ufb01nansiering och e\ufb00ekt", "finansiering och effekt"),
    ("Söder\u00adtörns", "Södertörns"),
    ("Södertörns\u00ad", "Södertörns-"),
    ("Södertörns\u00ad\nkommunerna", "Södertörns-\nkommunerna"),
    ("kl.\u00a013.00\u202f–\u200915.30", "kl. 13.00 – 15.30"),
    ("Riis\u2010Pedersen", "Riis-Pedersen"),
    ("Riis\u2011Pedersen", "Riis-Pedersen"),
    ("\u2212 5", "- 5"),
    ("§§ 58\u201271", "§§ 58–71"),
    ("zero\u200bwidth\ufeff", "zerowidth"),
    ("\uf0b7 att bifalla", "• att bifalla"),
    ("a\x07b\x85c", "abc"),
    ("rad 1\n\tra\u0308d 2\f", "rad 1\n\träd 2\f"),
    ("plain ascii stays", "plain ascii stays"),
    ("em — dash kept", "em — dash kept"),
])
def test_normalize_text(raw: str, want: str) -> None:
    assert normalize_text(raw) == want


def test_words_left_empty_are_dropped() -> None:
    words = [Word("\u200b", 0, 1, 0, 1), Word("Ja\u0308", 2, 9, 0, 10), Word("ok", 10, 20, 0, 10)]
    assert [w.text for w in normalize_words(words)] == ["Jä", "ok"]


def test_nfd_text_parses_like_nfc() -> None:
    text = open("samples/tyreso-klu-2019-08-07-p60-utdrag.txt", encoding="utf-8").read()
    nfc = sup_parse.parse(text).model_dump(mode="json")
    nfd = sup_parse.parse(unicodedata.normalize("NFD", text)).model_dump(mode="json")
    nfc.pop("source")
    nfd.pop("source")
    assert nfd == nfc
    assert any(m["role"] == "tjänstgörande ersättare" for m in nfd["attendance"]["members"])
