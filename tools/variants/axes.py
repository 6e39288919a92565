"""Layout axes: every way the same content can be printed.

A variant is (kind, content seed, one value per axis).  ``draw`` makes an independent
random draw per axis; ``resolve`` then applies the documented rules (``RULES``) that
turn an impossible combination into a possible one, and says which it applied.  An
axis that does not apply to the kind (or to a variant without front matter) is None.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

P, U, T, K = "protokoll", "protokollsutdrag", "tjansteskrivelse", "kallelse"
ALL = frozenset({P, U, T, K})
PU = frozenset({P, U})

KIND_WEIGHTS = {P: 45, U: 20, T: 20, K: 15}


@dataclass(frozen=True)
class Axis:
    name: str
    values: tuple[str, ...]
    kinds: frozenset[str] = ALL
    weights: tuple[int, ...] | None = None
    front: bool = False  # only where the protocol's front matter is printed


def _a(name: str, values: str, kinds: frozenset[str] = ALL, weights: tuple[int, ...] | None = None,
       front: bool = False) -> Axis:
    return Axis(name, tuple(values.split("|")), kinds, weights, front)


AXES: list[Axis] = [
    _a("kind", f"{P}|{U}|{T}|{K}", weights=tuple(KIND_WEIGHTS.values())),
    # typography and page
    _a("font", "helvetica|times|courier|vera", weights=(4, 3, 1, 2)),
    _a("font_size", "9|10|11|12", weights=(2, 4, 3, 1)),
    _a("margins", "narrow|normal|wide"),
    _a("leading", "tight|normal|loose"),
    _a("page_size", "A4|Letter", weights=(85, 15)),
    _a("encoding", "nfc|nfd", weights=(85, 15)),
    _a("hyphenation", "off|on", weights=(6, 4)),
    _a("date_style", "iso|long|weekday", weights=(6, 3, 2)),
    _a("time_style", "dot|colon|kl_dot|kl_colon"),
    _a("dnr_form", "y/ORG nnnn ccc|ORG/y/nnnn/nnnn|ORG y/nnn|y.nnn ORG|ORG-y-nnnnn|Org/y:nnn ccc|nnnnn/y|yy.nnn-ccc|yy/nnnn-n"),
    _a("dnr_label", "none|Dnr|Dnr.|Diarienummer|Diarienr|Ärendenummer", weights=(3, 4, 1, 2, 1, 1)),
    # page furniture
    _a("letterhead", "name|upper|none", weights=(5, 3, 2)),
    _a("header_style", "right_block|banner|ruled|numbered|first_only"),
    _a("page_number", "n_of|sida_paren|sida_av|blad|none"),
    _a("footer", "sign_boxes|address|none"),
    _a("label_case", "title|upper", weights=(3, 1)),
    _a("label_colon", "no|yes"),
    # protocol front matter
    _a("front_layout", "left_column|labels_above|inline|ruled_table|two_column_grid", PU, front=True),
    _a("front_page", "own|shared", PU, front=True),
    _a("time_place_labels", "plats_och_tid|tid_och_plats|separate|sammantradesdatum", PU, front=True),
    _a("members_label", "Beslutande|Ledamöter|Närvarande ledamöter", PU, front=True),
    _a("substitutes_label", "Ej tjänstgörande ersättare|Ersättare|Närvarande ersättare", PU, front=True),
    _a("others_label", "Övriga närvarande|Övriga deltagare|Tjänstepersoner", PU, front=True),
    _a("absent_label", "Frånvarande|Förhinder|none", PU, front=True),
    _a("justerare_label", "Utses att justera|Justerare|Protokolljusterare", PU, front=True),
    _a("verification_label", "Justeringens plats och tid|Justeringens tid och plats|Justering", PU, front=True),
    _a("verification_form", "place_date|digital|distance", PU, weights=(5, 2, 2), front=True),
    _a("range_label", "paragrafer_ss|paragraf_colon|bare|paragrafer|none", PU, weights=(3, 2, 2, 2, 1), front=True),
    _a("attendance_form", "one_per_line|run_on|columns|ruled_table|plain_table", PU, weights=(4, 2, 2, 2, 2), front=True),
    _a("attendance_place", "front|end", PU, weights=(3, 1), front=True),
    _a("party_form", "brackets|column", PU, weights=(3, 1), front=True),
    _a("role_form", "brackets|comma|column", PU, front=True),
    _a("substitute_wording", "ersatter|for|tjanstgor_for|tjg_ersattare_for|column", PU, front=True),
    _a("presence_form", "ranges|open|exclusion|times|column", PU, front=True),
    _a("presence_pos", "before|after", PU, front=True),
    _a("others_form", "comma|paren|paren_unit|title_only", PU, front=True),
    _a("signature_form", "grid|label_column|vid_protokollet", PU, front=True),
    _a("signature_place", "front|last|both", PU, front=True),
    _a("esign_page", "no|yes", PU, weights=(4, 1), front=True),
    _a("anslag", "box|sentence|absent", PU, weights=(4, 2, 2), front=True),
    _a("toc", "no|yes", frozenset({P}), weights=(3, 1)),
    # § body
    _a("heading_style", "number_then_title|inline|number_dnr|number_label_dnr|organ_prefix|dnr_right|margin|title_paren_dnr", PU),
    _a("title_bold", "yes|no", PU, weights=(3, 1)),
    _a("section_names", "a|b|c", PU),
    _a("para_order", "description_first|decision_first", PU),
    _a("decision_style", "att|att_lead|sentences", frozenset({P, U, T}), weights=(2, 1, 3)),
    _a("decision_leadin", "organ_beslutar|beslutar_foljande|genitive|none", PU),
    _a("item_marker", "none|dash|endash|bullet|number", frozenset({P, U, T})),
    _a("vote_form", "ruled_table|plain_table|name_lists|count_sentence", PU),
    _a("vote_counts", "summa_row|sentence|none", PU, weights=(2, 2, 1)),
    _a("vote_absent_column", "no|yes", PU),
    _a("recipients_form", "lines|comma", frozenset({P, U, T})),
    _a("attachments_marker", "none|dash|bullet", frozenset({P, U, T})),
    _a("forts", "no|yes", PU),
    _a("para_break", "no|yes", PU, weights=(3, 1)),
    # protokollsutdrag
    _a("utdrag_front", "none|before|after", frozenset({U}), weights=(2, 2, 1)),
    _a("utdrag_title", "Protokollsutdrag|Utdrag ur protokoll|Utdrag ur sammanträdesprotokoll|Utdrag", frozenset({U})),
    _a("bestyrkande", "ratt_utdraget|utdragsbestyrkande|none", frozenset({U})),
    _a("enclosure", "none|tjansteskrivelse", frozenset({U}), weights=(4, 1)),
    # tjänsteskrivelse
    _a("ts_doctype", "Tjänsteskrivelse|Tjänsteutlåtande|Tjänsteyttrande|Missiv", frozenset({T}), weights=(5, 2, 1, 1)),
    _a("ts_letterhead", "grid|lines|right_block", frozenset({T})),
    _a("ts_author", "box|footer|signature", frozenset({T})),
    _a("ts_organ", "till|line|mottagare|header|none", frozenset({T}), weights=(2, 2, 1, 2, 1)),
    _a("ts_proposal_heading", "Förslag till beslut|Beslutsförslag", frozenset({T})),
    _a("ts_proposal_first", "no|yes", frozenset({T})),
    _a("ts_recipients_heading", "Beslutet skickas till|Expedieras till|Exp|Beslutet ska skickas till", frozenset({T})),
    # kallelse
    _a("kal_title", "Kallelse till sammanträde|Kallelse och föredragningslista|Föredragningslista|Ärendelista", frozenset({K})),
    _a("kal_intro", "sentence|labels", frozenset({K})),
    _a("kal_agenda", "numbered|arende|punkt|table", frozenset({K})),
    _a("kal_groups", "no|yes", frozenset({K})),
    _a("kal_unnumbered", "no|yes", frozenset({K})),
    _a("kal_proposals", "no|yes", frozenset({K})),
]
AXIS = {a.name: a for a in AXES}

TABLE_FORMS = {"ruled_table", "plain_table"}

RULES = [
    "R1 encoding=nfd -> font=vera: the standard-14 fonts carry no ToUnicode map, so only the embedded "
    "TrueType font can put decomposed å/ä/ö in the text layer.",
    "R2 header_style=numbered ('Protokoll nr 12 / Sammanträdesdatum') outside protokoll/utdrag -> ruled.",
    "R3 footer=sign_boxes ('Justerandes sign | Utdragsbestyrkande') outside protokoll/utdrag -> address.",
    "R4 a 'column' value of party_form / role_form / substitute_wording / presence_form needs a tabular "
    "attendance_form; otherwise it becomes brackets / brackets / ersatter / ranges.",
    "R5 a protokollsutdrag with utdrag_front=none prints no front matter: every front-matter axis is None.",
    "R6 vote_counts=summa_row needs a vote table (name_lists -> sentence); vote_form=count_sentence always "
    "prints its counts (vote_counts=sentence); vote_absent_column needs a vote table (else no).",
    "R7 decision_style=att_lead ('… beslutar att' + list) needs list markers (item_marker none -> endash) "
    "and an organ lead-in (decision_leadin genitive/none/beslutar_foljande -> organ_beslutar).",
    "R8 front_page applies only where the front matter comes first (utdrag_front=after -> None).",
    "R9 a tjänsteskrivelse has no 'att_lead' decision style (-> att).",
    "R10 in a protokollsutdrag whose paragraph range is not printed (range_label=none), per-§ presence "
    "can only be printed as explicit §§ (presence_form open/exclusion/times -> ranges).",
]


def draw(rng: random.Random, kind: str | None = None) -> dict[str, str | None]:
    """One independent draw per axis (kind fixed when given)."""
    out: dict[str, str | None] = {}
    for axis in AXES:
        value = rng.choices(axis.values, axis.weights)[0] if axis.weights else rng.choice(axis.values)
        if axis.name == "kind" and kind is not None:
            value = kind
        out[axis.name] = value
    k = out["kind"]
    for axis in AXES:
        if k not in axis.kinds:
            out[axis.name] = None
    return out


def resolve(ax: dict[str, str | None]) -> tuple[dict[str, str | None], list[str]]:
    """Apply RULES; returns the resolved axes and the rules that changed something."""
    ax = dict(ax)
    applied: list[str] = []

    def setv(rule: str, name: str, value: str | None) -> None:
        if ax.get(name) != value:
            ax[name] = value
            if rule not in applied:
                applied.append(rule)

    kind = ax["kind"]
    if ax["encoding"] == "nfd":
        setv("R1", "font", "vera")
    if kind in {T, K} and ax["header_style"] == "numbered":
        setv("R2", "header_style", "ruled")
    if kind in {T, K} and ax["footer"] == "sign_boxes":
        setv("R3", "footer", "address")
    if kind == U and ax["utdrag_front"] == "none":
        for axis in AXES:
            if axis.front:
                setv("R5", axis.name, None)
    if kind in {P, U} and ax["attendance_form"] is not None and ax["attendance_form"] not in TABLE_FORMS:
        for name, repl in (("party_form", "brackets"), ("role_form", "brackets"), ("substitute_wording", "ersatter"),
                           ("presence_form", "ranges")):
            if ax[name] == "column":
                setv("R4", name, repl)
    if kind in {P, U}:
        tables = ax["vote_form"] in TABLE_FORMS
        if ax["vote_form"] == "count_sentence":
            setv("R6", "vote_counts", "sentence")
        elif not tables and ax["vote_counts"] == "summa_row":
            setv("R6", "vote_counts", "sentence")
        if not tables:
            setv("R6", "vote_absent_column", "no")
        if ax["decision_style"] == "att_lead":
            if ax["item_marker"] == "none":
                setv("R7", "item_marker", "endash")
            if ax["decision_leadin"] != "organ_beslutar":
                setv("R7", "decision_leadin", "organ_beslutar")
    if kind == U and ax["utdrag_front"] == "after":
        setv("R8", "front_page", None)
    if kind == T and ax["decision_style"] == "att_lead":
        setv("R9", "decision_style", "att")
    if kind == U and ax["range_label"] == "none" and ax["presence_form"] in {"open", "exclusion", "times"}:
        setv("R10", "presence_form", "ranges")
    return ax, applied
