"""Command line: ``gkreview parse | check | compare | audit | rules``.

Exit codes follow ruff and Vale: 0 when no finding reaches ``--fail-on`` (default
error), 1 when one does, 2 for a usage, configuration or runtime error; 141 (as for a
process ended by SIGPIPE) when the reader of the output closed it early (``| head``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gkreview._version import __version__
from gkreview.config import ConfigError, Settings, build_settings, find_config, read_config
from gkreview.errors import GkreviewError
from gkreview.findings import Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_PIPE = 128 + signal.SIGPIPE  # what a shell reports for `cat file | head`: the reader stopped reading


def _add_rule_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, help="config file (.gkreview.toml or pyproject.toml); default: nearest one")
    p.add_argument("--select", action="append", default=[], metavar="RULE",
                   help="only these rule ids or prefixes (repeatable), e.g. gk.table3")
    p.add_argument("--ignore", action="append", default=[], metavar="RULE", help="skip these rule ids or prefixes")
    p.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                   help="set a rule option, e.g. duplicates.threshold=0.6 (see `gkreview rules --options`)")
    p.add_argument("--fail-on", choices=["error", "warning", "info", "never"], default=None,
                   help="exit 1 when a finding reaches this level (default: error)")


def _add_output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-f", "--format", choices=["text", "json", "jsonl", "csv", "sarif", "html"], default=None,
                   help="format for standard output (default text; ignored for -o files, which use their suffix)")
    p.add_argument("-o", "--output", action="append", default=[], type=Path, metavar="FILE",
                   help="write a report file; the suffix picks the format (.html .json .jsonl .csv .sarif .txt); "
                        "repeatable")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no terminal summary")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the README's usage section)."""
    parser = argparse.ArgumentParser(
        prog="gkreview",
        description="Review Chinese government information-disclosure annual reports (政府信息公开工作年度报告): "
                    "structure, tables and numbers, duplicates, identity and wording.")
    parser.add_argument("--version", action="version", version=f"gkreview {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="show what the parser saw: segments, sections, tables")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="machine-readable outline")

    p = sub.add_parser("check", help="review one report file")
    p.add_argument("file", type=Path)
    _add_rule_options(p)
    _add_output_options(p)

    p = sub.add_parser("compare", help="compare two reports: reused passages side by side, 复制比")
    p.add_argument("a", help="report file, optionally FILE:N for its N-th document segment")
    p.add_argument("b", help="report file, optionally FILE:N")
    p.add_argument("--min-match", type=int, default=13, help="shortest reused run in characters (default 13)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("audit", help="review every report under folders/files, in parallel, resumably")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster: 'local' or tcp://scheduler:8786")
    p.add_argument("--include", action="append", default=[], metavar="GLOB", help="file globs to include")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="file globs to exclude")
    p.add_argument("--cache", type=Path, default=None,
                   help="result cache folder for resuming (default: .gkreview-cache in the current folder)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    p.add_argument("--timeout", type=float, default=None, help="per-file time limit in seconds (default 120)")
    p.add_argument("--max-memory-mb", type=int, default=None, help="per-worker memory limit (default 4096)")
    p.add_argument("--max-file-mb", type=float, default=None, help="largest file accepted (default 50)")
    _add_rule_options(p)
    _add_output_options(p)

    p = sub.add_parser("rules", help="list every rule id with its severity and description")
    p.add_argument("--json", action="store_true")
    p.add_argument("--options", action="store_true", help="list rule options and their defaults instead")
    return parser


def _parse_option(raw: str) -> tuple[str, Any]:
    if "=" not in raw:
        raise ConfigError(f"--option needs KEY=VALUE, got {raw!r}")
    key, value = raw.split("=", 1)
    try:
        return key.strip(), json.loads(value)
    except ValueError:
        return key.strip(), value


def _load_settings(args: argparse.Namespace, anchor: Path) -> tuple[Settings, dict[str, Any]]:
    path = args.config or find_config(anchor)
    raw = read_config(path) if path else {}
    options = dict(_parse_option(o) for o in args.option)
    settings = build_settings(raw, select=args.select, ignore=args.ignore, options=options)
    return settings, raw


def _fail_level(args: argparse.Namespace, raw: dict[str, Any]) -> str:
    return args.fail_on or raw.get("fail-on", "error")


def _exit_code(result: Any, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity(fail_on).rank
    return EXIT_FINDINGS if any(f.severity.rank >= threshold for f in result.findings) else EXIT_OK


def _write_outputs(result: Any, args: argparse.Namespace) -> None:
    from gkreview.output import FORMATS, SUFFIXES

    for out in args.output:
        fmt = SUFFIXES.get(out.suffix.lower())
        if fmt is None:
            raise ConfigError(f"cannot tell the format of {out} from its suffix; use one of {sorted(SUFFIXES)}")
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="") as fh:
            FORMATS[fmt](result, fh)
    if args.format or (not args.output and not args.quiet):
        FORMATS[args.format or "text"](result, sys.stdout)
    elif not args.quiet:
        counts = result.counts()
        written = ", ".join(str(o) for o in args.output)
        print(f"gkreview: {len(result.files)} files, {counts['error']} errors, {counts['warning']} warnings, "
              f"{counts['info']} info → {written}", file=sys.stderr)


def _progress(quiet: bool) -> tuple[Any, Any]:
    """A rich progress bar on stderr when it is a terminal; otherwise nothing."""
    if quiet or not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    class Rate(TextColumn):
        def render(self, task: Any) -> Any:
            from rich.text import Text

            speed = task.completed / task.elapsed if task.elapsed else 0
            return Text(f"{speed:.1f} files/s")

    bar = Progress(TextColumn("[bold]gkreview"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                   Rate(""), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=False)
    task = bar.add_task("audit", total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return bar, update


def cmd_audit(args: argparse.Namespace, paths: list[Path]) -> int:
    """Run an audit and write its outputs."""
    from gkreview.parsers.base import Limits
    from gkreview.runner import RunOptions, audit

    settings, raw = _load_settings(args, paths[0])
    run_cfg = raw.get("run", {})
    defaults = RunOptions()
    jobs = getattr(args, "jobs", None) or run_cfg.get("jobs") or defaults.jobs
    cache = None
    if not getattr(args, "no_cache", True):
        cache = str(args.cache or run_cfg.get("cache-dir") or ".gkreview-cache")
    max_file_mb = getattr(args, "max_file_mb", None) or run_cfg.get("max-file-mb")
    limits = Limits(max_file_bytes=int(max_file_mb * 1024 * 1024)) if max_file_mb else Limits()
    opts = RunOptions(
        jobs=int(jobs), cache_dir=cache, dask=getattr(args, "dask", None),
        timeout=getattr(args, "timeout", None) or run_cfg.get("timeout", defaults.timeout),
        max_memory_mb=getattr(args, "max_memory_mb", None) or run_cfg.get("max-memory-mb", defaults.max_memory_mb),
        include=tuple(getattr(args, "include", []) or run_cfg.get("include", [])) or defaults.include,
        exclude=tuple(getattr(args, "exclude", []) or []) + tuple(run_cfg.get("exclude", [])),
        limits=limits)
    bar, update = _progress(args.quiet)
    if bar is not None:
        with bar:
            result = audit(paths, settings, opts, progress=update)
    else:
        result = audit(paths, settings, opts)
    _write_outputs(result, args)
    return _exit_code(result, _fail_level(args, raw))


def cmd_parse(args: argparse.Namespace) -> int:
    """Print the outline of each document segment in a file."""
    from gkreview.outline import file_outline, render_outline

    outline = file_outline(args.file)
    if args.json:
        print(json.dumps(outline, ensure_ascii=False, indent=2))
    else:
        print(render_outline(outline))
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare two reports and print the reused passages side by side."""
    from gkreview.api import compare
    from gkreview.dedup import render_text
    from gkreview.outline import pick_segment

    a, b = pick_segment(args.a), pick_segment(args.b)
    pair = compare(a, b, min_match=args.min_match)
    if args.json:
        print(json.dumps(pair.to_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(render_text(pair.duplicates))
    if pair.crossyear:
        print("\n跨年度核对 cross-year checks:")
        for f in pair.crossyear:
            print(f"  {f.severity.value:<7} {f.rule_id:<28} {f.message.get('zh', '')}")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    """List the rules (or the options)."""
    from gkreview.registry import option_defaults, rules

    if args.options:
        opts = option_defaults()
        if args.json:
            print(json.dumps(opts, ensure_ascii=False, indent=2))
        else:
            for k in sorted(opts):
                print(f"{k} = {json.dumps(opts[k], ensure_ascii=False)}")
        return EXIT_OK
    table = rules()
    if args.json:
        print(json.dumps([{"id": r.id, "severity": r.severity.value, "scope": r.scope, "summary_zh": r.summary_zh,
                           "summary_en": r.summary_en, "description": r.description, "bad": r.bad, "good": r.good}
                          for r in table.values()], ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in sorted(table.values(), key=lambda r: r.id):
        print(f"{r.id:<40} {r.severity.value:<8} {r.summary_zh} — {r.summary_en}")
    return EXIT_OK


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "audit":
        return cmd_audit(args, list(args.paths))
    if args.command == "check":
        args.no_cache, args.jobs = True, 1
        return cmd_audit(args, [args.file])
    if args.command == "parse":
        return cmd_parse(args)
    if args.command == "compare":
        return cmd_compare(args)
    return cmd_rules(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gkreview`` console script."""
    args = build_parser().parse_args(argv)
    try:
        code = _dispatch(args)
        sys.stdout.flush()  # here, not at exit, so that a closed pipe is handled below
        return code
    except (ConfigError, GkreviewError, FileNotFoundError) as exc:
        print(f"gkreview: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("gkreview: interrupted (finished files are in the cache; re-run to resume)", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader closed the pipe (`gkreview rules | head`): stop quietly. Standard output is pointed at
        # /dev/null so that the interpreter's final flush does not raise the same error again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE


if __name__ == "__main__":
    sys.exit(main())
