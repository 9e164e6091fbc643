"""Generated test set for the section, structure, year and document-type checks (issue 4).

Every report starts as a clean :func:`corpora.synth.make_report` (pre-2019, 2019 and
2021 templates), may get exactly one injected fault, and is rendered with
``corpora/render.py`` as .txt (UTF-8, GB18030 or Big5), .docx, .html or .pdf, in
simplified or traditional script (OpenCC). ``manifest.json`` records, per file,
the template, year, agency level, fault, what was changed and the findings the
checker must produce, as ``[rule_id, key]`` pairs (``key`` is the section id for
``gk.structure.missing-section``, else null). Clean controls (plain and with
tolerated variants: damaged or spaced period dates, unnumbered headings,
full-width tokens, heading and text on one line) must produce nothing.

Usage::

    python -m corpora.gen_sections [--out corpora/generated_sections] [--per-fault 12] [--clean 30]

``benchmarks/sections.py`` reads the manifest and prints recall and precision per rule.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpora.synth import SynthReport, make_report

Block = tuple[Any, ...]
CN = "一二三四五六七八九十"
TEMPLATE_YEARS = {"pre2019": (2009, 2018), "2019": (2019, 2020), "2021": (2021, 2024)}
ALL = ("pre2019", "2019", "2021")
TEMPLATED = ("2019", "2021")
OUT = Path(__file__).resolve().parent / "generated_sections"


@dataclass
class Parts:
    """A synthetic report cut into preamble, sections (id, heading block, body blocks) and closing lines."""

    pre: list[Block]
    sections: list[tuple[str, Block, list[Block]]]
    closing: list[Block]

    def blocks(self) -> list[Block]:
        """Join the parts back into a block list."""
        out = list(self.pre)
        for _, head, body in self.sections:
            out.append(head)
            out.extend(body)
        return out + list(self.closing)

    def index(self, sid: str) -> int:
        """Position of section ``sid``."""
        return next(i for i, s in enumerate(self.sections) if s[0] == sid)


def split(rep: SynthReport) -> Parts:
    """Cut a clean report at its ``h`` blocks; the last two blocks are the signature."""
    blocks = rep.blocks
    heads = [i for i, b in enumerate(blocks) if b[0] == "h"]
    closing_at = len(blocks) - 2
    sections = []
    for k, i in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else closing_at
        sections.append((rep.sections[k], blocks[i], list(blocks[i + 1 : end])))
    return Parts(list(blocks[: heads[0]]), sections, list(blocks[closing_at:]))


def heading_title(block: Block) -> str:
    """A heading's text without its ``一、`` token."""
    return re.sub(rf"^[{CN}]+、", "", block[1])


def renumber(parts: Parts) -> None:
    """Number the sections 一、二、… in their current order."""
    parts.sections = [(sid, ("h", f"{CN[k]}、{heading_title(h)}"), body) for k, (sid, h, body) in enumerate(parts.sections)]


def replace_in(parts: Parts, old: str, new: str) -> bool:
    """Replace text in the first paragraph containing ``old`` (preamble and sections)."""
    for group in [parts.pre] + [body for _, _, body in parts.sections]:
        for k, b in enumerate(group):
            if b[0] == "p" and old in b[1]:
                group[k] = ("p", b[1].replace(old, new, 1))
                return True
    return False


def period_text(y: int) -> str:
    return f"统计期限自{y}年1月1日起至{y}年12月31日止"


# --- faults: each returns (description, expected [rule, key] pairs) ----------------------------------------------

Fault = Callable[[random.Random, SynthReport, Parts], tuple[str, list[list[Any]]]]


def f_missing(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    required = ["proactive", "requests", "fees", "review_litigation", "problems"] if rep.template == "pre2019" \
        else ["overview", "proactive", "requests", "review_litigation", "problems", "other"]
    sid = rng.choice(required)
    del parts.sections[parts.index(sid)]
    return f"removed section {sid}", [["gk.structure.missing-section", sid]]


def f_order(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    i = rng.randint(0, len(parts.sections) - 2)
    s = parts.sections
    s[i], s[i + 1] = s[i + 1], s[i]
    keep_numbers = rng.random() < 0.5
    if not keep_numbers:
        renumber(parts)
    return f"swapped sections {s[i + 1][0]} and {s[i][0]} ({'numbers moved' if keep_numbers else 'renumbered'})", \
        [["gk.structure.order", None]]


def f_duplicate(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    sid = rng.choice([s for s, _, _ in parts.sections if s != "overview"])
    i = parts.index(sid)
    sid_, head, body = parts.sections[i]
    parts.sections.insert(i + 1, (sid_, head, list(body)))
    return f"section {sid} pasted twice", [["gk.structure.duplicate-section", None]]


def f_restart(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    i = parts.index("overview")
    sid, head, body = parts.sections[i]
    new_body = [("p", re.sub(r"^（([一二三四五六七八九十])）", r"\1、", b[1])) if b[0] == "p" else b for b in body]
    parts.sections[i] = (sid, head, new_body)
    return "overview sub-topics numbered 一、二、… (restart)", [["gk.structure.second-numbering", None]]


def f_mixed(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    k = rng.randint(1, len(parts.sections) - 1)
    sid, head, body = parts.sections[k]
    n = k + 1
    token = rng.choice([f"（{CN[k]}）", f"{n}.", f"{n}、", f"第{CN[k]}部分 "])
    parts.sections[k] = (sid, ("h", token + heading_title(head)), body)
    return f"section {sid} numbered {token.strip()}", [["gk.structure.second-numbering", None]]


def f_shifted(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    del parts.sections[parts.index("overview")]
    renumber(parts)
    return "总体情况 removed and the rest renumbered from 一", \
        [["gk.structure.missing-section", "overview"], ["gk.structure.shifted-numbering", None]]


def f_empty(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    sid = rng.choice(["problems", "problems", "overview", "other"])
    i = parts.index(sid)
    body = [("p", rng.choice(["无。", "无", "暂无。"]))] if sid == "problems" else []
    parts.sections[i] = (sid, parts.sections[i][1], body)
    return f"section {sid} emptied", [["gk.structure.empty-section", None]]


def f_fee(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    i = parts.index("other")
    sid, head, body = parts.sections[i]
    parts.sections[i] = (sid, head, [b for b in body if "信息处理费" not in b[1]])
    return "信息处理费 sentence removed from 六", [["gk.structure.fee-statement-missing", None]]


def f_table(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    sid = rng.choice(["proactive", "requests", "review_litigation"])
    i = parts.index(sid)
    _, head, body = parts.sections[i]
    prose = {"proactive": "本年度主动公开政府信息工作有序开展，各类信息均按规定公开。",
             "requests": "本年度依申请公开工作依法有序开展，所有申请均在法定期限内答复。",
             "review_litigation": "本年度未发生因政府信息公开被申请行政复议或提起行政诉讼的情况。"}[sid]
    parts.sections[i] = (sid, head, [b for b in body if b[0] != "table"] + [("p", prose)])
    return f"table of {sid} replaced by prose", [["gk.structure.table-missing", None]]


def f_title(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    a, y = rep.agency.name, rep.year
    title = rng.choice([f"{a}{y}年政务公开工作年度报告", f"{a}{y}年度信息公开年报", f"{a}{y}年政府信息公开年度报告",
                        f"{a}{y}年度政务信息公开工作报告", f"{a}{y}年政府信息公开工作报告"])
    parts.pre[0] = ("title", title)
    return f"title changed to {title}", [["gk.structure.nonstandard-title", None]]


def f_period_mismatch(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    y0 = rep.year - rng.choice([1, 1, 2])
    assert replace_in(parts, period_text(rep.year), period_text(y0))
    return f"period years set to {y0}", [["gk.years.title-period-mismatch", None]]


def f_impossible(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    y = rep.year
    new = rng.choice([f"统计期限自{y}年1月1日起至{y - 1}年12月31日止", f"统计期限自{y}年1月1日起至{y}年6月30日止",
                      f"统计期限自{y}年7月1日起至{y}年12月31日止"])
    assert replace_in(parts, period_text(y), new)
    return f"period changed to {new}", [["gk.years.impossible-period", None]]


def f_body_year(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    y = rep.year
    other = y + rng.choice([-1, -2, -3, -5, 2])
    assert replace_in(parts, f"{y}年，{rep.agency.name}共收到", f"{other}年，{rep.agency.name}共收到")
    return f"request sentence says {other}", [["gk.years.body-year", None]]


def f_signature(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    y = rep.year
    if rng.random() < 0.4:
        date = f"{y}年12月{rng.randint(10, 30)}日"
    elif y >= 2019 and rep.agency.level != "government":
        date = f"{y + 1}年{rng.choice([2, 3])}月{rng.randint(5, 28)}日"
    else:
        date = f"{y + 1}年{rng.choice([4, 5, 6])}月{rng.randint(5, 28)}日"
    parts.closing[-1] = ("p", date)
    return f"signature dated {date}", [["gk.years.signature-date", None]]


def f_outdated(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    """A ≥ 2021 report built on the 2019 template (see :func:`make_case`), with its fee line so only the format is off."""
    k = parts.index("other")
    sid, head, body = parts.sections[k]
    parts.sections[k] = (sid, head, [("p", f"{rep.year}年度，本机关未收取信息处理费。"), *body])
    return f"{rep.year} report in the 2019 (trial) format", [["gk.structure.outdated-format", None]]


# --- clean controls with tolerated variants ------------------------------------------------------------------------

def c_plain(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    return "clean", []


def c_broken_period(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    y = rep.year
    spaced = " ".join(str(y))
    new = rng.choice([f"统计期限自{y}11日至{y}1231日止", f"统计期限自 {spaced} 年 1 月 1 日起至 {spaced} 年 12 月 31 日止",
                      f"统计时间为{y}年1月1日至12月31日"])
    assert replace_in(parts, period_text(y), new)
    return f"clean, period printed as {new}", []


def c_unnumbered(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    parts.sections = [(sid, ("h", heading_title(h)), body) for sid, h, body in parts.sections]
    return "clean, headings without numbers (PDF export)", []


def c_fullwidth(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    sep = rng.choice(["．", ".", "、 ", "　"])
    parts.sections = [(sid, ("h", re.sub(rf"^([{CN}]+)、", rf"\1{sep}", h[1])), body) for sid, h, body in parts.sections]
    return f"clean, heading tokens written with {sep!r}", []


def c_inline(rng: random.Random, rep: SynthReport, parts: Parts) -> tuple[str, list[list[Any]]]:
    for k, (sid, head, body) in enumerate(parts.sections):
        if sid in ("problems", "other") and body and body[0][0] == "p":
            parts.sections[k] = (sid, ("h", head[1] + "\u3000" + body[0][1]), body[1:])
    return "clean, heading and first paragraph on one line", []


FAULTS: dict[str, tuple[Fault, tuple[str, ...]]] = {
    "missing": (f_missing, ALL), "order": (f_order, TEMPLATED), "duplicate": (f_duplicate, ALL),
    "restart": (f_restart, TEMPLATED), "mixed": (f_mixed, TEMPLATED), "shifted": (f_shifted, TEMPLATED),
    "empty": (f_empty, ALL), "fee": (f_fee, ("2021",)), "table": (f_table, TEMPLATED), "title": (f_title, ALL),
    "period_mismatch": (f_period_mismatch, ALL), "impossible": (f_impossible, ALL), "body_year": (f_body_year, ALL),
    "signature": (f_signature, ALL), "outdated": (f_outdated, ("2021",)),
}
CLEAN: dict[str, Fault] = {"plain": c_plain, "broken_period": c_broken_period, "unnumbered": c_unnumbered,
                           "fullwidth": c_fullwidth, "inline": c_inline}
FORMATS = ("txt", "docx", "html", "pdf")


def make_case(i: int, template: str, fault: str, rng: random.Random) -> tuple[SynthReport, list[Block], str,
                                                                              list[list[Any]]]:
    """One report with one fault (or a clean variant); returns (report, blocks, change, expected)."""
    lo, hi = TEMPLATE_YEARS[template]
    year = rng.randint(lo, hi)
    rep = make_report(10_000 + i, year=year, template="2019" if fault == "outdated" else template)
    parts = split(rep)
    fn = CLEAN[fault.removeprefix("clean:")] if fault.startswith("clean:") else FAULTS[fault][0]
    change, expected = fn(rng, rep, parts)
    return rep, parts.blocks(), change, expected


def jobs(per_fault: int, clean: int) -> list[tuple[str, str]]:
    """(template, fault) for every report: each fault ``per_fault`` times across its templates, then clean ones."""
    out: list[tuple[str, str]] = []
    for fault, (_, templates) in FAULTS.items():
        out += [(templates[k % len(templates)], fault) for k in range(per_fault)]
    variants = list(CLEAN)
    for k in range(clean * 3):
        out.append((ALL[k % 3], f"clean:{variants[(k // 3) % len(variants)]}"))
    return out


def generate(out: Path = OUT, per_fault: int = 12, clean: int = 30, formats: tuple[str, ...] = FORMATS,
             seed: int = 4) -> list[dict[str, Any]]:
    """Render every case into ``out`` and write ``out/manifest.json``; returns the manifest entries."""
    from corpora.render import render

    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    manifest: list[dict[str, Any]] = []
    for i, (template, fault) in enumerate(jobs(per_fault, clean)):
        rep, blocks, change, expected = make_case(i, template, fault, rng)
        fmt = formats[i % len(formats)]
        script = "traditional" if rng.random() < 0.3 else "simplified"
        encoding = "utf-8"
        if fmt == "txt":
            encoding = "big5" if script == "traditional" else rng.choice(["utf-8", "gb18030"])
        name = f"s{i:03d}_{template}_{fault.replace(':', '-')}.{fmt}"
        title = next(b[1] for b in blocks if b[0] == "title")
        try:
            render(blocks, fmt, out / name, encoding=encoding, script=script, title=title)
        except (UnicodeEncodeError, ValueError):
            encoding = "utf-8"
            render(blocks, fmt, out / name, encoding=encoding, script=script, title=title)
        manifest.append({"file": name, "template": template, "year": rep.year, "level": rep.agency.level,
                         "agency": rep.agency.name, "format": fmt, "script": script, "encoding": encoding,
                         "fault": fault, "change": change, "expected": expected})
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def main() -> None:
    """CLI entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--per-fault", type=int, default=12)
    ap.add_argument("--clean", type=int, default=30, help="clean controls per template")
    ap.add_argument("--formats", default=",".join(FORMATS))
    args = ap.parse_args()
    manifest = generate(args.out, args.per_fault, args.clean, tuple(args.formats.split(",")))
    print(f"{len(manifest)} reports written to {args.out}")


if __name__ == "__main__":
    main()
