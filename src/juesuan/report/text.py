"""Lint-style text: ``FILE:第18页:第3行: 错误 RULE message`` for a PDF (``FILE:p18:l3: error …`` in English),
``FILE:LINE: …`` for text input, in document order; then a summary line."""

from __future__ import annotations

from .i18n import messages


def where(result, f, lang: str | None = None) -> str:
    return messages(lang).where(result.doc.path, f.location.page, f.location.line)


def summary_line(result, lang: str | None = None) -> str:
    M = messages(lang)
    line = M("summary.line", **result.summary)
    if getattr(result, "baselined", None) is not None:
        line += M("summary.suppressed", n=result.baselined)
    return line


def render_text(result, lang: str | None = None) -> str:
    M = messages(lang)
    out = []
    for f in result.findings:
        line = f"{where(result, f, lang)}: {M.severity(f.severity)} {f.rule} {f.message}"
        if f.stated is not None or f.expected is not None:
            line += M("text.stated_expected", stated=f.stated or "—", expected=f.expected or "—")
        out.append(line)
        if f.severity != "info" and f.text:
            out.append(f"    「{f.text.strip()}」")
    out.append(summary_line(result, lang))
    return "\n".join(out) + "\n"
