"""Pairs of reports with controlled reuse, for the duplicate tests and ``benchmarks/duplicates.py``.

Each report is a clean synthetic report from :mod:`corpora.synth` (title, 统计期限
sentence, headings, tables, stock sentences shared by every synthetic report) plus
its own prose: a few paragraphs per section of random words drawn from jieba's
dictionary, so two independent reports share only template and stock text, as
real reports of different agencies do.

A pair (A, B) copies a chosen number of B's prose sections into A and then
applies the edits real copies show (domain §4 #3–#4): years changed, figures
changed, sentences reordered, characters edited, the other agency's name replaced
or left in, the whole copy converted to traditional script. Every copied
paragraph's span in A's final text is recorded, so the true reused share is
known exactly.

Usage::

    python corpora/gen_duplicates.py --pairs 20 --out corpora/generated/duplicates
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpora.synth import Agency, make_agency, make_report

KINDS = ("prior", "cross", "template")


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    """Common 2–4 character words of jieba's dictionary (CJK only, no place names), sorted for reproducibility.

    Place names are left out so that the only place names in a report are the
    ones the generator puts there on purpose (its agency, or a foreign one).
    """
    import jieba

    from gkreview.dedup.places import find_places

    path = Path(jieba.__file__).with_name("dict.txt")
    words: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and 2 <= len(parts[0]) <= 4 and int(parts[1]) >= 200 and \
                    all("\u4e00" <= ch <= "\u9fff" for ch in parts[0]):
                words.append(parts[0])
    return tuple(sorted(w for w in set(words) if not find_places(w)))


def sentence(rng: random.Random, year: int, agency: str) -> str:
    """One sentence of random words; some mention the year, a figure or the agency, as report prose does."""
    vocab = vocabulary()
    words = [rng.choice(vocab) for _ in range(rng.randint(6, 14))]
    roll = rng.random()
    if roll < 0.15:
        words.insert(0, f"{year}年，")
    elif roll < 0.3:
        words.insert(rng.randint(1, len(words)), f"{rng.randint(2, 900)}件")
    elif roll < 0.38:
        words.insert(0, f"{agency}")
    cut = rng.randint(3, len(words) - 2)
    return "".join(words[:cut]) + "，" + "".join(words[cut:]) + "。"


def paragraph(rng: random.Random, year: int, agency: str) -> str:
    """Three to six sentences."""
    return "".join(sentence(rng, year, agency) for _ in range(rng.randint(3, 6)))


@dataclass
class Report:
    """A generated report: text, identity and the spans of A's text copied from the other report."""

    text: str
    agency: str
    year: int
    title: str
    copied_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Pair:
    """A (copy, source) pair with what was done to it."""

    a: Report
    b: Report
    kind: str
    sections_copied: int
    sections_total: int
    edits: dict[str, object]


def _sections(skeleton: list[tuple[object, ...]]) -> list[list[tuple[object, ...]]]:
    """Split synth blocks into [preamble, section 1, section 2, …] at each heading."""
    out: list[list[tuple[object, ...]]] = [[]]
    for b in skeleton:
        if b[0] == "h":
            out.append([])
        out[-1].append(b)
    return out


def _render(blocks: list[tuple[object, ...]]) -> list[str]:
    lines: list[str] = []
    for b in blocks:
        if b[0] == "table":
            lines.extend(" | ".join(row) for row in b[1])  # type: ignore[union-attr]
        else:
            lines.append(str(b[1]))
    return lines


def _prose(rng: random.Random, year: int, agency: str, chars: int) -> list[str]:
    paras: list[str] = []
    while sum(len(p) for p in paras) < chars:
        paras.append(paragraph(rng, year, agency))
    return paras


def _edit(rng: random.Random, para: str, *, year_from: int, year_to: int, agency_from: str, agency_to: str,
          numbers: bool, reorder: bool, edit_rate: float) -> str:
    if year_from != year_to:
        para = para.replace(str(year_from), str(year_to))
    if agency_from != agency_to:
        para = para.replace(agency_from, agency_to)
    if numbers:
        para = re.sub(r"\d+(?=件)", lambda m: str(rng.randint(2, 900)), para)
    if reorder:
        sentences = [s for s in re.split(r"(?<=。)", para) if s]
        rng.shuffle(sentences)
        para = "".join(sentences)
    if edit_rate:
        chars = list(para)
        vocab = vocabulary()
        for i, ch in enumerate(chars):
            if "\u4e00" <= ch <= "\u9fff" and rng.random() < edit_rate:
                chars[i] = rng.choice(rng.choice(vocab))
        para = "".join(chars)
    return para


def build_report(rng: random.Random, agency: Agency, year: int, prose: list[list[str]],
                 copied: set[int], traditional: bool) -> Report:
    """Interleave a synth skeleton with per-section prose; record the copied paragraphs' spans."""
    skeleton = make_report(seed=rng.randrange(1 << 30), year=year, agency=agency)
    sections = _sections(skeleton.blocks)
    lines: list[tuple[str, bool]] = []
    for si, blocks in enumerate(sections):
        lines.extend((line, False) for line in _render(blocks))
        if si >= 1 and si - 1 < len(prose):
            lines.extend((p, si - 1 in copied) for p in prose[si - 1])
    conv = None
    if traditional:
        import opencc

        conv = opencc.OpenCC("s2t")
    text_parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for line, is_copy in lines:
        out = conv.convert(line) if conv else line
        if is_copy:
            spans.append((pos, pos + len(out)))
        text_parts.append(out)
        pos += len(out) + 1
    return Report("\n".join(text_parts) + "\n", agency.name, year, skeleton.title, spans)


def _year(rng: random.Random) -> int:
    """A source year whose next year uses the same national format (no 2018→2019 or 2020→2021 switch)."""
    return rng.choice([*range(2010, 2018), 2019, *range(2021, 2024)])


def _other_agency(rng: random.Random, agency: Agency) -> Agency:
    while True:
        other = make_agency(rng, agency.level)
        if other.city != agency.city and other.county != agency.county:
            return other


def make_pair(seed: int, kind: str | None = None, sections_copied: int | None = None,
              prose_chars: int = 700) -> Pair:
    """One pair. ``kind``: prior (same agency, next year), cross (another agency) or template (no reuse)."""
    rng = random.Random(seed)
    kind = kind or rng.choices(KINDS, weights=(0.45, 0.35, 0.2))[0]
    agency_b = make_agency(rng)
    agency_a = agency_b if kind == "prior" else _other_agency(rng, agency_b)
    year_b = _year(rng)
    year_a = year_b + 1 if kind == "prior" or rng.random() < 0.5 else year_b
    n_sections = 7 if year_b < 2019 else 6
    prose_b = [_prose(rng, year_b, agency_b.name, rng.randint(prose_chars // 2, prose_chars * 3 // 2))
               for _ in range(n_sections)]
    k = 0 if kind == "template" else (sections_copied if sections_copied is not None
                                      else rng.randint(0, n_sections))
    copied = set(rng.sample(range(n_sections), k))
    edits: dict[str, object] = {
        "years": year_a != year_b,
        "numbers": rng.random() < 0.7,
        "reorder": rng.random() < 0.4,
        "edit_rate": rng.choice([0.0, 0.0, 0.005, 0.01, 0.02]),
        "traditional": rng.random() < 0.25,
        "keep_foreign_name": kind == "cross" and rng.random() < 0.5,
    }
    prose_a: list[list[str]] = []
    for si in range(n_sections):
        if si in copied:
            prose_a.append([_edit(rng, p, year_from=year_b, year_to=year_a, agency_from=agency_b.name,
                                  agency_to=agency_b.name if edits["keep_foreign_name"] else agency_a.name,
                                  numbers=bool(edits["numbers"]), reorder=bool(edits["reorder"]),
                                  edit_rate=float(edits["edit_rate"]))  # type: ignore[arg-type]
                            for p in prose_b[si]])
        else:
            prose_a.append(_prose(rng, year_a, agency_a.name, rng.randint(prose_chars // 2, prose_chars * 3 // 2)))
    b = build_report(rng, agency_b, year_b, prose_b, set(), False)
    a = build_report(rng, agency_a, year_a, prose_a, copied, bool(edits["traditional"]))
    return Pair(a, b, kind, k, n_sections, edits)


def make_corpus(seed: int, n: int, prose_chars: int = 700) -> list[Report]:
    """Independent reports of distinct agencies (for learning the boilerplate model)."""
    rng = random.Random(seed)
    out: list[Report] = []
    for _ in range(n):
        agency = make_agency(rng)
        year = _year(rng)
        n_sections = 7 if year < 2019 else 6
        prose = [_prose(rng, year, agency.name, rng.randint(prose_chars // 2, prose_chars * 3 // 2))
                 for _ in range(n_sections)]
        out.append(build_report(rng, agency, year, prose, set(), False))
    return out


def main(argv: list[str] | None = None) -> int:
    """Write pairs as ``NNN_a.txt``/``NNN_b.txt`` plus ``pairs.json`` with the ground truth."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=str(Path(__file__).with_name("generated") / "duplicates"))
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    meta = []
    for i in range(args.pairs):
        pair = make_pair(args.seed * 100_003 + i)
        (out / f"{i:03d}_a.txt").write_text(pair.a.text, encoding="utf-8")
        (out / f"{i:03d}_b.txt").write_text(pair.b.text, encoding="utf-8")
        meta.append({"pair": i, "kind": pair.kind, "sections_copied": pair.sections_copied,
                     "sections_total": pair.sections_total, "edits": pair.edits,
                     "a": {k: v for k, v in asdict(pair.a).items() if k != "text"},
                     "b": {k: v for k, v in asdict(pair.b).items() if k != "text"}})
    (out / "pairs.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {args.pairs} pairs to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
