"""Build ``corpora/sample/``: the small mixed folder the README's main command audits.

It holds what a reviewer's inbox holds: the five real seeds, the real 2024 PDF, the
blank 2021 template, synthetic reports in every format with known defects (a table
that does not add up, a 洪泽-style table 四 total of 0, prose that contradicts the
table, last year's report re-dated, a carry-over that does not match last year's
report, a traditional-script Big5 file) and a few unreadable files. The defects
are listed in ``sample/MANIFEST.json``. Run ``python -m corpora.make_sample``.
"""

from __future__ import annotations

import json
import shutil
from copy import deepcopy
from pathlib import Path
from typing import Any

from corpora.render import render, to_text
from corpora.synth import Agency, SynthReport, make_report

HERE = Path(__file__).resolve().parent
OUT = HERE / "sample"

AGENCY_A = Agency("洪泽区财政局", "department", "江苏省", "淮安市", "洪泽区")
AGENCY_B = Agency("金乡县人民政府", "government", "山东省", "济宁市", "金乡县")


def _table(rep: SynthReport, index: int) -> list[list[str]]:
    """Rows of the index-th table block of a report (0 = 二, 1 = 三, 2 = 四)."""
    return [b for b in rep.blocks if b[0] == "table"][index][1]


def _set_row(rows: list[list[str]], label_start: str, col: int, value: str) -> None:
    for row in rows:
        if row[0].startswith(label_start) or (len(row) > 2 and row[2].startswith(label_start)):
            row[col] = value
            return
    raise KeyError(label_start)


def _redate(rep: SynthReport, new_year: int) -> SynthReport:
    """Last year's report with only the year in the title changed (the classic copy)."""
    copy = deepcopy(rep)
    copy.blocks[0] = ("title", rep.blocks[0][1].replace(str(rep.year), str(new_year)))
    copy.year = new_year
    return copy


def build() -> dict[str, Any]:
    """Write the sample folder and return its manifest."""
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "real").mkdir(parents=True)
    manifest: dict[str, Any] = {}
    for p in sorted((HERE / "seeds").glob("*.txt")):
        shutil.copy(p, OUT / "real" / p.name)
        manifest[f"real/{p.name}"] = {"kind": "real seed", "defects": "see corpora/manifest.json"}
    shutil.copy(HERE / "reports" / "huaian-2024.pdf", OUT / "real" / "huaian-2024.pdf")
    manifest["real/huaian-2024.pdf"] = {"kind": "real municipal 2024 report", "defects": []}
    shutil.copy(HERE / "templates" / "template-2021-blank.docx", OUT / "real" / "template-2021-blank.docx")
    manifest["real/template-2021-blank.docx"] = {"kind": "blank 2021 format", "defects": ["not an annual report"]}

    a22 = make_report(101, 2022, agency=AGENCY_A, scale=40)
    render(a22.blocks, "docx", OUT / "hongze-finance-2022.docx")
    manifest["hongze-finance-2022.docx"] = {"kind": "synthetic", "defects": []}

    a23 = make_report(102, 2023, agency=AGENCY_A, scale=40, prev=a22)
    rows = _table(a23, 1)
    _set_row(rows, "二、上年结转", 3, str(int(a22.values["table3"]["四"][0]) + 2))  # carry-over ≠ last year's 结转
    _set_row(rows, "（一）予以公开", 3, str(int(rows[[r[1] for r in rows].index("（一）予以公开")][3]) + 1))
    render(a23.blocks, "pdf", OUT / "hongze-finance-2023.pdf")
    manifest["hongze-finance-2023.pdf"] = {"kind": "synthetic", "defects": [
        "table 三 row (一)予以公开: 自然人 one more than the row total (row sum, column total, balance)",
        "table 三 二、上年结转 自然人 ≠ 2022 report's 四、结转下年度 自然人 (carry-over; row sum and balance too)"]}

    a24 = _redate(a23, 2024)
    render(a24.blocks, "txt", OUT / "hongze-finance-2024.txt")
    manifest["hongze-finance-2024.txt"] = {"kind": "synthetic", "defects": ["2023 report re-dated as 2024"]}

    b23 = make_report(203, 2023, agency=AGENCY_B, scale=120)
    t4 = _table(b23, 2)
    t4[3] = ["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"]  # 洪泽 2023 table 四
    b23.blocks = [b if b[0] != "p" or "共收到政府信息公开申请" not in b[1] else
                  ("p", b[1].replace(f"共收到政府信息公开申请{b23.values['table3']['一'][6]}件",
                                     f"共收到政府信息公开申请{b23.values['table3']['一'][6] + 7}件"))
                  for b in b23.blocks]
    render(b23.blocks, "html", OUT / "jinxiang-gov-2023.html", title=b23.title)
    manifest["jinxiang-gov-2023.html"] = {"kind": "synthetic", "defects": [
        "table 四 行政复议 总计 0 ≠ 11 and 复议后起诉 总计 0 ≠ 5", "prose 新收 differs from table by 7"]}

    b19 = make_report(219, 2019, agency=AGENCY_B, scale=30)
    import opencc

    big5_text = opencc.OpenCC("s2tw").convert(to_text(b19.blocks))  # Taiwan forms (為, not 爲) exist in Big5
    (OUT / "jinxiang-gov-2019.big5.txt").write_bytes(big5_text.encode("big5", errors="strict"))
    manifest["jinxiang-gov-2019.big5.txt"] = {"kind": "synthetic, traditional script, Big5", "defects": []}

    bad = OUT / "unreadable"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    pdf = (HERE / "reports" / "huaian-2024.pdf").read_bytes()
    (bad / "truncated.pdf").write_bytes(pdf[: len(pdf) // 4])
    (bad / "not-a-report.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    manifest["unreadable/empty.txt"] = {"kind": "bad input", "defects": ["gk.input.unsupported-format"]}
    manifest["unreadable/truncated.pdf"] = {"kind": "bad input", "defects": ["gk.input.corrupt"]}
    manifest["unreadable/not-a-report.docx"] = {"kind": "bad input", "defects": ["gk.input.corrupt"]}
    (OUT / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    for name in build():
        print(name)
