"""The gold Document of a variant, by construction.

The gold states what the rendered document prints and nothing else: it is computed
from the content, the resolved axes (which decide what is printed and how it is
worded, through the same ``wording`` functions the renderer uses) and the few facts
the renderer reports (pages of each §, the random printing choices it made).  The
shape is that of ``tests/gold/*.json``; conventions are in README.md.
"""

from __future__ import annotations

from typing import Any

from .content import Meeting, Memo, Notice, Para, Person, Vote
from .render_pdf import Rendered
from .wording import agenda_numbers, item_texts

TABLES = {"ruled_table", "plain_table"}


def _empty_para(number: int, title: str | None, dnr: str | None, pages: list[int]) -> dict[str, Any]:
    return {"number": number, "title": title, "dnr": dnr, "proposal": None, "decision": None, "motions": [],
            "votes": [], "reservations": [], "notes": [], "recused": [], "restricted": False,
            "immediately_adjusted": False, "attachments": [], "recipients": [], "pages": pages}


def _names(people: list[Person]) -> list[str]:
    return [p.name for p in people]


def vote_gold(v: Vote, ax: dict[str, Any]) -> dict[str, Any]:
    form, counts = ax["vote_form"], ax["vote_counts"]
    absent_col = ax["vote_absent_column"] == "yes"
    yes, no, abst = v.count("ja"), v.count("nej"), v.count("avstår")
    n_abs = len(v.empty_seats) if absent_col else 0
    out: dict[str, Any] = {"yes": None, "no": None, "abstain": None, "absent": None, "ballots": []}
    if counts == "summa_row" and form in TABLES:
        out.update(yes=yes, no=no, abstain=abst, absent=n_abs if absent_col else None)
    elif counts == "sentence":
        out.update(yes=yes, no=no, abstain=abst or None, absent=n_abs or None)
    if form in TABLES or form == "name_lists":
        ballots = list(v.ballots)
        if form in TABLES and absent_col:
            ballots += [(p, "frånvarande") for p in v.empty_seats]
        out["ballots"] = [{"name": p.name, "party": p.party, "vote": vote} for p, vote in ballots]
    return out


def para_gold(p: Para, organ: str, ax: dict[str, Any], pages: list[int]) -> dict[str, Any]:
    g = _empty_para(p.number, p.title, p.dnr, pages)
    g["recused"] = _names(p.recused)
    if p.restricted:
        g["restricted"] = True
        return g
    if p.kind == "justerare":
        return g
    style = ax["decision_style"]
    plain_style = style if style != "att_lead" else "att"
    if p.proposal:
        spec = p.proposal
        g["proposal"] = {"by": spec.by, "to": spec.to, "items": item_texts(spec.items, plain_style)}
    if p.decision:
        items = item_texts(p.decision, plain_style if p.forward_to else style)
        g["decision"] = {"items": items}
        if p.forward_to:
            g["proposal"] = {"by": organ, "to": p.forward_to, "items": items}
    g["motions"] = [{"by": _names(m.by), "text": m.text} for m in p.motions]
    g["votes"] = [vote_gold(v, ax) for v in p.votes]
    g["reservations"] = [{"by": _names(r.by), "text": r.text} for r in p.reservations]
    g["notes"] = [{"kind": n.kind, "by": _names(n.by), "text": n.text} for n in p.notes]
    g["immediately_adjusted"] = p.immediately_adjusted
    g["attachments"] = [{"title": t} for t in p.attachments]
    g["recipients"] = list(p.recipients)
    return g


def attendance_gold(m: Meeting, ax: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    members = [{"name": s.person.name, "party": s.person.party, "role": s.role,
                "substitute_for": s.substitute_for.name if s.substitute_for else None,
                "paragraphs": s.served} for s in m.members]
    unit = ax["others_form"] in {"comma", "paren_unit"}
    return {
        "members": members,
        "substitutes": [{"name": s.person.name, "party": s.person.party} for s in m.substitutes],
        "others": [{"name": o.name, "title": o.title, "unit": o.unit if unit else None} for o in m.others],
        "absent": [{"name": p.name, "party": p.party} for p in m.absent] if facts.get("absent_printed") else [],
    }


def _doc(kind: str) -> dict[str, Any]:
    return {"kind": kind, "header": None, "meeting": None, "paragraphs": [], "proposal": None, "attachments": [],
            "recipients": [], "attendance": None, "signatures": [], "verification": None, "posting": None,
            "author": None, "enclosures": []}


def protocol_gold(m: Meeting, ax: dict[str, Any], r: Rendered, kind: str, enclosure: dict[str, Any] | None = None) -> dict[str, Any]:
    facts = r.facts
    has_front = kind == "protokoll" or ax["utdrag_front"] != "none"
    paras = m.paragraphs if kind == "protokoll" else [p for p in m.paragraphs if p.number == m.utdrag_number]
    doc = _doc(kind)
    head = {"municipality": m.issuer.name if facts["municipality_printed"] else None, "organ": m.organ.name,
            "department": None, "title": None, "date": m.date.isoformat(), "dnr": None}
    if kind == "protokollsutdrag":
        head["title"], head["dnr"] = paras[0].title, paras[0].dnr
    doc["header"] = head
    rng = {"first": m.numbers[0], "last": m.numbers[-1]} if has_front and ax["range_label"] != "none" else None
    doc["meeting"] = {"date": m.date.isoformat(), "start": m.start if has_front else None, "end": m.end if has_front else None,
                      "place": m.place if has_front else None, "paragraphs": rng}
    doc["paragraphs"] = [para_gold(p, m.organ.name, ax, r.owned.get(str(p.number), [])) for p in paras]
    if has_front:
        doc["attendance"] = attendance_gold(m, ax, facts)
        sigs = [{"role": "sekreterare", "name": m.secretary.name, "title": None},
                {"role": "ordförande", "name": m.chair.name, "title": None}]
        sigs += [{"role": "justerare", "name": a.name, "title": None} for a in m.adjusters]
        doc["signatures"] = sigs
        doc["verification"] = facts["verification"]
        posting = facts.get("posting")
        if posting == "sentence":
            doc["posting"] = {"posted_on": None, "removed_on": None, "storage": None, "signed_by": None}
        elif isinstance(posting, dict):
            doc["posting"] = posting
    if kind == "protokollsutdrag" and ax["bestyrkande"] != "none":
        doc["signatures"].append({"role": "bestyrkande", "name": m.secretary.name, "title": None})
    if enclosure is not None:
        doc["enclosures"] = [enclosure]
    return doc


def memo_gold(memo: Memo, ax: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    doc = _doc("tjansteskrivelse")
    doc["header"] = {"municipality": memo.issuer.name if facts["municipality_printed"] else None,
                     "organ": memo.organ.name if ax["ts_organ"] != "none" else None,
                     "department": memo.department, "title": memo.title, "date": memo.date.isoformat(), "dnr": memo.dnr}
    spec = memo.proposal
    doc["proposal"] = {"by": spec.by, "to": spec.to, "items": item_texts(spec.items, ax["decision_style"])}
    doc["attachments"] = [{"title": t} for t in memo.attachments]
    doc["recipients"] = list(memo.recipients)
    signers = facts["signers"]
    doc["signatures"] = [{"role": None, "name": n, "title": t} for n, t in signers]
    a = memo.author
    fields = facts["author_fields"]
    signs = any(n == a.name for n, _ in signers)
    doc["author"] = {"name": a.name, "title": a.title if fields["title"] or signs else None,
                     "phone": a.phone if fields["phone"] else None, "email": a.email if fields["email"] else None}
    return doc


def notice_gold(n: Notice, ax: dict[str, Any], r: Rendered) -> dict[str, Any]:
    doc = _doc("kallelse")
    doc["header"] = {"municipality": n.issuer.name if r.facts["municipality_printed"] else None, "organ": n.organ.name,
                     "department": None, "title": None, "date": n.date.isoformat(), "dnr": None}
    doc["meeting"] = {"date": n.date.isoformat(), "start": n.start, "end": n.end, "place": n.place, "paragraphs": None}
    paras = []
    for it, num in zip(n.items, agenda_numbers(n.items, ax["kal_unnumbered"] == "yes"), strict=True):
        if num is None:
            continue
        g = _empty_para(num, it.title, it.dnr, r.owned.get(f"item:{num}", []))
        if it.proposal and ax["kal_proposals"] == "yes":
            g["proposal"] = {"by": None, "to": None, "items": item_texts(it.proposal, "sentences")}
        paras.append(g)
    doc["paragraphs"] = paras
    doc["signatures"] = [{"role": None, "name": nm, "title": t} for nm, t in n.signers]
    return doc
