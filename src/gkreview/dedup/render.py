"""Side-by-side views of a :class:`~gkreview.dedup.compare.Comparison`: terminal text and an HTML fragment.

Both put the ratios first (复制比, reverse ratio, per section, longest passage),
then the passages with their positions in both files. Template passages are
shown but marked, because a reviewer needs to see that the match is the national
format and not reuse.
"""

from __future__ import annotations

import html
import unicodedata

import numpy as np

from gkreview.dedup.compare import Comparison, Passage
from gkreview.dedup.shingle import MaskedText


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _wrap(text: str, width: int) -> list[str]:
    """Split into lines of at most ``width`` display columns (CJK counts double)."""
    lines: list[str] = []
    cur, w = [], 0
    for ch in text.replace("\r", "").replace("\t", " "):
        if ch == "\n":
            lines.append("".join(cur))
            cur, w = [], 0
            continue
        cw = _width(ch)
        if w + cw > width:
            lines.append("".join(cur))
            cur, w = [], 0
        cur.append(ch)
        w += cw
    if cur or not lines:
        lines.append("".join(cur))
    return lines


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - sum(_width(c) for c in text))


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _header_lines(c: Comparison) -> list[str]:
    lines = [
        f"A: {c.a.label()}",
        f"B: {c.b.label()}",
        f"复制比 (A 中见于 B 的非模板字符) copy ratio: {_pct(c.copy_ratio)}  "
        f"({c.reused_chars}/{c.content_chars} chars; template {c.template_chars} excluded; min match {c.min_match})",
        f"反向 (B 中见于 A) reverse ratio: {_pct(c.reverse_ratio)}   最长片段 longest passage: {c.longest_passage}",
    ]
    if c.sections:
        lines.append("分节复制比 per section: " + "  ".join(f"{s.section} {_pct(s.ratio)}" for s in c.sections))
    if c.foreign_places:
        names = "、".join(sorted({p["name"] for p in c.foreign_places}))
        lines.append(f"复制片段中的他地地名 foreign place names in reused text: {names}")
    if c.years_in_reused:
        lines.append("复制片段中的年份 years in reused text: "
                     + ", ".join(f"{y}×{n}" for y, n in sorted(c.years_in_reused.items())))
    return lines


def render_text(c: Comparison, width: int = 100, max_passages: int | None = None, show_template: bool = True) -> str:
    """Terminal view: ratios, then each passage as two columns (A | B) with file offsets."""
    col = max(20, (width - 3) // 2)
    out = _header_lines(c)
    passages = [p for p in c.passages if show_template or not p.template]
    if max_passages is not None:
        passages = passages[:max_passages]
    for i, p in enumerate(passages, 1):
        tag = " [模板 template]" if p.template else ""
        out.append("")
        out.append(f"#{i}{tag} A[{p.a_start}:{p.a_end}] ↔ B[{p.b_start}:{p.b_end}] ({p.length} chars)")
        left, right = _wrap(p.a_text, col), _wrap(p.b_text, col)
        for j in range(max(len(left), len(right))):
            lt = left[j] if j < len(left) else ""
            rt = right[j] if j < len(right) else ""
            out.append(f"{_pad(lt, col)} │ {rt}")
    if not passages:
        out.append("")
        out.append("(无复用片段 no reused passage)")
    return "\n".join(out)


def _char_classes(m: MaskedText, reused: np.ndarray | None) -> list[tuple[int, int, str]]:
    """Runs ``(file start, file end, css class)`` over the document: tpl, reused or plain."""
    if not len(m.text):
        return []
    cls = np.where(m.template, 2, np.where(reused if reused is not None else False, 1, 0))
    runs: list[tuple[int, int, str]] = []
    names = {0: "", 1: "reused", 2: "tpl"}
    start = 0
    for i in range(1, len(cls) + 1):
        if i == len(cls) or cls[i] != cls[start]:
            s, e = m.file_span(start, i)
            runs.append((s, e, names[int(cls[start])]))
            start = i
    return runs


def _html_doc(m: MaskedText, reused: np.ndarray | None) -> str:
    parts: list[str] = []
    pos = m.base
    end_all = m.base + len(m.original)
    for s, e, cls in _char_classes(m, reused):
        if s > pos:
            parts.append(html.escape(m.original[pos - m.base : s - m.base]))
        s = max(s, pos)
        text = html.escape(m.original[s - m.base : e - m.base])
        parts.append(f'<span class="{cls}">{text}</span>' if cls else text)
        pos = max(pos, e)
    if pos < end_all:
        parts.append(html.escape(m.original[pos - m.base :]))
    return "".join(parts)


def _b_reused(c: Comparison) -> np.ndarray | None:
    """B-side flags: masked characters of B inside a non-template passage."""
    mb = c.masked_b
    if mb is None:
        return None
    flags = np.zeros(len(mb), dtype=bool)
    for p in c.passages:
        if not p.template:
            flags |= (mb.orig >= p.b_start) & (mb.orig < p.b_end)
    return flags


def _passage_rows(passages: list[Passage]) -> str:
    rows = []
    for i, p in enumerate(passages, 1):
        cls = "tpl" if p.template else "reused"
        rows.append(
            f'<tr class="{cls}"><td>{i}</td><td>{p.a_start}–{p.a_end}</td>'
            f'<td><span class="{cls}">{html.escape(p.a_text)}</span></td><td>{p.b_start}–{p.b_end}</td>'
            f'<td><span class="{cls}">{html.escape(p.b_text)}</span></td><td>{p.length}</td></tr>')
    return "".join(rows)


def render_html(c: Comparison, full_text: bool = True) -> str:
    """HTML fragment: ratio table, both documents side by side (template ``tpl``, reuse ``reused``), passages.

    Every piece of document text goes through :func:`html.escape`.
    """
    e = html.escape
    ratios = [("复制比 copy ratio", _pct(c.copy_ratio)), ("反向 reverse ratio", _pct(c.reverse_ratio)),
              ("复用字符 reused chars", f"{c.reused_chars}/{c.content_chars}"),
              ("模板字符 template chars", str(c.template_chars)), ("最长片段 longest passage", str(c.longest_passage))]
    ratios += [(f"§ {s.section}", _pct(s.ratio)) for s in c.sections]
    if c.foreign_places:
        ratios.append(("他地地名 foreign names", "、".join(sorted({p["name"] for p in c.foreign_places}))))
    parts = ['<div class="gk-compare">',
             f'<div class="gk-compare-head"><div>A: {e(c.a.label())}</div><div>B: {e(c.b.label())}</div></div>',
             '<table class="gk-ratios">'
             + "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in ratios) + "</table>"]
    if full_text and c.masked_a is not None and c.masked_b is not None:
        reused_a = c.covered & ~c.masked_a.template if c.covered is not None else None
        parts.append('<div class="gk-sides">'
                     f'<div class="gk-side gk-a"><pre>{_html_doc(c.masked_a, reused_a)}</pre></div>'
                     f'<div class="gk-side gk-b"><pre>{_html_doc(c.masked_b, _b_reused(c))}</pre></div></div>')
    parts.append('<table class="gk-passages"><thead><tr><th>#</th><th>A</th><th>A text</th><th>B</th><th>B text</th>'
                 f'<th>len</th></tr></thead><tbody>{_passage_rows(c.passages)}</tbody></table>')
    parts.append("</div>")
    return "".join(parts)
