"""Lint-style text: ``FILE:LINE[:pPAGE]: severity RULE message``, then a summary line."""

from __future__ import annotations


def where(result, f) -> str:
    loc = f.location
    s = f"{result.doc.path}:{loc.line or 0}"
    if loc.page is not None:
        s += f":p{loc.page}"
    return s


def summary_line(result) -> str:
    s = result.summary
    return (f"claims {s['claims']}, verified {s['verified']}, contradicted {s['contradicted']}, "
            f"unverifiable {s['unverifiable']}, errors {s['errors']}, warnings {s['warnings']}")


def render_text(result) -> str:
    out = []
    for f in result.findings:
        line = f"{where(result, f)}: {f.severity} {f.rule} {f.message}"
        if f.stated is not None or f.expected is not None:
            line += f" [stated {f.stated or '—'}; expected {f.expected or '—'}]"
        out.append(line)
        if f.severity != "info" and f.text:
            out.append(f"    「{f.text.strip()}」")
    out.append(summary_line(result))
    return "\n".join(out) + "\n"
