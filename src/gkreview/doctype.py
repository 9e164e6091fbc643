"""Document type: is this segment really an annual report? (domain §5)

Folders of "annual reports" also hold 通报, 实施方案, 工作要点, 工作总结, compilation
notices, the blank format, cover memos and periodic statistics. Structure and year
rules only make sense for annual reports, so every segment is classified first.

The classifier is a scikit-learn pipeline (:func:`build_pipeline`): TF-IDF over
character n-grams of the opening and closing text, plus the rule features of
domain §5 (:func:`rule_features`: title suffix, 统计期限 sentence, template heading
and table-label counts, numeric cell share, addressee line, 文号, imperative
density, 20XX placeholders …), feeding a logistic regression. It is trained by
``models/train_doctype.py`` and shipped inside the package
(``gkreview/models/doctype.joblib``), so it loads without network. When the
artefact is missing or cannot be unpickled (e.g. another scikit-learn), the same
rule features drive a transparent decision list (:func:`rule_label`), so review
never depends on the model being present.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from gkreview.document import Document, Paragraph, Table

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
MODEL_PATH = Path(__file__).resolve().parent / "models" / "doctype.joblib"

# --- rule features (domain §5) ----------------------------------------------------------------------------------------

_TITLE_CUES: dict[str, re.Pattern[str]] = {
    "t_annual": re.compile(r"(年度报告|年报|信息公开工作报告|公开工作报告|公开报告)$"),
    "t_memo": re.compile(r"^关于(呈送|报送|上报|提交|报请).*(的报告|的函|的请示)$|(的报告|的函)$"),
    "t_circular": re.compile(r"通报"),
    "t_plan": re.compile(r"(实施方案|方案|实施意见|意见|实施细则|细则)$"),
    "t_points": re.compile(r"要点"),
    "t_summary": re.compile(r"(总结|自查报告|自查情况)"),
    "t_notice": re.compile(r"通知$"),
    "t_format": re.compile(r"(格式|模板|模版|样表|样式)"),
    "t_stats": re.compile(r"(报表|统计表|统计数据|统计情况|情况统计|上半年|季度|半年)"),
}
_CUES: dict[str, re.Pattern[str]] = {
    "c_circular": re.compile(r"通报如下|现将.{0,30}通报|合格率|排名|得分|名单|予以通报|通报表扬|通报批评"),
    "c_plan": re.compile(r"指导思想|基本原则|组长|副组长|保障措施|工作目标|年底前|领导小组|工作任务|主要任务"),
    "c_summary": re.compile(r"主要做法|取得.{0,4}成效|工作成效|下一步工作打算|工作总结|自查|经验做法|工作亮点"),
    "c_notice": re.compile(r"请于|前报送|联系人|联系电话|报送至|编制和发布|编制发布|做好.{0,20}年度报告|按时报送"),
    "c_memo": re.compile(r"此报告|请审阅|请审定|随文|呈上|签发人|特此报告|妥否"),
    "c_periodic": re.compile(r"上半年|第[一二三四]季度|[1一]-[6六]月|1至6月|季度统计|半年度"),
    "c_template": re.compile(r"\(文字描述\)|文字描述|XXX|××|填写说明|单位:万元\)$"),
    "c_points": re.compile(r"\((?:[^)]{0,20}负责|[^)]{0,20}牵头)[^)]{0,20}\)|牵头单位|责任单位|完成时限"),
    "c_imperative": re.compile(r"要|务必|必须|应当|确保|切实|不得"),
    "c_future": re.compile(r"将|拟|计划|力争"),
    "c_annual": re.compile(r"本报告|年度报告|统计期限|统计时限|主动公开政府信息情况|收到和处理|行政复议、行政诉讼"),
}
_STRICT_ANNUAL = re.compile(r"(年度报告|年报)$")
_ACHIEVEMENT = re.compile(r"^(充分|积极|认真|着力|加强|强化|深化|推进|狠抓|严格|扎实|全面|持续|不断|切实|进一步|大力|突出|注重|"
                          r"坚持|健全|完善|规范|创新|提升|抓好|做好|主要做法|取得)")
_DOCNO = re.compile(r"[〔\[(](?:19|20)\d{2}[〕\])]\s*\d+\s*号")
_PLACEHOLDER_YEAR = re.compile(r"20[Xx×]{2}|[Xx×]{2,}年")
_ADDRESSEE = re.compile(r"^[^,。;]{2,40}(各|人民政府|单位|部门|办公室|委员会|局|厅|政府|同志们)[^,。;]{0,20}:$")
_NUMERIC_CELL = re.compile(r"^-?[\d,]+(\.\d+)?%?$")
_NUM_RUN = re.compile(r"(?:\s-?\d[\d,.]*){3,}\s*$")
T3_LABELS: tuple[str, ...] = (
    "本年新收", "上年结转", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "结转下年度",
    "结果维持", "结果纠正", "尚未审结", "复议后起诉", "本年制发件数", "行政许可", "行政处罚", "行政事业性收费",
    "申请人情况", "法人或其他组织",
)


def _title_text(doc: Document) -> str:
    from gkreview.normalize import norm_label

    return norm_label(doc.title) if doc.title else ""


def _numeric_share(doc: Document) -> tuple[float, int]:
    """Share of numeric cells among non-empty non-label cells of all tables, and the table count.

    PDF text has no tables, so lines that end in a run of numbers count as numeric rows too.
    """
    numeric = filled = 0
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    for t in tables:
        for row in t.rows:
            for c in row[1:]:
                if c.is_copy:
                    continue
                txt = c.text.strip()
                if txt:
                    filled += 1
                    numeric += bool(_NUMERIC_CELL.match(txt.replace(" ", "")))
    rows = sum(1 for b in doc.blocks if isinstance(b, Paragraph) and _NUM_RUN.search(b.text))
    numeric += rows * 3
    filled += rows * 3
    return (numeric / filled if filled else 0.0), len(tables)


def rule_features(doc: Document) -> dict[str, float]:
    """The domain §5 cues as numbers (also shown in ``DocType.features`` for the reviewer)."""
    from gkreview.sections import detect_sections
    from gkreview.years import find_period

    title = _title_text(doc)
    feats: dict[str, float] = {k: float(bool(rx.search(title))) for k, rx in _TITLE_CUES.items()}
    feats["t_none"] = float(not title)
    head = "\n".join(b.norm for b in doc.blocks[:60] if isinstance(b, Paragraph))
    body = "\n".join(b.norm for b in doc.blocks if isinstance(b, Paragraph))
    n = max(len(body), 1)
    for k, rx in _CUES.items():
        count = len(rx.findall(body))
        feats[k] = min(count, 30) / 10.0 if k not in ("c_imperative", "c_future") else 1000.0 * count / n / 10.0
    analysis = detect_sections(doc)
    ids = {s.id for s in analysis.sections if s.id}
    feats["headings_main"] = len(ids & {"overview", "proactive", "requests", "fees", "review_litigation",
                                        "problems", "other"}) / 6.0
    feats["headings_total"] = min(len(analysis.sections), 20) / 10.0
    titles = [s.title for s in analysis.sections]
    feats["h_achievement"] = sum(1 for t in titles if _ACHIEVEMENT.match(t)) / len(titles) if titles else 0.0
    feats["t_annual_strict"] = float(bool(_STRICT_ANNUAL.search(title)))
    period = find_period(doc)
    feats["period"] = float(period is not None and not period.implicit)
    flat = re.sub(r"\s+", "", "\n".join(b.norm for b in doc.blocks))
    feats["table_labels"] = sum(1 for w in T3_LABELS if w in flat) / len(T3_LABELS)
    share, n_tables = _numeric_share(doc)
    feats["numeric_share"] = share
    feats["tables"] = min(n_tables, 6) / 3.0
    top = [b for b in doc.blocks[:10] if isinstance(b, Paragraph)]
    feats["addressee"] = float(any(_ADDRESSEE.match(re.sub(r"\s+", "", p.norm)) for p in top))
    feats["docno"] = float(any(_DOCNO.search(p.norm) for p in top[:6]))
    feats["placeholder_year"] = min(len(_PLACEHOLDER_YEAR.findall(head + title)), 10) / 5.0
    feats["length"] = math.log10(n + 10) / 5.0
    return feats


def model_text(doc: Document) -> str:
    """What the n-gram model reads: title, opening and closing text, digits folded to 0."""
    body = [b.norm for b in doc.blocks if isinstance(b, Paragraph)]
    text = "\n".join(body)
    text = text[:1500] + "\n" + text[-300:] if len(text) > 1800 else text
    return re.sub(r"\d+", "0", _title_text(doc) + "\n" + text)


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
    if feats["t_stats"] or (feats["c_periodic"] and not feats["period"]):
        return "periodic_statistics"
    if (feats["t_annual"] and not feats["t_annual_strict"] and not feats["period"]
            and (feats["c_summary"] > 0 or feats["h_achievement"] >= 0.5)):
        return "work_summary"
    if feats["t_annual"] or feats["period"] or feats["headings_main"] >= 0.5:
        return "annual_report"
    return "other"


@dataclass(frozen=True)
class DocType:
    """The predicted type of a document segment."""

    label: str
    probability: float
    features: dict[str, float] = field(default_factory=dict)
    method: str = "model"
    scores: dict[str, float] = field(default_factory=dict)

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


# --- the sklearn pipeline ------------------------------------------------------------------------------------------------

def select_text(items: list[dict[str, Any]]) -> list[str]:
    """Pipeline step: the n-gram text of each item."""
    return [it["text"] for it in items]


def select_title(items: list[dict[str, Any]]) -> list[str]:
    """Pipeline step: the title of each item (its own n-grams, so the title suffix is weighed as such)."""
    return [it.get("title", "") for it in items]


def select_features(items: list[dict[str, Any]]) -> list[dict[str, float]]:
    """Pipeline step: the rule features of each item."""
    return [it["features"] for it in items]


def build_pipeline(c: float = 4.0) -> Any:
    """TF-IDF character 1–3-grams of the text and of the title ⊕ scaled rule features → logistic regression."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer

    chars = Pipeline([
        ("select", FunctionTransformer(select_text)),
        ("tfidf", TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, max_features=20000,
                                  sublinear_tf=True)),
    ])
    title = Pipeline([
        ("select", FunctionTransformer(select_title)),
        ("tfidf", TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)),
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


def _weight_rules(x: Any) -> Any:
    """Rule features are few; scale them up so they are not drowned by thousands of n-grams."""
    return x * 3.0


def document_from_text(text: str) -> Document:
    """One unsegmented Document from plain text (training data are single documents already)."""
    from gkreview.document import SourceFile
    from gkreview.parsers.txt import blocks_from_text
    from gkreview.segment import guess_title, guess_year

    blocks = blocks_from_text(text)
    title = guess_title(blocks)
    return Document(source=SourceFile(path=None, format="txt", text=text), blocks=blocks, title=title,
                    year=guess_year(title, blocks))


def item_of(doc: Document) -> dict[str, Any]:
    """The classifier input of one document."""
    return {"text": model_text(doc), "title": re.sub(r"\d+", "0", _title_text(doc)), "features": rule_features(doc)}


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> Any:
    """The trained pipeline, or None when the artefact is absent or incompatible."""
    p = Path(path) if path else MODEL_PATH
    if not p.exists():
        return None
    try:
        import joblib

        return joblib.load(p)
    except Exception:  # noqa: BLE001 - an unusable artefact must not stop review; the rules take over
        return None


def classify(doc: Document) -> DocType:
    """Classify one document segment (model when available, else the rule decision list)."""
    item = item_of(doc)
    feats = item["features"]
    model = load_model()
    if model is not None:
        probs = model.predict_proba([item])[0]
        classes = list(model.classes_)
        scores = {str(c): float(p) for c, p in zip(classes, probs, strict=True)}
        label = max(scores, key=scores.__getitem__)
        return DocType(label, scores[label], feats, "model", scores)
    label = rule_label(feats)
    return DocType(label, 1.0, feats, "rules", {label: 1.0})
