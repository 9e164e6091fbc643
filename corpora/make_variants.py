"""Regenerate ``corpora/generated/formats/`` and ``corpora/manifest.json`` from the five seeds.

Every seed is written again as .docx, .pdf and .html, as a GB18030 and a Big5
.txt, and in the other script (traditional copies of 000–003 as .txt and .html;
the traditional seed 004 as simplified .txt and .docx). A reviewer receives the
same report in all of these forms, and the parsers must agree on them: the test
suite compares each variant's paragraphs and segments with the seed's.

The manifest lists every corpus file (seeds, the real PDF, the blank template and
the variants) with what ``gkreview.load`` should give: format, encoding, script,
segment count and titles, plus the seed's known defects. Seed expectations are
written down here by hand (checked against the text, not copied from the current
output), and a variant inherits those of its seed.

Run from the repository root::

    python corpora/make_variants.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
if str(ROOT.parent) not in sys.path:
    sys.path.insert(0, str(ROOT.parent))

from corpora.render import Block, render  # noqa: E402

OUT = ROOT / "generated" / "formats"
MANIFEST = ROOT / "manifest.json"

# Hand-checked expectations per seed: segment titles (as gkreview.load should produce) and known defects.
SEED_EXPECTED: dict[str, dict[str, Any]] = {
    "000": {
        "script": "simplified",
        "titles": ["关于呈送鄂温克旗环保局2017年政务公开工作年度报告的报告",
                   "2017年环保局政府信息公开工作年度报告"],
        "defects": [
            "cover memo (文号 鄂环字﹝2017﹞106号, 签发人, 附件) in front of the report: two documents in one file",
            "cover memo calls it 政务公开工作年度报告 (non-statutory title); the report title omits the agency "
            "(2017年环保局…)",
            "pre-2019 report: no template tables",
        ],
    },
    "001": {
        "script": "simplified",
        "titles": ["绵阳市环境保护局2009年政府信息公开工作年度报告", "绵阳市环境保护局2009政府信息公开工作总结",
                   "绵阳市环境保护局2012政府信息公开工作总结", "南宁市环境保护局2008政府信息公开工作报告",
                   "2017政府信息公开工作报告"],
        "defects": [
            "five documents concatenated as 第一篇…第五篇 (one annual report, 工作总结s, other agencies/years)",
            "第三篇 title says 2012 but its own heading and body say 2009",
            "第四篇 is another agency (南宁市环境保护局) than the rest (绵阳市环境保护局)",
        ],
    },
    "002": {
        "script": "simplified",
        "titles": ["鄂温克旗人民政府办公室关于2017年全旗政务公开工作情况的通报"],
        "defects": [
            "a 通报 (circular on the whole banner's work), not an annual report",
            "page metadata table (索引号/发布机构/名称/文号/成文日期/发布日期) pasted above the text",
            "成文日期 2019-03-05 for a 〔2018〕 document about 2017",
        ],
    },
    "003": {
        "script": "simplified",
        "titles": ["政务公开工作实施方案", "晋城市20XX年政务公开工作实施方案", "20XX年环保局政务公开工作实施方案",
                   "兴仁县20XX年政务公开工作实施方案", "环境保护部20XX年政务公开工作实施方案"],
        "defects": [
            "several 实施方案 (implementation plans) pasted together, not annual reports",
            "20XX year placeholders left in titles and text",
        ],
    },
    "004": {
        "script": "traditional",
        "titles": [None],
        "defects": [
            "traditional script (武定县安监局 2017 report from a mirror site)",
            "no title line: the text starts with 根據《中華人民共和國政府信息公開條例》",
        ],
    },
}

OTHER_FILES: list[dict[str, Any]] = [
    {"path": "reports/huaian-2024.pdf", "kind": "report", "format": "pdf", "encoding": None,
     "script": "simplified", "segments": 1, "titles": ["淮安市人民政府2024年政府信息公开工作年度报告"],
     "defects": []},
    {"path": "templates/template-2021-blank.docx", "kind": "template", "format": "docx", "encoding": None,
     "script": "simplified", "segments": 1, "titles": ["政府信息公开工作年度报告格式模板"],
     "defects": ["blank 2021 national template: tables without numbers, （文字描述） placeholders"]},
]


def seed_blocks(path: Path) -> list[Block]:
    """Seed lines as blocks, split exactly as the txt parser splits them (lines with ``|`` → tables)."""
    from gkreview.parsers.txt import parse

    result = parse(path.read_bytes(), str(path))
    blocks: list[Block] = []
    for b in result.blocks:
        if b.kind == "table":
            blocks.append(("table", [[c.text for c in row] for row in b.rows], []))
        else:
            blocks.append(("p", b.text))
    return blocks


def variants_for(seed_id: str, script: str) -> list[tuple[str, str, str, str]]:
    """(suffix, format, encoding, script) of every variant of a seed written in ``script``."""
    other = "simplified" if script == "traditional" else "traditional"
    tag = "simp" if other == "simplified" else "trad"
    out = [
        ("docx", "docx", "utf-8", script),
        ("pdf", "pdf", "utf-8", script),
        ("html", "html", "utf-8", script),
        ("gb18030.txt", "txt", "gb18030", script),
        ("big5.txt", "txt", "big5", "traditional"),
        (f"{tag}.txt", "txt", "utf-8", other),
    ]
    # The other script also in a second format: traditional mirror pages are web pages; seed 004 is a Word file.
    second = "docx" if other == "simplified" else "html"
    out.append((f"{tag}.{second}", second, "utf-8", other))
    return out


def _expected_encoding(fmt: str, encoding: str) -> str | None:
    """What SourceFile.encoding should say: binary containers have none."""
    return None if fmt in ("docx", "pdf") else encoding


def generate() -> list[dict[str, Any]]:
    """Write every variant and return the manifest entries."""
    from gkreview.normalize import norm

    OUT.mkdir(parents=True, exist_ok=True)
    entries: list[dict[str, Any]] = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        sid = seed.name[:3]
        exp = SEED_EXPECTED[sid]
        rel_seed = seed.relative_to(ROOT).as_posix()
        entries.append({"path": rel_seed, "kind": "seed", "format": "txt", "encoding": "utf-8",
                        "script": exp["script"], "segments": len(exp["titles"]), "titles": exp["titles"],
                        "defects": exp["defects"]})
        blocks = seed_blocks(seed)
        title = exp["titles"][0]
        for suffix, fmt, encoding, script in variants_for(sid, exp["script"]):
            target = OUT / f"{seed.stem}.{suffix}"
            render(blocks, fmt, target, encoding=encoding, script=script, title=title)
            entries.append({
                "path": target.relative_to(ROOT).as_posix(), "kind": "variant", "source": rel_seed,
                "format": fmt, "encoding": _expected_encoding(fmt, encoding), "script": script,
                "segments": len(exp["titles"]),
                # Titles are compared after normalisation (t2s), so the seed's titles stand for every script.
                "titles": [norm(t) if t else None for t in exp["titles"]],
                "defects": exp["defects"],
            })
    return entries + OTHER_FILES


def main() -> None:
    entries = generate()
    MANIFEST.write_text(json.dumps({"version": 1, "root": "corpora", "files": entries}, ensure_ascii=False,
                                   indent=1) + "\n", encoding="utf-8")
    size = sum((ROOT / e["path"]).stat().st_size for e in entries if e["kind"] == "variant")
    print(f"{len(entries)} manifest entries; {sum(e['kind'] == 'variant' for e in entries)} variants, "
          f"{size / 1024:.0f} KiB in {OUT.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main()
