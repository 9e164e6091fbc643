"""The result cache: a hit needs the same file content, settings and gkreview code."""

from __future__ import annotations

from pathlib import Path

import pytest

import gkreview.cache as cache_mod
from gkreview.cache import ResultCache, code_fingerprint, file_digest


def test_hit_needs_same_content_settings_and_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "r.txt"
    report.write_text("某县2020年政府信息公开工作年度报告\n", encoding="utf-8")
    digest = file_digest(report)
    root = tmp_path / "cache"
    ResultCache(root, "settings-A").put(digest, {"path": str(report), "findings": []})
    assert ResultCache(root, "settings-A").get(digest) == {"path": str(report), "findings": []}
    assert ResultCache(root, "settings-B").get(digest) is None
    report.write_text("某县2021年政府信息公开工作年度报告\n", encoding="utf-8")
    assert ResultCache(root, "settings-A").get(file_digest(report)) is None
    # a changed rule (other module content) must not be served from the old rule's results
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "another build of gkreview")
    assert ResultCache(root, "settings-A").get(digest) is None


def test_code_fingerprint_covers_modules_and_models() -> None:
    fp = code_fingerprint()
    assert len(fp) == 64 and fp == code_fingerprint()
