"""Input family: files that cannot be read become findings, not crashes.

These rules are emitted by the batch runner (one per unreadable file), not by
``check``; they are declared here so they are documented, configurable and
listed by ``gkreview rules`` like every other rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from gkreview.analysis import Context
from gkreview.document import Document
from gkreview.errors import ERROR_CLASSES
from gkreview.findings import Finding, Rule, Severity

_SUMMARIES = {
    "gk.input.error": ("文件无法读取", "The file could not be read."),
    "gk.input.unsupported-format": ("不支持的文件格式或空文件", "Unsupported format or empty file."),
    "gk.input.corrupt": ("文件损坏（截断的 PDF、损坏的压缩包或 XML）", "Corrupt file (truncated PDF, broken zip or XML)."),
    "gk.input.encrypted": ("文件加密，需要密码", "Encrypted file: a password is needed."),
    "gk.input.no-text-layer": ("PDF 为扫描图像，没有文字层", "Scanned PDF without a text layer (needs OCR)."),
    "gk.input.too-large": ("文件或其解压内容超过限制", "The file or what it expands to exceeds a limit."),
    "gk.input.encoding": ("无法判断文本编码", "The text encoding cannot be decided."),
    "gk.input.timeout": ("处理超时", "Processing the file exceeded the time limit."),
    "gk.input.crash": ("处理该文件时进程异常退出", "The worker processing this file died."),
}

RULES: tuple[Rule, ...] = tuple(
    Rule(id=code, severity=Severity.ERROR, summary_zh=zh, summary_en=en, scope="file")
    for code, (zh, en) in _SUMMARIES.items()
)
assert {c.code for c in ERROR_CLASSES} <= set(_SUMMARIES), "every error class needs a rule"


def check(doc: Document, ctx: Context) -> Iterable[Finding]:
    """Nothing to check per document: input findings come from the runner."""
    return ()
