"""Document type: is this segment really an annual report? (domain §5)

Folders of "annual reports" also hold 通报, 实施方案, 工作要点, 工作总结, compilation
notices, the blank format, cover memos and periodic statistics. Structure and year
rules only make sense for annual reports, so every segment is classified first.

Classification runs in two steps, cheapest first:

1. The rule features of domain §5 (:func:`rule_features`: title suffix, 统计期限
   sentence, template heading and table-label counts, disclosure figures, numeric
   cell share, addressee line, 文号, imperative density, 20XX placeholders …). When
   they are decisive — the title names exactly one kind of document and the body
   carries that kind's own cues (:func:`decisive_label`) — that is the answer: most
   files in a folder of reports are plain annual reports, and a model would only
   confirm them.
2. Otherwise a linear model: TF-IDF over character 1–3-grams of the title and of the
   opening of the body, plus the scaled rule features, into a multinomial logistic
   regression. It is trained with scikit-learn by ``models/train_doctype.py`` and
   shipped inside the package as plain arrays (``gkreview/models/doctype.npz``, read
   by :class:`LinearModel`), so classifying needs neither scikit-learn (whose import
   alone costs seconds per process) nor unpickling nor network.

When the artefact is missing or unreadable, the same rule features drive a transparent
decision list (:func:`rule_label`), so review never depends on the model being present.

A title that is not the statutory name (``…政府信息公开工作报告``) still names an annual
report when the content is one: a report on a whole year's disclosure work that gives
that year's 主动公开 / 依申请公开 figures (domain §5, 东莞). Its missing statutory
sections are then the structure checks' business. Without such figures — measures,
成效 and 下一步打算 only — it is a 工作总结, as is anything titled 总结 or 自查.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from gkreview.data.doctype import (
    ACHIEVEMENT_HEADING,
    ADDRESSEE,
    ATTACHED_REPORT,
    BODY_CUES,
    DENSITY_CUES,
    DISCLOSURE_TOPIC,
    DOCNO,
    OTHER_FIELD_REPORT_TITLE,
    PLACEHOLDER_YEAR,
    PROACTIVE_FIGURE,
    PUBLISH_NOTICE_TITLE,
    REQUEST_FIGURE,
    STRICT_ANNUAL_TITLE,
    T3_LABELS,
    TITLE_CUES,
)
from gkreview.document import Document, Paragraph, Table
from gkreview.sections import paragraph_norms, title_label, word_automaton

LABELS: tuple[str, ...] = (
    "annual_report", "notice_circular", "implementation_plan", "work_points", "work_summary",
    "compilation_notice", "template", "cover_memo", "periodic_statistics", "other",
)
LABELS_ZH: dict[str, str] = {
    "annual_report": "政府信息公开工作年度报告", "notice_circular": "通报", "implementation_plan": "实施方案/意见/细则",
    "work_points": "工作要点", "work_summary": "工作总结/自查报告", "compilation_notice": "年报编制通知",
    "template": "年报格式/空白模板", "cover_memo": "呈送报告/封面函", "periodic_statistics": "阶段性统计",
    "other": "其他文件",
}
MODEL_PATH = Path(__file__).resolve().parent / "models" / "doctype.npz"
# Word cues and n-grams read the opening of the body only: the training texts are cut there too,
# and what kind of document a file is shows on its first page.
BODY_CHARS = 3000
MODEL_CHARS = 2000

# --- rule features (domain §5) ----------------------------------------------------------------------------------------

_TITLE_CUES: dict[str, re.Pattern[str]] = {k: re.compile(v) for k, v in TITLE_CUES.items()}
_CUES: dict[str, re.Pattern[str]] = {k: re.compile(v, re.M) for k, v in BODY_CUES.items()}
_STRICT_ANNUAL = re.compile(STRICT_ANNUAL_TITLE)
_ACHIEVEMENT = re.compile(ACHIEVEMENT_HEADING)
_DOCNO = re.compile(DOCNO)
_PUBLISH_NOTICE = re.compile(PUBLISH_NOTICE_TITLE)
_ATTACHED_REPORT = re.compile(ATTACHED_REPORT)
_OTHER_FIELD_REPORT = re.compile(OTHER_FIELD_REPORT_TITLE)
_DISCLOSURE_TOPIC = re.compile(DISCLOSURE_TOPIC)
_FEW_TABLE_LABELS = 0.25
_PLACEHOLDER_YEAR = re.compile(PLACEHOLDER_YEAR)
_ADDRESSEE = re.compile(ADDRESSEE)
_PROACTIVE_FIGURE = re.compile(PROACTIVE_FIGURE)
_REQUEST_FIGURE = re.compile(REQUEST_FIGURE)
# A numeric cell as a line of "\n" + the cells joined by "\n" (``^…$`` under re.M, spelled with the newline itself
# so that the regex engine jumps from newline to newline instead of trying the pattern at every character).
_NUMERIC_CELLS = re.compile(r"\n-?[\d,]+(?:\.\d+)?%?(?=\n|\Z)")
_NUM_RUN = re.compile(r"(?:\s-?\d[\d,.]*){3,}\s*$")
_WS = re.compile(r"\s+")
_WS_RUN = re.compile(r"\s\s+")
_DIGITS = re.compile(r"\d+")
_MAIN_IDS = frozenset({"overview", "proactive", "requests", "fees", "review_litigation", "problems", "other"})


# --- literal prefilter: a cue is counted only when the text holds a literal every match of it contains -------------

_MAX_CLASS = 8  # a character class of at most this many literal characters still yields literals
_MAX_LITERALS = 64


def _char_class(op: Any, av: Any) -> frozenset[str] | None:
    """The characters one item matches when it is a literal or a small class of literals, else None."""
    from re import _constants as c

    if op is c.LITERAL:
        return frozenset(chr(av))
    if op is c.IN and all(o is c.LITERAL for o, _ in av) and len(av) <= _MAX_CLASS:
        return frozenset(chr(v) for _, v in av)
    return None


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective literal set: longest shortest literal, then fewest literals."""
    return max(candidates, key=lambda lits: (min(map(len, lits)), -len(lits)), default=None)


def _run_literals(run: list[frozenset[str]]) -> frozenset[str] | None:
    """Every string a run of consecutive character classes can match (None when there are too many)."""
    out = [""]
    for chars in run:
        out = [x + ch for x in out for ch in chars]
        if len(out) > _MAX_LITERALS:
            return None
    return frozenset(out)


def _needed(items: Any) -> frozenset[str] | None:
    """Literals of which every match of the parsed pattern ``items`` contains at least one (None: unknown).

    A sequence offers its runs of consecutive literal characters and what its
    groups, branches and repeats of at least one require; the most selective is
    kept. A branch needs one of its alternatives' literals. Anything the analysis
    does not know (any character, categories, back-references, case folding)
    simply offers nothing, so the set is never wrong, only sometimes absent.
    """
    from re import _constants as c

    candidates: list[frozenset[str]] = []
    run: list[frozenset[str]] = []

    def close() -> None:
        if run and (lits := _run_literals(run)) is not None:
            candidates.append(lits)
        run.clear()

    for op, av in items:
        chars = _char_class(op, av)
        if chars is not None:
            run.append(chars)
            continue
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, sub = av
            inner = _char_class(*sub[0]) if len(sub) == 1 else None
            if inner is not None:
                run.extend([inner] * min(low, 8))
                if high != low or low > 8:
                    close()
                continue
            close()
            if low >= 1 and (need := _needed(sub)) is not None:
                candidates.append(need)
            continue
        close()
        group = av[3] if op is c.SUBPATTERN and not av[1] & re.IGNORECASE else av if op is c.ATOMIC_GROUP else None
        if group is not None and (need := _needed(group)) is not None:
            candidates.append(need)
        elif op is c.BRANCH:
            alts = [_needed(alt) for alt in av[1]]
            if all(a is not None for a in alts):
                candidates.append(frozenset().union(*alts))  # type: ignore[arg-type]
    close()
    return _best(candidates)


def required_literals(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Literals one of which every match of ``rx`` contains, or None when none can be told."""
    if rx.flags & re.IGNORECASE:
        return None
    try:
        from re import _parser

        return _needed(_parser.parse(rx.pattern, rx.flags))
    except Exception:  # noqa: BLE001 - a private parser that changed only costs the prefilter, never a result
        return None


# Cues counted over the body, with their required literals; one automaton finds which literals the body holds.
_BODY_COUNTED: dict[str, re.Pattern[str]] = {**_CUES, "_proactive": _PROACTIVE_FIGURE, "_request": _REQUEST_FIGURE}
_BODY_LITERALS: dict[str, frozenset[str] | None] = {k: required_literals(rx) for k, rx in _BODY_COUNTED.items()}
_PLACEHOLDER_LITERALS = required_literals(_PLACEHOLDER_YEAR)
_PLACEHOLDER_PREFILTER = (re.compile("|".join(map(re.escape, sorted(_PLACEHOLDER_LITERALS, key=len, reverse=True))))
                          if _PLACEHOLDER_LITERALS else None)


# Cues an annual report seldom prints (those of 通报, 方案, 通知, 函, 阶段统计, 模板, 要点). The cue patterns are
# alternations, so joined by "|" they make one pattern that matches somewhere exactly when one of them does:
# one search usually proves all their counts zero. The choice only affects speed, never a count.
_SELDOM: tuple[str, ...] = ("c_circular", "c_plan", "c_notice", "c_memo", "c_periodic", "c_template", "c_points")
_ANY_SELDOM = re.compile("|".join(BODY_CUES[k] for k in _SELDOM), re.M)
_OFTEN: tuple[tuple[str, re.Pattern[str]], ...] = tuple((k, rx) for k, rx in _BODY_COUNTED.items() if k not in _SELDOM)


def _literal_automaton() -> ahocorasick.Automaton | None:
    words = sorted(set().union(*(x for k in _SELDOM if (x := _BODY_LITERALS[k]))))
    return word_automaton(words) if words else None


_BODY_AUTOMATON = _literal_automaton()


def _body_counts(body: str) -> dict[str, int]:
    """``len(findall)`` of every body cue and figure pattern.

    The cues an annual report prints anyway are counted directly. The seldom ones are
    first searched all at once (:data:`_ANY_SELDOM`); only when that finds something is
    each counted, and then a pattern whose required literals are all absent from the body
    cannot match, so it is not run.
    """
    out = {k: len(rx.findall(body)) for k, rx in _OFTEN}
    if _ANY_SELDOM.search(body) is None:
        out.update(dict.fromkeys(_SELDOM, 0))
    else:
        present = {w for _, w in _BODY_AUTOMATON.iter(body)} if _BODY_AUTOMATON is not None and body else set()
        for k in _SELDOM:
            need = _BODY_LITERALS[k]
            out[k] = 0 if need is not None and present.isdisjoint(need) else len(_BODY_COUNTED[k].findall(body))
    return {k: out[k] for k in _BODY_COUNTED}  # (the order rule_features and the tests see)


def _title_text(doc: Document) -> str:

    return title_label(doc)


def _numeric_share(doc: Document) -> tuple[float, int]:
    """Share of numeric cells among non-empty non-label cells of all tables, and the table count.

    PDF text has no tables, so lines that end in a run of numbers count as numeric rows too.
    The cells are tested in one multi-line regex pass (a report has hundreds of them).
    """
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    # Cell.is_copy spelled out: this runs for every cell of every table.
    cells = [c.text for t in tables for row in t.rows for c in row[1:]
             if c.origin is None or c.origin == (c.row, c.col)]
    # Each cell without any whitespace, one per line: squeezed all at once between NUL separators.
    together = "\0".join(cells)
    if together.count("\0") == len(cells) - 1:
        lines = "".join(together.split()).split("\0") if cells else []
    else:
        lines = ["".join(c.split()) for c in cells]
    filled = len(lines) - lines.count("")
    numeric = len(_NUMERIC_CELLS.findall("\n" + "\n".join(lines)))
    # may_end_in_number, spelled out for every paragraph.
    rows = sum(1 for b in doc.blocks
               if isinstance(b, Paragraph) and (c := b.text.rstrip()[-1:]) and (c.isdecimal() or c in ",.%")
               and _NUM_RUN.search(b.text))
    numeric += rows * 3
    filled += rows * 3
    return (numeric / filled if filled else 0.0), len(tables)


def body_head(doc: Document, limit: int = BODY_CHARS) -> str:
    """The normalised paragraphs of the body joined by newlines, cut after ``limit`` characters (memoised)."""

    def compute() -> str:
        parts: list[str] = []
        size = 0
        for norm in paragraph_norms(doc)[1]:
            parts.append(norm)
            size += len(norm) + 1
            if size >= limit:
                break
        return "\n".join(parts)[:limit]

    return doc.memo("doctype.body_head", compute, limit)


def _title_features(doc: Document) -> dict[str, float]:
    """The title cues (every ``t_*`` feature)."""
    title = _title_text(doc)
    feats: dict[str, float] = {k: float(bool(rx.search(title))) for k, rx in _TITLE_CUES.items()}
    feats["t_none"] = float(not title)
    feats["t_annual_strict"] = float(bool(_STRICT_ANNUAL.search(title)))
    return feats


def _cue_value(key: str, count: int, n: int) -> float:
    """A body cue's feature from its count over a body of ``n`` characters (density or capped count)."""
    return 1000.0 * count / n / 10.0 if key in DENSITY_CUES else min(count, 30) / 10.0


def _body_features(doc: Document) -> dict[str, float]:
    """Every body cue (``c_*``) and the disclosure figures, counted over :func:`body_head`."""
    body = body_head(doc)
    n = max(len(body), 1)
    counts = _body_counts(body)
    feats = {k: _cue_value(k, counts[k], n) for k in _CUES}
    feats["figures"] = min(counts["_proactive"] + counts["_request"], 10) / 5.0
    return feats


def _cue_feature(key: str) -> Callable[[Document], dict[str, float]]:
    """One body cue alone (what :func:`_body_features` gives for it), for a decision that reads only that cue."""

    def compute(doc: Document) -> dict[str, float]:
        body = body_head(doc)
        return {key: _cue_value(key, len(_CUES[key].findall(body)), max(len(body), 1))}

    return compute


def _section_features(doc: Document) -> dict[str, float]:
    """Statutory sections named, sections in all, share of achievement-verb headings."""
    from gkreview.sections import detect_sections

    analysis = detect_sections(doc)
    ids = {s.id for s in analysis.sections if s.id}
    titles = [s.title for s in analysis.sections]
    return {"headings_main": len(ids & _MAIN_IDS) / 6.0,
            "headings_total": min(len(analysis.sections), 20) / 10.0,
            "h_achievement": sum(1 for t in titles if _ACHIEVEMENT.match(t)) / len(titles) if titles else 0.0}


def _period_feature(doc: Document) -> dict[str, float]:
    from gkreview.years import find_period

    period = find_period(doc)
    return {"period": float(period is not None and not period.implicit)}


def _label_feature(doc: Document) -> dict[str, float]:
    from gkreview.sections import present_labels

    found = present_labels(doc)
    return {"table_labels": sum(1 for w in T3_LABELS if w in found) / len(T3_LABELS)}


def _table_features(doc: Document) -> dict[str, float]:
    share, n_tables = _numeric_share(doc)
    return {"numeric_share": share, "tables": min(n_tables, 6) / 3.0}


def _head_features(doc: Document) -> dict[str, float]:
    """Addressee line and 文号 among the first paragraphs."""
    top = [b for b in doc.blocks[:10] if isinstance(b, Paragraph)]
    return {"addressee": float(any(_ADDRESSEE.match(_WS.sub("", p.norm)) for p in top)),
            "docno": float(any(_DOCNO.search(p.norm) for p in top[:6]))}


def _placeholder_feature(doc: Document) -> dict[str, float]:
    head = body_head(doc)[:1500] + _title_text(doc)
    placeholders = (0 if _PLACEHOLDER_PREFILTER is not None and not _PLACEHOLDER_PREFILTER.search(head)
                    else len(_PLACEHOLDER_YEAR.findall(head)))
    return {"placeholder_year": min(placeholders, 10) / 5.0}


def _length_feature(doc: Document) -> dict[str, float]:
    return {"length": math.log10(max(len(body_head(doc)), 1) + 10) / 5.0}


# Every feature group in the order rule_features lists them.
_GROUPS: tuple[Callable[[Document], dict[str, float]], ...] = (
    _title_features, _body_features, _section_features, _period_feature, _label_feature, _table_features,
    _head_features, _placeholder_feature, _length_feature)


def rule_features(doc: Document) -> dict[str, float]:
    """The domain §5 cues as numbers (also shown in ``DocType.features`` for the reviewer).

    Word cues are counted over the opening :data:`BODY_CHARS` characters (what the
    training texts hold); sections, the period and the tables are read from the whole
    document through the per-document views the checks share.
    """
    feats: dict[str, float] = {}
    for group in _GROUPS:
        feats.update(group(doc))
    return feats


def _group_of() -> dict[str, Callable[[Document], dict[str, float]]]:
    """Feature name → the group that computes it (a body cue alone by its own count)."""
    out: dict[str, Callable[[Document], dict[str, float]]] = {k: _cue_feature(k) for k in _CUES}
    out.update(dict.fromkeys((*_TITLE_CUES, "t_none", "t_annual_strict"), _title_features))
    out["figures"] = _body_features
    out.update(dict.fromkeys(("headings_main", "headings_total", "h_achievement"), _section_features))
    out["period"] = _period_feature
    out["table_labels"] = _label_feature
    out.update(dict.fromkeys(("numeric_share", "tables"), _table_features))
    out.update(dict.fromkeys(("addressee", "docno"), _head_features))
    out["placeholder_year"] = _placeholder_feature
    out["length"] = _length_feature
    return out


_GROUP_OF = _group_of()


class _LazyFeatures(dict[str, float]):
    """The rule features, each group computed when one of its features is first read.

    :func:`decisive_label` reads the title cues and, for the one label the title names,
    a few body features; an annual report is settled without counting the other cues.
    A feature read here has the value :func:`rule_features` gives it (same functions).
    """

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc

    def __missing__(self, key: str) -> float:
        self.update(_GROUP_OF[key](self.doc))
        return dict.__getitem__(self, key)


def model_text(doc: Document) -> str:
    """What the n-gram model reads of the body: its opening, digits folded to 0."""
    return _DIGITS.sub("0", body_head(doc, MODEL_CHARS))


def model_title(doc: Document) -> str:
    """The title as the n-gram model reads it (digits folded to 0)."""
    return _DIGITS.sub("0", _title_text(doc))


def rule_label(feats: dict[str, float]) -> str:
    """Decision list over the rule features (fallback when the model is unavailable)."""
    if feats["t_memo"] or (feats["c_memo"] >= 0.2 and feats["docno"] and feats["length"] < 0.75):
        return "cover_memo"
    if feats["t_circular"]:
        return "notice_circular"
    if feats["t_format"] or (feats["c_template"] >= 0.3 and feats["numeric_share"] < 0.2
                             and feats["headings_main"] >= 0.6):
        return "template"
    if feats["t_points"]:
        return "work_points"
    if feats["t_plan"]:
        return "implementation_plan"
    if feats["t_summary"]:
        return "work_summary"
    if feats["t_notice"]:
        return "compilation_notice"
    if feats["t_work_report"] and not feats["t_annual_strict"]:
        # Non-standard title: the annual report of a year when it gives that year's figures (domain §5).
        if feats["t_partial"] or not (feats["figures"] or feats["period"]):
            return "work_summary"
        return "annual_report"
    if feats["t_stats"] or (feats["c_periodic"] and not feats["period"]):
        return "periodic_statistics"
    if feats["t_annual"] or feats["period"] or feats["headings_main"] >= 0.5:
        return "annual_report"
    if feats["c_summary"] >= 0.2 and not feats["figures"]:
        return "work_summary"
    return "other"


_TITLE_KINDS = ("t_memo", "t_circular", "t_format", "t_points", "t_plan", "t_summary", "t_notice", "t_stats",
                "t_partial", "t_annual", "t_work_report", "t_annual_strict")
Feats = dict[str, float]
# label → (title cue that must fire, other title cues allowed to fire with it, what the body must show)
_DECISIVE: dict[str, tuple[str, frozenset[str], Callable[[Feats], bool]]] = {
    "annual_report": ("t_annual_strict", frozenset({"t_annual"}), lambda f: bool(
        f["period"] and f["headings_main"] >= 0.5 and not f["placeholder_year"] and f["c_template"] < 0.2
        and (not f["tables"] or f["numeric_share"] >= 0.5))),
    "notice_circular": ("t_circular", frozenset(), lambda f: f["c_circular"] >= 0.1 and not f["period"]),
    "work_points": ("t_points", frozenset({"t_notice"}), lambda f: f["c_points"] >= 0.2 and not f["period"]),
    "implementation_plan": ("t_plan", frozenset(), lambda f: f["c_plan"] >= 0.2 and not f["period"]),
    "work_summary": ("t_summary", frozenset({"t_partial", "t_stats"}),
                     lambda f: f["c_summary"] >= 0.1 and not f["period"]),
    "compilation_notice": ("t_notice", frozenset(), lambda f: bool(f["c_notice"] >= 0.2 and f["addressee"])),
    "cover_memo": ("t_memo", frozenset({"t_annual", "t_annual_strict", "t_work_report"}),
                   lambda f: f["c_memo"] >= 0.1),
}


def decisive_label(feats: Feats) -> str | None:
    """The label when the rule features leave no doubt, else None (then the model decides).

    Decisive means: the title names exactly one kind of document and the body carries
    that kind's own cues — for an annual report the statutory title suffix, a 统计期限
    sentence, at least three statutory sections, and no blank-template sign. The
    training script checks these rules against every labelled item.
    """
    fired = {k for k in _TITLE_KINDS if feats[k]}
    for label, (cue, allowed, body_ok) in _DECISIVE.items():
        if cue in fired and fired - {cue} <= allowed and body_ok(feats):
            return label
    return None


@dataclass(frozen=True)
class DocType:
    """The predicted type of a document segment.

    ``method`` says who decided: ``rules`` (decisive rule features), ``model`` (the
    linear model; ``scores`` holds every class probability) or ``fallback`` (the rule
    decision list, when the model artefact is unavailable). ``features`` are the rule
    features (:func:`rule_features`); given as a function (``feature_source``) they are
    computed when first read — a report the rules settle seldom needs them all.
    """

    label: str
    probability: float
    feature_source: dict[str, float] | Callable[[], dict[str, float]] = field(
        default_factory=dict, repr=False, compare=False)
    method: str = "model"
    scores: dict[str, float] = field(default_factory=dict)

    @cached_property
    def features(self) -> dict[str, float]:
        """The rule features the decision was made from (every one, in :func:`rule_features` order)."""
        src = self.feature_source
        return src() if callable(src) else src

    @property
    def is_annual_report(self) -> bool:
        """True for annual reports (the only type structure rules apply to)."""
        return self.label == "annual_report"

    def to_dict(self) -> dict[str, Any]:
        """Compact JSON form for ``gkreview parse``."""
        top = sorted(self.scores.items(), key=lambda kv: -kv[1])[:3]
        return {"label": self.label, "label_zh": LABELS_ZH.get(self.label, self.label),
                "probability": round(self.probability, 3), "method": self.method,
                "alternatives": {k: round(v, 3) for k, v in top}}


# --- the linear model --------------------------------------------------------------------------------------------------

def char_ngrams(text: str, low: int = 1, high: int = 3) -> list[str]:
    """Character n-grams of ``text`` (whitespace runs folded to one space): the model's only tokeniser.

    Training (scikit-learn's TfidfVectorizer, given this function as analyzer) and
    classification (:class:`LinearModel`) both call it, so they cannot drift apart.
    """
    t = _WS_RUN.sub(" ", text.lower())
    out = list(t) if low == 1 else []
    for n in range(max(low, 2), high + 1):
        out += [t[i : i + n] for i in range(len(t) - n + 1)]
    return out


def select_text(items: list[dict[str, Any]]) -> list[str]:
    """Pipeline step: the n-gram text of each item."""
    return [it["text"] for it in items]


def select_title(items: list[dict[str, Any]]) -> list[str]:
    """Pipeline step: the title of each item (its own n-grams, so the title suffix is weighed as such)."""
    return [it.get("title", "") for it in items]


def select_features(items: list[dict[str, Any]]) -> list[dict[str, float]]:
    """Pipeline step: the rule features of each item."""
    return [it["features"] for it in items]


RULE_WEIGHT = 3.0


def _weight_rules(x: Any) -> Any:
    """Rule features are few; scale them up so they are not drowned by thousands of n-grams."""
    return x * RULE_WEIGHT


def build_pipeline(c: float = 4.0, max_features: int = 6000) -> Any:
    """TF-IDF character 1–3-grams of the text and of the title ⊕ scaled rule features → logistic regression.

    Training only (needs scikit-learn); :func:`export_model` turns the fitted pipeline
    into the arrays :class:`LinearModel` reads.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer

    chars = Pipeline([
        ("select", FunctionTransformer(select_text)),
        ("tfidf", TfidfVectorizer(analyzer=char_ngrams, min_df=2, max_features=max_features, sublinear_tf=True)),
    ])
    title = Pipeline([
        ("select", FunctionTransformer(select_title)),
        ("tfidf", TfidfVectorizer(analyzer=char_ngrams, min_df=2, max_features=max_features // 4,
                                  sublinear_tf=True)),
    ])
    rules = Pipeline([
        ("select", FunctionTransformer(select_features)),
        ("vec", DictVectorizer()),
        ("weight", FunctionTransformer(_weight_rules)),
    ])
    return Pipeline([
        ("features", FeatureUnion([("chars", chars), ("title", title), ("rules", rules)])),
        ("clf", LogisticRegression(C=c, max_iter=3000, class_weight="balanced")),
    ])


_CODE_BITS = 21  # every code point + 1 fits in 21 bits, so an n-gram of up to three characters fits in an int64


def _gram_key(gram: str) -> int:
    """The integer key of a 1–3-character n-gram (code points + 1 packed; -1 for longer strings, never produced)."""
    if not 1 <= len(gram) <= 3:
        return -1
    key = 0
    for ch in gram:
        key = (key << _CODE_BITS) | (ord(ch) + 1)
    return key


def _text_keys(text: str) -> Any:
    """The keys of every n-gram :func:`char_ngrams` yields for ``text`` (same text folding), as one int64 array."""
    import numpy as np

    t = _WS_RUN.sub(" ", text.lower())
    cp = np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64) + 1
    bits = _CODE_BITS
    return np.concatenate((cp, (cp[:-1] << bits) | cp[1:], (cp[:-2] << 2 * bits) | (cp[1:-1] << bits) | cp[2:]))


@dataclass(frozen=True)
class _Tfidf:
    """One TF-IDF block: vocabulary → column, idf per column, sublinear tf, l2 norm (as TfidfVectorizer).

    The vocabulary is also kept as sorted integer n-gram keys, so a text's n-grams are
    looked up with numpy in one pass instead of one dictionary look-up per n-gram.
    """

    vocab: dict[str, int]
    idf: Any  # numpy array
    keys: Any = field(init=False, repr=False, compare=False)  # sorted int64 keys of the vocabulary
    cols: Any = field(init=False, repr=False, compare=False)  # column of each sorted key

    def __post_init__(self) -> None:
        import numpy as np

        grams = list(self.vocab)
        keys = np.array([_gram_key(g) for g in grams], dtype=np.int64)
        cols = np.array([self.vocab[g] for g in grams], dtype=np.intp)
        order = np.argsort(keys, kind="stable")
        object.__setattr__(self, "keys", keys[order])
        object.__setattr__(self, "cols", cols[order])

    def ids(self, text: str) -> Any:
        """The vocabulary column of every n-gram of ``text`` that is in the vocabulary (with repeats)."""
        import numpy as np

        keys = _text_keys(text)
        if not len(self.keys) or not len(keys):
            return np.zeros(0, dtype=np.intp)
        pos = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return self.cols[pos[self.keys[pos] == keys]]

    def vector(self, text: str) -> Any:
        """The dense TF-IDF vector of ``text`` (a few thousand columns: cheaper dense than sparse here)."""
        import numpy as np

        tf = np.bincount(self.ids(text), minlength=len(self.idf)).astype(np.float64)
        nz = tf > 0
        tf[nz] = (np.log(tf[nz]) + 1.0) * self.idf[nz]
        norm = math.sqrt(float(tf @ tf))
        return tf / norm if norm else tf


class LinearModel:
    """The fitted pipeline as arrays: two TF-IDF blocks, the rule-feature columns, a softmax layer.

    ``predict_proba(items)`` gives what the scikit-learn pipeline gives (checked at
    export), at a fraction of the cost and without importing scikit-learn.
    """

    def __init__(self, classes: list[str], text: _Tfidf, title: _Tfidf, rule_names: list[str], coef: Any,
                 intercept: Any) -> None:
        import numpy as np

        self.classes_ = classes
        self.text, self.title = text, title
        self.rule_names = rule_names
        t, h = len(text.idf), len(title.idf)
        self.coef_text = np.ascontiguousarray(coef[:, :t])
        self.coef_title = np.ascontiguousarray(coef[:, t : t + h])
        self.coef_rules = np.ascontiguousarray(coef[:, t + h :])
        self.intercept = intercept

    def decision(self, item: dict[str, Any]) -> Any:
        """Class scores (logits) of one item."""
        import numpy as np

        feats = item["features"]
        rules = np.array([feats.get(name, 0.0) for name in self.rule_names]) * RULE_WEIGHT
        return (self.intercept + self.coef_text @ self.text.vector(item["text"])
                + self.coef_title @ self.title.vector(item.get("title", "")) + self.coef_rules @ rules)

    def predict_proba(self, items: list[dict[str, Any]]) -> Any:
        """Class probabilities, one row per item (softmax of the logits, as multinomial LogisticRegression)."""
        import numpy as np

        z = np.array([self.decision(it) for it in items])
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read the ``.npz`` written by :func:`export_model` (no pickles)."""
        import numpy as np

        with np.load(path, allow_pickle=False) as z:
            text = _Tfidf({g: i for i, g in enumerate(z["text_vocab"].tolist())}, z["text_idf"])
            title = _Tfidf({g: i for i, g in enumerate(z["title_vocab"].tolist())}, z["title_idf"])
            return cls(z["classes"].tolist(), text, title, z["rule_names"].tolist(), z["coef"], z["intercept"])


def export_model(pipeline: Any, path: Path) -> LinearModel:
    """Write a fitted :func:`build_pipeline` pipeline as plain arrays and return it loaded back."""
    import numpy as np

    union = pipeline.named_steps["features"]
    steps = dict(union.transformer_list)
    blocks = {}
    for name in ("chars", "title"):
        vec = steps[name].named_steps["tfidf"]
        terms = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
        blocks[name] = (np.array(terms, dtype=str), vec.idf_.astype(np.float64))
    dvec = steps["rules"].named_steps["vec"]
    clf = pipeline.named_steps["clf"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        np.savez_compressed(
            fh, classes=np.array([str(c) for c in clf.classes_], dtype=str),
            text_vocab=blocks["chars"][0], text_idf=blocks["chars"][1],
            title_vocab=blocks["title"][0], title_idf=blocks["title"][1],
            rule_names=np.array(dvec.feature_names_, dtype=str),
            coef=clf.coef_.astype(np.float64), intercept=clf.intercept_.astype(np.float64))
    return LinearModel.load(path)


def document_from_text(text: str) -> Document:
    """One unsegmented Document from plain text (training data are single documents already)."""
    from gkreview.document import SourceFile
    from gkreview.parsers.txt import blocks_from_text
    from gkreview.segment import guess_title, guess_year

    blocks = blocks_from_text(text)
    title = guess_title(blocks)
    return Document(source=SourceFile(path=None, format="txt", text=text), blocks=blocks, title=title,
                    year=guess_year(title, blocks))


def item_of(doc: Document, features: dict[str, float] | None = None) -> dict[str, Any]:
    """The model input of one document: body text, title and rule features."""
    return {"text": model_text(doc), "title": model_title(doc),
            "features": features if features is not None else rule_features(doc)}


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> LinearModel | None:
    """The trained model, or None when the artefact is absent or unreadable."""
    p = Path(path) if path else MODEL_PATH
    if not p.exists():
        return None
    try:
        return LinearModel.load(p)
    except Exception:  # noqa: BLE001 - an unusable artefact must not stop review; the rules take over
        return None


def _publishes_reports(doc: Document) -> bool:
    """A notice publishing annual reports that it lists as attachments: a cover document (domain §5), reviewed
    as such, while the attached reports are their own segments. Both the title and an 附件 line naming a
    report are required, so a 格式 or compilation notice never qualifies."""
    if not doc.title or not _PUBLISH_NOTICE.search(_title_text(doc)):
        return False
    return any(_ATTACHED_REPORT.match(p.norm.strip()) for p in doc.paragraphs[:40])


def _other_field_report(doc: Document) -> bool:
    """A report of another field (2023年法治政府建设年度报告): its title names no disclosure topic, and its body has
    neither a 统计期限 sentence nor table 三's labels. It may quote a few 政务公开 figures among its own, which
    made the model call it an annual disclosure report and the structure rules report six missing sections."""
    if not doc.title:
        return False
    title = _title_text(doc)
    if not _OTHER_FIELD_REPORT.search(title) or _DISCLOSURE_TOPIC.search(title):
        return False
    # (a few labels occur in any administrative prose: 行政许可, 行政处罚; the tables print most of them)
    return not _period_feature(doc)["period"] and _label_feature(doc)["table_labels"] < _FEW_TABLE_LABELS


def classify(doc: Document, *, use_rules: bool = True) -> DocType:
    """Classify one document segment: decisive rules, else the model, else the rule decision list.

    ``use_rules=False`` always asks the model (training and evaluation use it to compare).
    """
    if use_rules and _publishes_reports(doc):
        return DocType("cover_memo", 1.0, lambda: rule_features(doc), "rules", {"cover_memo": 1.0})
    if use_rules and _other_field_report(doc):
        return DocType("other", 1.0, lambda: rule_features(doc), "rules", {"other": 1.0})
    if use_rules and (label := decisive_label(_LazyFeatures(doc))) is not None:
        return DocType(label, 1.0, lambda: rule_features(doc), "rules", {label: 1.0})
    feats = rule_features(doc)
    model = load_model()
    if model is not None:
        probs = model.predict_proba([item_of(doc, feats)])[0]
        scores = {str(c): float(p) for c, p in zip(model.classes_, probs, strict=True)}
        label = max(scores, key=scores.__getitem__)
        return DocType(label, scores[label], feats, "model", scores)
    label = rule_label(feats)
    return DocType(label, 1.0, feats, "fallback", {label: 1.0})
