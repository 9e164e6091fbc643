"""The self-contained HTML report: overview, filterable findings, per-report tables and passages.

Everything is inline (CSS, JavaScript, data): the file works offline and can be
mailed. Every piece of document content goes through :func:`html.escape`; the
only script is the small sorter/filter below, which reads the table it sorts and
never evaluates document text.
"""

from __future__ import annotations

import hashlib
import html
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any, TextIO

from gkreview._version import __version__
from gkreview.findings import Finding
from gkreview.registry import rules
from gkreview.results import AuditResult, DocResult, FileResult

CSS = """
:root{--err:#c62828;--warn:#ef6c00;--info:#1565c0;--bg:#fafafa;--line:#ddd}
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",system-ui,sans-serif;margin:0;background:var(--bg);color:#222}
header{background:#263238;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
main{padding:16px 24px;max-width:1400px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:14px 0}
h2{font-size:17px;margin:4px 0 10px}h3{font-size:15px;margin:10px 0 6px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid var(--line);padding:3px 6px;vertical-align:top}
th{background:#eceff1;cursor:pointer;user-select:none}
.sev-error{color:var(--err);font-weight:bold}.sev-warning{color:var(--warn);font-weight:bold}.sev-info{color:var(--info)}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{padding:10px 16px;border-radius:6px;background:#eceff1;min-width:110px}
.card b{display:block;font-size:22px}
.grid td{min-width:28px;text-align:center}.grid td.hl-error{background:#ffcdd2;outline:2px solid var(--err)}
.grid td.hl-warning{background:#ffe0b2;outline:2px solid var(--warn)}.grid td.hl-info{background:#bbdefb}
.grid td.hl-related{background:#fff9c4}
.outline li.missing{color:var(--err)}.outline li.missing::after{content:"（缺失 missing）"}
.quote{background:#fff3e0;padding:0 2px}.ctx{color:#777}
.sbs{display:grid;grid-template-columns:1fr 1fr;gap:8px}.sbs div{border:1px solid var(--line);padding:6px;font-size:13px;white-space:pre-wrap}
.tpl{color:#9e9e9e}.reused{background:#ffecb3}
.filters{display:flex;gap:8px;margin-bottom:8px;flex-wrap:wrap}.filters input,.filters select{padding:4px}
.err-list li{color:var(--err)}details summary{cursor:pointer}
.small{font-size:12px;color:#555}
"""

JS = """
(function(){
 const tbl=document.getElementById('findings'); if(!tbl) return;
 const rows=Array.from(tbl.tBodies[0].rows);
 const q=document.getElementById('f-text'), s=document.getElementById('f-sev'), r=document.getElementById('f-rule');
 const count=document.getElementById('f-count');
 function apply(){const t=q.value.trim().toLowerCase(), sv=s.value, rv=r.value; let n=0;
  rows.forEach(function(row){const ok=(!sv||row.dataset.sev===sv)&&(!rv||row.dataset.rule===rv)&&(!t||row.textContent.toLowerCase().indexOf(t)>=0);
   row.style.display=ok?'':'none'; if(ok) n++;}); count.textContent=n;}
 [q,s,r].forEach(function(el){el.addEventListener('input',apply);el.addEventListener('change',apply);});
 Array.from(tbl.tHead.rows[0].cells).forEach(function(th,i){th.addEventListener('click',function(){
  const asc=th.dataset.asc!=='1'; th.dataset.asc=asc?'1':'0';
  rows.sort(function(a,b){const x=a.cells[i].dataset.key||a.cells[i].textContent, y=b.cells[i].dataset.key||b.cells[i].textContent;
   return (asc?1:-1)*x.localeCompare(y,'zh',{numeric:true});});
  rows.forEach(function(row){tbl.tBodies[0].appendChild(row);});});});
 apply();
})();
"""

SEV_ORDER = {"error": "0", "warning": "1", "info": "2"}
# A page people read, not a dump: past these, the lower-ranked rows stay in the JSON/CSV output and the page
# says how many it left out (a folder of 100,000 reports would otherwise make a page no browser opens).
MAX_FINDING_ROWS = 20_000
MAX_REPORT_PAGES = 2_000


def e(value: Any) -> str:
    """Escape anything for HTML text and attribute values."""
    return html.escape("" if value is None else str(value), quote=True)


def _doc_anchor(path: str, segment: int) -> str:
    """A stable anchor id (the same on every run, unlike ``hash()``)."""
    return "doc-" + hashlib.sha1(f"{path}#{segment}".encode()).hexdigest()[:12]


def _overview(result: AuditResult) -> str:
    counts = result.counts()
    stats = result.stats
    cards = [("文件 files", stats.get("files", len(result.files))), ("文档 documents", stats.get("documents", 0)),
             ("无法读取 unreadable", stats.get("errors", 0)), ("错误 errors", counts["error"]),
             ("警告 warnings", counts["warning"]), ("提示 info", counts["info"])]
    out = ['<section id="overview"><h2>概览 Overview</h2><div class="cards">']
    out += [f'<div class="card"><b>{e(v)}</b>{e(k)}</div>' for k, v in cards]
    out.append("</div>")
    table = rules()
    by_rule = Counter(f.rule_id for f in result.findings)
    if by_rule:
        out.append('<h3>按规则 By rule</h3><table id="by-rule"><thead><tr><th>规则 rule</th><th>级别 severity</th>'
                   '<th>数量 count</th><th>说明 summary</th></tr></thead><tbody>')
        for rid, n in by_rule.most_common():
            r = table.get(rid)
            sev = r.severity.value if r else ""
            out.append(f'<tr><td>{e(rid)}</td><td class="sev-{e(sev)}">{e(sev)}</td><td>{n}</td>'
                       f'<td>{e(r.summary_zh if r else "")} / {e(r.summary_en if r else "")}</td></tr>')
        out.append("</tbody></table>")
    out.append(_by_agency(result))
    out.append("</section>")
    return "".join(out)


def _by_agency(result: AuditResult) -> str:
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    docs_of: dict[tuple[str, str], int] = Counter()
    doc_key: dict[tuple[str, int], tuple[str, str]] = {}
    for fr in result.files:
        for d in fr.documents:
            key = (d.agency or "（未识别 unknown）", str(d.year or "?"))
            docs_of[key] += 1
            doc_key[(fr.path, d.segment)] = key
    for f in result.findings:
        key = doc_key.get((f.location.path or "", f.location.segment or 0))
        if key:
            groups[key][f.severity.value] += 1
    if not docs_of:
        return ""
    rows = "".join(
        f"<tr><td>{e(a)}</td><td>{e(y)}</td><td>{docs_of[(a, y)]}</td><td class='sev-error'>{groups[(a, y)]['error']}</td>"
        f"<td class='sev-warning'>{groups[(a, y)]['warning']}</td><td>{groups[(a, y)]['info']}</td></tr>"
        for a, y in sorted(docs_of))
    return ('<h3>按机关和年度 By agency and year</h3><table id="by-agency"><thead><tr><th>机关 agency</th><th>年度 year</th>'
            '<th>文档 docs</th><th>错误</th><th>警告</th><th>提示</th></tr></thead><tbody>' + rows + "</tbody></table>")


def _finding_row(f: Finding, paged: set[str]) -> str:
    loc = f.location
    quote = f.evidence.get("quote")
    q = f'<span class="quote">{e(quote)}</span>' if quote else ""
    path = e(loc.path)
    if (loc.path or "") in paged:
        path = f'<a href="#{_doc_anchor(loc.path or "", loc.segment or 0)}">{path}</a>'
    return (f'<tr data-sev="{e(f.severity.value)}" data-rule="{e(f.rule_id)}">'
            f'<td class="sev-{e(f.severity.value)}" data-key="{SEV_ORDER[f.severity.value]}">{e(f.severity.value)}</td>'
            f"<td>{e(f.rule_id)}</td><td>{path}</td><td>{e(loc.describe())}</td>"
            f"<td>{e(f.message.get('zh'))}<br><span class=small>{e(f.message.get('en'))}</span></td><td>{q}</td></tr>")


def _findings(result: AuditResult, paged: set[str]) -> str:
    """The filterable list: every finding, or the MAX_FINDING_ROWS most severe (then in report order)."""
    findings = result.findings
    shown = findings
    if len(findings) > MAX_FINDING_ROWS:
        shown = sorted(findings, key=lambda f: SEV_ORDER[f.severity.value])[:MAX_FINDING_ROWS]  # stable: order kept
    rule_ids = sorted({f.rule_id for f in findings})
    options = "".join(f'<option value="{e(r)}">{e(r)}</option>' for r in rule_ids)
    rows = "".join(_finding_row(f, paged) for f in shown)
    left = len(findings) - len(shown)
    note = (f'<p class="small">另有 {left} 条较低级别的问题未列出，见 JSON/CSV 输出 · {left} more findings of lower '
            "severity are left out here; the JSON/CSV outputs hold them all.</p>") if left else ""
    return ('<section id="findings-section"><h2>问题清单 Findings (<span id="f-count">' + str(len(shown)) +
            '</span>)</h2>' + note + '<div class="filters"><input id="f-text" placeholder="筛选 filter…">'
            '<select id="f-sev"><option value="">全部级别 all severities</option><option value="error">error</option>'
            '<option value="warning">warning</option><option value="info">info</option></select>'
            f'<select id="f-rule"><option value="">全部规则 all rules</option>{options}</select></div>'
            '<table id="findings"><thead><tr><th>级别</th><th>规则 rule</th><th>文件 file</th><th>位置 location</th>'
            f'<th>说明 message</th><th>原文 passage</th></tr></thead><tbody>{rows}</tbody></table></section>')


def _cell_marks(findings: Iterable[Finding]) -> dict[tuple[int, int, int], tuple[str, str]]:
    """(table index, row, col) → (css class, tooltip) from findings and their related cells."""
    marks: dict[tuple[int, int, int], tuple[str, str]] = {}
    for f in findings:
        ev = f.evidence
        tip = f"{f.rule_id}: {f.message.get('zh', '')}"
        if "printed" in ev or "computed" in ev:
            tip += f" (印 printed {ev.get('printed')}, 算 computed {ev.get('computed')})"
        for loc in f.related:
            if loc.table is not None and loc.row is not None and loc.col is not None:
                marks.setdefault((loc.table, loc.row, loc.col), ("hl-related", tip))
        loc = f.location
        if loc.table is not None and loc.row is not None and loc.col is not None:
            marks[(loc.table, loc.row, loc.col)] = (f"hl-{f.severity.value}", tip)
    return marks


def _grid(table: dict[str, Any], marks: dict[tuple[int, int, int], tuple[str, str]]) -> str:
    out = [f'<table class="grid" data-table="{e(table["index"])}">']
    for r, row in enumerate(table["cells"]):
        out.append("<tr>")
        for c, cell in enumerate(row):
            if cell is None:
                continue
            text, rs, cs = (cell, 1, 1) if isinstance(cell, str) else cell
            cls, tip = marks.get((table["index"], r, c), ("", ""))
            attrs = f' rowspan="{rs}"' * (rs > 1) + f' colspan="{cs}"' * (cs > 1)
            if cls:
                attrs += f' class="{cls}" title="{e(tip)}"'
            out.append(f"<td{attrs}>{e(text)}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _outline(doc: DocResult) -> str:
    if not doc.outline:
        return ""
    items = []
    for item in doc.outline:
        cls = ' class="missing"' if item.get("missing") else ""
        label = item.get("title") or item.get("id") or ""
        items.append(f'<li{cls} style="margin-left:{(int(item.get("level") or 1) - 1) * 16}px">'
                     f'{e(label)} <span class="small">{e(item.get("id") or "")}</span></li>')
    return '<h3>结构 Sections</h3><ul class="outline">' + "".join(items) + "</ul>"


def _passages(f: Finding) -> str:
    """Side-by-side view of reused passages carried in a duplicate finding's evidence."""
    ev = f.evidence
    passages = [p for p in ev.get("passages") or [] if isinstance(p, dict)]
    if not passages:
        return ""
    ratio = ev.get("copy_ratio")
    source = ev.get("source") or {}
    shown = f"{ratio:.1%}" if isinstance(ratio, float) else ratio
    head = (f"<h3>{e(f.rule_id)} — 复制比 copy ratio {e(shown)} · 来源 source: {e(source.get('path'))} "
            f"#{e((source.get('segment') or 0) + 1)} {e(source.get('title') or '')}</h3>")
    per_section = [s for s in ev.get("sections") or [] if isinstance(s, dict)]
    if per_section:
        head += "<div class=small>分节复制比 per section: " + "，".join(
            f"{e(s.get('section'))} {e(format(float(s.get('ratio') or 0), '.0%'))}" for s in per_section) + "</div>"
    rows = ['<div class="small">本报告 this report</div><div class="small">来源 source</div>']
    for p in passages:
        cls = "tpl" if p.get("template") else "reused"
        a = p.get("a_text", p.get("text_a", ""))
        b = p.get("b_text", p.get("text_b", ""))
        rows.append(f'<div class="{cls}" title="{e(p.get("a_start"))}-{e(p.get("a_end"))}">{e(a)}</div>'
                    f'<div class="{cls}" title="{e(p.get("b_start"))}-{e(p.get("b_end"))}">{e(b)}</div>')
    return f'<div class="passages">{head}<div class="sbs">{"".join(rows)}</div></div>'


def _document(fr: FileResult, doc: DocResult, findings: list[Finding]) -> str:
    marks = _cell_marks(findings)
    facts = " · ".join(f"{k}: {e(v)}" for k, v in (("年度 year", doc.year), ("机关 agency", doc.agency),
                                                    ("类型 type", doc.doc_type), ("格式 template", doc.template))
                       if v is not None)
    out = [f'<div class="doc" id="{_doc_anchor(fr.path, doc.segment)}"><h3>#{doc.segment + 1} {e(doc.title or "（无标题）")}</h3>'
           f'<div class="small">{facts}</div>', _outline(doc)]
    tables_with_marks = {k[0] for k in marks}
    for t in doc.tables:
        if t["index"] in tables_with_marks:
            out.append(f'<h3>表格 Table {t["index"] + 1} (p.{e(t.get("page"))})</h3>' + _grid(t, marks))
    others = [t for t in doc.tables if t["index"] not in tables_with_marks]
    if others:
        out.append("<details><summary>其他表格 other tables</summary>" +
                   "".join(_grid(t, marks) for t in others) + "</details>")
    for f in findings:
        out.append(_passages(f))
    if doc.skipped:
        out.append('<div class="small">未运行的检查 skipped checks: ' + e(doc.skipped) + "</div>")
    out.append("</div>")
    return "".join(out)


def _findings_by_doc(result: AuditResult) -> dict[tuple[str, int], list[Finding]]:
    per_doc: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for f in result.findings:
        per_doc[(f.location.path or "", f.location.segment or 0)].append(f)
    return per_doc


def _paged(result: AuditResult, per_doc: dict[tuple[str, int], list[Finding]]) -> list[FileResult]:
    """The reports that get a page: those with findings, the MAX_REPORT_PAGES worst (most errors, then warnings)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for (path, _), found in per_doc.items():
        counts[path].update(f.severity.value for f in found)
    flagged = [fr for fr in result.files if fr.ok and fr.path in counts]
    if len(flagged) > MAX_REPORT_PAGES:
        worst = sorted(flagged, key=lambda fr: (-counts[fr.path]["error"], -counts[fr.path]["warning"],
                                                -counts[fr.path]["info"]))[:MAX_REPORT_PAGES]
        keep = {fr.path for fr in worst}
        flagged = [fr for fr in flagged if fr.path in keep]
    return flagged


def _reports(result: AuditResult, per_doc: dict[tuple[str, int], list[Finding]], paged: list[FileResult]) -> str:
    """A page per report with findings (tables, outline, passages); the other reports one row each.

    Rendering every clean report's tables would make a folder of 10,000 reports a
    50 MB page that no browser opens comfortably; their tables stay in the JSON output.
    """
    out = ['<section id="reports"><h2>逐份报告 Reports</h2>']
    for fr in paged:
        n = sum(len(per_doc.get((fr.path, d.segment), [])) for d in fr.documents)
        out.append(f"<details class=report><summary>{e(fr.path)} <span class=small>({e(fr.format)}, "
                   f"{len(fr.documents)} docs, {n} findings)</span></summary>")
        out.extend(_document(fr, d, per_doc.get((fr.path, d.segment), [])) for d in fr.documents)
        out.append("</details>")
    with_page = {fr.path for fr in paged}
    flagged = {path for path, _ in per_doc}
    rest = [fr for fr in result.files if fr.ok and fr.path not in with_page]
    unpaged = [fr for fr in rest if fr.path in flagged]
    if unpaged:
        out.append(_report_list("more-reports", f"其余有问题的报告 more reports with findings ({len(unpaged)}; "
                                "见 JSON 输出 · in the JSON output)", unpaged))
    clean = [fr for fr in rest if fr.path not in flagged]
    if clean:
        out.append(_report_list("clean-reports", f"无问题的报告 reports without findings ({len(clean)})", clean))
    out.append("</section>")
    return "".join(out)


def _report_list(cls: str, title: str, files: list[FileResult]) -> str:
    rows = "".join(f"<tr><td>{e(fr.path)}</td><td>{e(fr.format)}</td><td>{e(d.year)}</td><td>{e(d.agency)}</td>"
                   f"<td>{e(d.title)}</td></tr>" for fr in files for d in fr.documents)
    return (f"<details class={cls}><summary>{e(title)}</summary><table><tr><th>文件 file</th><th>格式 format</th>"
            f"<th>年度 year</th><th>机关 agency</th><th>标题 title</th></tr>{rows}</table></details>")


def _errors(result: AuditResult) -> str:
    if not result.errors:
        return ""
    items = "".join(f"<li>{e(fr.path)}: {e((fr.error or {}).get('type'))}: {e((fr.error or {}).get('message'))}</li>"
                    for fr in result.errors)
    return f'<section id="errors"><h2>无法读取的文件 Unreadable files</h2><ul class="err-list">{items}</ul></section>'


def render_html(result: AuditResult) -> str:
    """The whole report as one HTML string."""
    per_doc = _findings_by_doc(result)
    paged = _paged(result, per_doc)
    body = (_overview(result) + _findings(result, {fr.path for fr in paged}) + _reports(result, per_doc, paged)
            + _errors(result))
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>gkreview 审查报告</title><style>{CSS}</style></head><body>"
            f"<header><h1>政府信息公开工作年度报告审查 · gkreview {e(__version__)}</h1></header>"
            f"<main>{body}</main><script>{JS}</script></body></html>")


def render(result: AuditResult, stream: TextIO) -> None:
    """Write the HTML report."""
    stream.write(render_html(result))
