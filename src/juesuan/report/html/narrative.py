"""The narrative of the HTML report: every paragraph of the parts that carry claims, each claim's span marked
with its status (one ``<span class="k …">`` per run of characters covered by the same claims, an icon at each
claim's end); claims whose text cannot be placed are listed after the narrative."""

from __future__ import annotations

from itertools import pairwise

import regex as re

from .page import CLS, ICON, WORST, esc


def mark_paragraph(text: str, spans: list[tuple[int, int, int]], status: list[str], names: dict[str, str]) -> str:
    """Paragraph text with claim spans wrapped: each run of characters covered by the same claims becomes one
    ``<span class="k …" data-k="…">`` (class of the worst status among them); each claim ends with its icon."""
    bounds = {0, len(text)}
    for s, e, _ in spans:
        bounds.update((s, e))
    ends: dict[int, list[int]] = {}
    for s, e, i in spans:
        ends.setdefault(e, []).append(i)
    out = []
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    for a, b in pairwise(cuts):
        cover = [i for s, e, i in spans if s <= a and b <= e]
        seg = esc(text[a:b])
        if cover:
            cover.sort(key=lambda i: next(e - s for s, e, j in spans if j == i))  # innermost first
            worst = min((status[i] for i in cover), key=WORST.__getitem__)
            out.append(f'<span class="k {CLS[worst]}" data-k="{" ".join(map(str, cover))}">{seg}</span>')
        else:
            out.append(seg)
        for i in ends.get(b, []):
            st = status[i]
            out.append(f'<a class="ic {CLS[st]}" id="k{i}" href="#k{i}" data-k="{i}" title="{esc(names[st])}">{ICON[st]}</a>')
    return "".join(out)


def find_loose(hay: str, needle: str) -> tuple[int, int] | None:
    """``needle`` in ``hay``, exactly or ignoring whitespace; (start, end) in ``hay``."""
    i = hay.find(needle)
    if i >= 0:
        return i, i + len(needle)
    idx = [k for k, ch in enumerate(hay) if not ch.isspace()]
    squeezed = "".join(hay[k] for k in idx)
    n = re.sub(r"\s+", "", needle)
    j = squeezed.find(n) if n else -1
    if j < 0:
        return None
    return idx[j], idx[j + len(n) - 1] + 1


def narrative_html(result, M, status: list[str]) -> tuple[str, dict[tuple[int | None, int], str]]:
    doc = result.doc
    claims = result.claims
    by_par: dict[int, list[tuple[int, int, int]]] = {}
    par_index = {id(p): k for k, p in enumerate(doc.paragraphs)}
    placed: set[int] = set()
    for i, c in enumerate(claims):
        si = c.sentence_index
        if si is None or not (0 <= si < len(doc.sentences)):
            continue
        sent = doc.sentences[si]
        span = c.span
        if span and sent.text[span[0]:span[1]].strip():
            s, e = span
        else:
            hit = find_loose(sent.text, c.text)
            if hit is None:
                continue
            s, e = hit
        k = par_index.get(id(sent.paragraph))
        if k is None:
            continue
        by_par.setdefault(k, []).append((sent.start + s, sent.start + e, i))
        placed.add(i)
    parts = {c.part for c in claims}
    names = {k: M.status(k) for k in ICON}
    line_to_par: dict[tuple[int | None, int], str] = {}  # (page, line) -> paragraph id
    out = []
    last_part: object = object()
    heads = [((h.page or 0, h.line), h.title) for h in doc.parts]  # in document order
    for k, p in enumerate(doc.paragraphs):
        if p.part not in parts:
            continue
        # the heading the paragraph stands under (two parts may be one kind: 云南 第三部分 and 第四部分 are narrative)
        where = (p.offsets[0][2] or 0, p.offsets[0][1]) if p.offsets else (0, 0)
        head = next((t for at, t in reversed(heads) if at <= where), None)
        if (p.part, head) != last_part:
            last_part = (p.part, head)
            out.append(f'<h3 class="part">{esc(head or p.part_name)}</h3>')
        pid = f"p{k}"
        first = p.offsets[0] if p.offsets else (0, 0, None)
        for _, line, page in p.offsets:
            line_to_par.setdefault((page, line), pid)
        body = mark_paragraph(p.text, sorted(by_par.get(k, [])), status, names)
        heading = " h" if p.section is not None and p.text.strip() == (p.section.number + p.section.title).strip() else ""
        out.append(f'<p id="{pid}" class="para{heading}"><span class="loc">{esc(M.place(first[2], first[1]))}</span>{body}</p>')
    rest = [i for i in range(len(claims)) if i not in placed]
    if rest:
        out.append(f'<h3 class="part">{esc(M("html.unplaced"))}</h3><ul class="unplaced">')
        for i in rest:
            c = claims[i]
            st = status[i]
            out.append(f'<li><span class="k {CLS[st]}" data-k="{i}">{esc(c.text)}</span>'
                       f'<a class="ic {CLS[st]}" id="k{i}" href="#k{i}" data-k="{i}">{ICON[st]}</a>'
                       f' <span class="loc">{esc(M.place(c.page, c.line))}</span></li>')
        out.append("</ul>")
    return "\n".join(out), line_to_par
