"""Page metadata of government sites: the 索引号/发布机构/成文日期/发布日期/文号 table."""

from __future__ import annotations

import re
from collections.abc import Iterable

from gkreview.normalize import norm_label

# Canonical key → label variants as printed (normalised, simplified, no spaces).
META_KEYS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号",),
    "publisher": ("发布机构", "发文机关", "发布单位", "来源", "信息来源", "发布部门"),
    "title": ("名称", "标题", "文件名称"),
    "doc_no": ("文号", "发文字号"),
    "written_date": ("成文日期", "成文时间"),
    "published_date": ("发布日期", "发布时间", "公开日期", "生成日期"),
    "category": ("主题分类", "组配分类", "分类"),
}
_LABEL_TO_KEY = {v: k for k, vs in META_KEYS.items() for v in vs}
_PAIR_RE = re.compile(r"(?P<label>[\u4e00-\u9fff]{2,4})\s*[:：]\s*(?P<value>[^|:：\t]*)")


def extract_metadata(lines: Iterable[str]) -> dict[str, str]:
    """Find ``label: value`` pairs (also ``label: | value |``) in the first lines.

    Values are kept as printed; dates are not reformatted here.
    """
    found: dict[str, str] = {}
    for line in lines:
        if ":" not in line and "：" not in line:  # both layouts need a colon; most lines are prose
            continue
        cells = [c.strip() for c in re.split(r"\s*\|\s*|\t", line)]
        # "label: | value" layout: a cell ending in a colon followed by the value cell.
        for i, cell in enumerate(cells):
            if cell.endswith((":", "：")):
                key = _LABEL_TO_KEY.get(norm_label(cell.rstrip(":：")))
                if key and i + 1 < len(cells) and cells[i + 1] and not cells[i + 1].endswith((":", "：")):
                    found.setdefault(key, cells[i + 1])
        for m in _PAIR_RE.finditer(line):
            key = _LABEL_TO_KEY.get(norm_label(m.group("label")))
            value = m.group("value").strip()
            if key and value:
                found.setdefault(key, value)
    return found
