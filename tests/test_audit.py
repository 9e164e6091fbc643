"""Batch audit: bad files never stop a run, backends agree, crashes resume, outputs are valid."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from conftest import CORPORA, SEEDS
from gkreview.cli import main
from gkreview.config import ConfigError, build_settings, read_config
from gkreview.output.sarif import to_sarif
from gkreview.runner import RunOptions, audit

DATA = Path(__file__).parent / "data"


def _mixed_folder(tmp: Path) -> tuple[Path, set[str], set[str]]:
    """Good seeds plus empty, random, truncated-PDF, encrypted-PDF and oversized files."""
    folder = tmp / "mixed"
    (folder / "sub").mkdir(parents=True)
    good = set()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, folder / "sub" / p.name)
        good.add(str(folder / "sub" / p.name))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "random.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(4096))
    (folder / "noise.docx").write_bytes(os.urandom(3000))
    pdf = (CORPORA / "reports" / "huaian-2024.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    (folder / "huge.txt").write_bytes("政府信息公开".encode() * 400_000)  # 7.2 MB > the 5 MB cap used below
    bad = {str(folder / n) for n in ("empty.txt", "random.pdf", "noise.docx", "truncated.pdf", "huge.txt")}
    return folder, good, bad


def _stable(result_json: dict) -> dict:
    """The audit JSON without run-dependent fields (timings, memory, stats)."""
    out = dict(result_json)
    out.pop("stats")
    for f in out["files"]:
        f.pop("seconds")
        f.pop("peak_rss_mb")
    return out


def test_mixed_folder_reports_every_good_file(tmp_path: Path) -> None:
    folder, good, bad = _mixed_folder(tmp_path)
    from gkreview.parsers.base import Limits

    result = audit([folder], options=RunOptions(jobs=1, limits=Limits(max_file_bytes=5 * 1024 * 1024)))
    by_path = {fr.path: fr for fr in result.files}
    assert set(by_path) == good | bad
    assert all(by_path[p].ok and by_path[p].documents for p in good)
    errors = {p: by_path[p].error["code"] for p in bad}
    assert errors[str(folder / "empty.txt")] == "gk.input.unsupported-format"
    assert errors[str(folder / "huge.txt")] == "gk.input.too-large"
    assert errors[str(folder / "truncated.pdf")] in ("gk.input.corrupt", "gk.input.no-text-layer")
    assert all(code.startswith("gk.input.") for code in errors.values())
    # every unreadable file is also a finding, so no output format loses it
    assert {f.location.path for f in result.findings if f.rule_id.startswith("gk.input.")} == bad


def test_backends_give_identical_output(tmp_path: Path) -> None:
    folder, _, _ = _mixed_folder(tmp_path)
    (folder / "huge.txt").unlink()
    one = _stable(audit([folder], options=RunOptions(jobs=1)).to_dict())
    two = _stable(audit([folder], options=RunOptions(jobs=2)).to_dict())
    assert one == two
    pytest.importorskip("dask.distributed")
    dask = _stable(audit([folder], options=RunOptions(jobs=2, dask="local")).to_dict())
    assert one == dask


def test_dask_workers_without_the_files_get_their_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cluster on other machines cannot open this machine's paths: each file's bytes travel with its task,
    and the findings are those of the local pool (including a file refused for its size before sending)."""
    pytest.importorskip("dask.distributed")
    import gkreview.runner as runner
    from gkreview.parsers.base import Limits

    folder, _, _ = _mixed_folder(tmp_path)
    capped = Limits(max_file_bytes=5 * 1024 * 1024)  # huge.txt is over it: its error is made before sending
    one = _stable(audit([folder], options=RunOptions(jobs=1, limits=capped)).to_dict())
    sent: list[str] = []
    read = runner._DaskBackend._read

    def spy(self: object, path: str) -> bytes | None:
        sent.append(path)
        return read(self, path)  # type: ignore[arg-type]

    monkeypatch.setattr(runner._DaskBackend, "_workers_see", lambda self, path: False)
    monkeypatch.setattr(runner._DaskBackend, "_read", spy)
    shipped = _stable(audit([folder], options=RunOptions(jobs=2, dask="local", limits=capped)).to_dict())
    assert shipped == one
    assert any(f["error"] and f["error"]["code"] == "gk.input.too-large" for f in one["files"])
    assert len(sent) == len(one["files"])


def _workers(pid: int) -> list[int]:
    """Pool worker processes of a running audit: the grandchildren (children of the forkserver).

    Direct children are the forkserver and multiprocessing's resource tracker, which are not workers.
    """
    import psutil

    try:
        return [c.pid for c in psutil.Process(pid).children(recursive=True) if c.ppid() != pid]
    except psutil.NoSuchProcess:
        return []


def _many_files(tmp: Path, n: int) -> Path:
    folder = tmp / "many"
    folder.mkdir()
    texts = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(n):
        # distinct content per file, so the content-keyed cache keeps one entry each
        (folder / f"r{i:03d}.txt").write_bytes(texts[i % len(texts)] + f"\n编号{i}\n".encode())
    return folder


def _run_cli(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "gkreview.cli", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def test_killed_worker_and_killed_run_resume_exactly_once(tmp_path: Path) -> None:
    folder = _many_files(tmp_path, 120)
    cache = tmp_path / "cache"
    out = tmp_path / "out.json"
    args = ["audit", str(folder), "--jobs", "2", "--cache", str(cache), "-o", str(out), "--quiet", "--fail-on", "never"]
    # 1) kill one worker process mid-run: the pool breaks, the run still finishes every file
    proc = _run_cli(args, tmp_path)
    deadline = time.time() + 300
    killed = False
    while time.time() < deadline and proc.poll() is None:
        entries = list(cache.rglob("*.json")) if cache.exists() else []
        kids = _workers(proc.pid)
        if len(entries) >= 10 and len(kids) >= 2:
            os.kill(kids[-1], signal.SIGKILL)
            killed = True
            break
        time.sleep(0.02)
    proc.communicate(timeout=600)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    paths = [f["path"] for f in data["files"]]
    assert len(paths) == len(set(paths)) == 120
    assert killed, "the run finished before a worker could be killed; make the corpus larger"
    # the killed worker's in-flight files were re-run in isolation and succeeded
    assert not any(f["error"] for f in data["files"])
    # 2) kill the whole run mid-way, then resume: finished files come from the cache, each file once
    shutil.rmtree(cache)
    out.unlink()
    proc = _run_cli(args, tmp_path)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if cache.exists() and len(list(cache.rglob("*.json"))) >= 20:
            os.killpg(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    proc.wait(timeout=30)
    done_before = len(list(cache.rglob("*.json")))
    assert 0 < done_before < 120
    proc = _run_cli(args, tmp_path)
    proc.communicate(timeout=600)
    assert proc.returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    paths = [f["path"] for f in data["files"]]
    assert len(paths) == len(set(paths)) == 120
    assert data["stats"]["cached"] >= done_before
    assert data["stats"]["processed"] == 120 - data["stats"]["cached"]


def test_sarif_validates_against_schema(tmp_path: Path) -> None:
    folder, _, _ = _mixed_folder(tmp_path)
    (folder / "huge.txt").unlink()
    result = audit([folder], options=RunOptions(jobs=1))
    log = to_sarif(result)
    schema = json.loads((DATA / "sarif-2.1.0-core.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    levels = {r["level"] for r in log["runs"][0]["results"]}
    assert "error" in levels
    # a misspelt member must fail validation (the schema is strict, so the test can fail)
    log["runs"][0]["results"][0]["levle"] = "error"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, schema)


def test_html_escapes_document_content(tmp_path: Path) -> None:
    evil = tmp_path / "evil.txt"
    evil.write_text("某县<script>alert('x')</script>2021年政府信息公开工作年度报告\n一、总体情况\n"
                    "<img src=x onerror=alert(1)>本机关全年收到申请3件。\n", encoding="utf-8")
    bad = tmp_path / "bad<b>.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage <script>")
    result = audit([tmp_path], options=RunOptions(jobs=1))
    page = result.to_html()
    assert page.count("<script>") == 1  # only the report's own sorter/filter
    assert "<img src=x" not in page
    assert "bad&lt;b&gt;.pdf" in page
    assert not re.search(r'(src|href)=["\']?(https?:)?//', page)  # nothing loaded from the network


def test_html_lists_clean_reports_without_their_tables(tmp_path: Path) -> None:
    """Reports with findings get a page of their own; those without any are one row each (a folder of
    thousands stays a page a browser opens)."""
    for n in ("001", "004"):
        src = next(SEEDS.glob(f"{n}_*.txt"))
        shutil.copy(src, tmp_path / src.name)
    result = audit([tmp_path], options=RunOptions(jobs=1))
    flagged = {f.location.path for f in result.findings}
    clean = [fr.path for fr in result.files if fr.path not in flagged]
    assert clean and len(clean) < len(result.files)
    page = result.to_html()
    reports, _, listed = page.partition("<details class=clean-reports>")
    assert all(html.escape(p) in listed.split("</details>")[0] for p in clean)
    assert reports.count("<details class=report>") == len(result.files) - len(clean)


def test_html_caps_rows_and_pages_keeping_the_worst(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gkreview.output import html as report

    for n in ("000", "001", "004"):
        src = next(SEEDS.glob(f"{n}_*.txt"))
        shutil.copy(src, tmp_path / src.name)
    result = audit([tmp_path], options=RunOptions(jobs=1))
    errors = Counter(f.location.path for f in result.findings if f.severity.value == "error")
    flagged = {f.location.path for f in result.findings}
    assert len(flagged) >= 2 and len(result.findings) > 3
    monkeypatch.setattr(report, "MAX_FINDING_ROWS", 3)
    monkeypatch.setattr(report, "MAX_REPORT_PAGES", 1)
    page = result.to_html()
    findings_part = page.split('<table id="findings">')[1].split("</table>")[0]
    assert findings_part.count("<tr data-sev=") == 3 and 'data-sev="info"' not in findings_part
    assert f"{len(result.findings) - 3} more findings" in page
    assert page.count("<details class=report>") == 1
    summary = page.split("<details class=report>")[1].split("</summary>")[0]
    (paged,) = [p for p in flagged if html.escape(p) in summary]
    assert errors[paged] == max(errors[p] for p in flagged)
    more = page.split("<details class=more-reports>")[1].split("</details>")[0]
    assert all(html.escape(p) in more for p in flagged - {paged})


def test_config_file_and_cli_values(tmp_path: Path) -> None:
    cfg = tmp_path / ".gkreview.toml"
    cfg.write_text('ignore = ["gk.input.unsupported-format"]\n[severity]\n"gk.input" = "warning"\n', encoding="utf-8")
    settings = build_settings(read_config(cfg))
    assert not settings.enabled("gk.input.unsupported-format")
    assert settings.enabled("gk.input.corrupt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "random.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    result = audit([tmp_path], settings=settings, options=RunOptions(jobs=1))
    assert {f.rule_id for f in result.findings} <= {"gk.input.corrupt", "gk.input.no-text-layer"}
    assert all(f.severity.value == "warning" for f in result.findings)
    bad = tmp_path / "bad.toml"
    bad.write_text("selectt = []\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        read_config(bad)
    with pytest.raises(ConfigError):
        build_settings({"ignore": ["gk.no-such-family"]})


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    assert "gk.input.corrupt" in capsys.readouterr().out
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["check", str(tmp_path / "empty.txt"), "-q"]) == 1
    assert main(["check", str(tmp_path / "empty.txt"), "-q", "--fail-on", "never"]) == 0
    assert main(["audit", str(tmp_path / "missing-folder"), "-q", "--no-cache"]) == 2
    assert main(["audit", str(tmp_path), "-q", "--no-cache", "--select", "gk.nonexistent"]) == 2
    out = tmp_path / "r.weird"
    assert main(["audit", str(tmp_path), "-q", "--no-cache", "-o", str(out)]) == 2
    seed = next(SEEDS.glob("004_*.txt"))
    assert main(["parse", str(seed)]) == 0
    assert "2017" in capsys.readouterr().out


def test_closed_output_pipe_ends_quietly(tmp_path: Path) -> None:
    """`gkreview rules | head` style: the reader is gone before the first write; no traceback, exit 141."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([sys.executable, "-m", "gkreview.cli", "rules"], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, cwd=tmp_path, timeout=120)
    finally:
        os.close(write_end)
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr
    assert proc.returncode == 128 + signal.SIGPIPE


def test_outputs_round_trip(tmp_path: Path) -> None:
    folder, _, _ = _mixed_folder(tmp_path)
    (folder / "huge.txt").unlink()
    outs = [tmp_path / n for n in ("a.json", "a.jsonl", "a.csv", "a.sarif", "a.html")]
    code = main(["audit", str(folder), "-q", "--no-cache", "--jobs", "1", "--fail-on", "never",
                 *[x for o in outs for x in ("-o", str(o))]])
    assert code == 0
    doc = json.loads(outs[0].read_text(encoding="utf-8"))
    assert doc["schema"] == "gkreview/1"
    n = sum(len(f["findings"]) for f in doc["files"]) + len(doc["batch_findings"])
    lines = outs[1].read_text(encoding="utf-8").splitlines()
    assert len(lines) == n and all(json.loads(x)["rule_id"] for x in lines)
    import csv

    rows = list(csv.DictReader(outs[2].open(encoding="utf-8")))
    assert len(rows) == n
    assert json.loads(outs[3].read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert outs[4].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_audit_hostile_corpus_with_good_files(tmp_path: Path) -> None:
    """Every hostile file gets its own gk.input.* error; every good file beside them is reviewed."""
    folder = tmp_path / "inbox"
    shutil.copytree(CORPORA / "hostile", folder / "hostile")
    shutil.copytree(SEEDS, folder / "good")
    zip_bomb = folder / "hostile" / "bomb.docx"
    import zipfile

    with zipfile.ZipFile(zip_bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))  # 300 MB of zeros, ~300 KB zipped
    result = audit([folder], options=RunOptions(jobs=2, include=("*",)))
    hostile = [fr for fr in result.files if "/hostile/" in fr.path]
    good = [fr for fr in result.files if "/good/" in fr.path]
    assert len(good) == 5 and all(fr.ok and fr.documents for fr in good)
    assert hostile and all(not fr.ok for fr in hostile), [fr.path for fr in hostile if fr.ok]
    codes = {Path(fr.path).name: fr.error["code"] for fr in hostile}
    assert codes["bomb.docx"] == "gk.input.too-large"
    assert codes["encrypted.pdf"] == "gk.input.encrypted"
    assert codes["image_only.pdf"] == "gk.input.no-text-layer"
    assert codes["entity_bomb.docx"] in ("gk.input.corrupt", "gk.input.too-large")
    assert all(fr.seconds < 60 for fr in hostile)


def test_pool_that_cannot_start_falls_back_to_this_process(tmp_path: Path) -> None:
    """Workers cannot re-import a ``__main__`` read from stdin; the audit must still review every file."""
    script = ("import sys\nfrom gkreview.runner import RunOptions, audit\n"
              f"r = audit([{str(SEEDS)!r}], options=RunOptions(jobs=2))\n"
              "print(sum(f.ok for f in r.files), len(r.files))\n")
    proc = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True, cwd=tmp_path,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["5", "5"]
    assert "reviewing in this process instead" in proc.stderr
