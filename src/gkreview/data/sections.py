"""Section vocabulary of annual reports (domain §2.2, §2.6, §2.8, §3.1–3.4, §5).

Everything here is matched against *normalised* text (:func:`gkreview.normalize.norm_label`):
simplified script, NFKC (so ``（一）`` is ``(一)`` and ``：`` is ``:``), no whitespace.
Keeping the words in one table means the detector, the checks, the classifier
features and the test generators all agree on what a heading "is".
"""

from __future__ import annotations

# --- canonical sections (domain §3.2) ------------------------------------------------------------------------

# The six sections of the 2019/2021 national format, in the required order.
TEMPLATE_ORDER: tuple[str, ...] = ("overview", "proactive", "requests", "review_litigation", "problems", "other")

# Art. 32 of the 2008 条例: what a pre-2019 report must contain (overview/other are customary only).
PRE2019_REQUIRED: tuple[str, ...] = ("proactive", "requests", "fees", "review_litigation", "problems")

# The template heading number of each section (一 = 1 …), used to spot shifted numbering.
TEMPLATE_NUMBER: dict[str, int] = {sid: i + 1 for i, sid in enumerate(TEMPLATE_ORDER)}

# Sections whose body is a table in the 2019/2021 format.
TABLE_SECTIONS: tuple[str, ...] = ("proactive", "requests", "review_litigation")

# Full template heading titles (used for unnumbered headings and for the blank-template feature).
TEMPLATE_HEADINGS: dict[str, str] = {
    "overview": "总体情况",
    "proactive": "主动公开政府信息情况",
    "requests": "收到和处理政府信息公开申请情况",
    "review_litigation": "政府信息公开行政复议、行政诉讼情况",
    "problems": "存在的主要问题及改进情况",
    "other": "其他需要报告的事项",
}

# Titles shown in outlines, in Chinese.
SECTION_TITLES_ZH: dict[str, str] = {
    **TEMPLATE_HEADINGS,
    "fees": "政府信息公开的收费及减免情况",
    "consultation": "咨询处理情况",
    "interpretation": "回应解读情况",
    "organisation": "机构建设和保障经费情况",
    "training": "会议和培训情况",
    "key_areas": "重点领域信息公开情况",
    "accountability": "工作考核、社会评议和责任追究结果情况",
    "appendix": "附表",
}

# Matching rules, tried in this order: (section id, words of which one must occur, words that veto).
# Order matters: "因政府信息公开申请行政复议" mentions 申请 but is review_litigation; "问题" outranks 公开.
SECTION_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("other", ("其他需要报告", "需要报告的事项", "其他需报告", "需要说明的事项", "其他工作情况", "其他事项",
               "其他需要说明"), ()),
    ("problems", ("问题",), ()),
    ("review_litigation", ("复议", "诉讼"), ()),
    ("fees", ("收费", "减免"), ("信息处理费",)),
    ("requests", ("依申请", "申请公开", "收到和处理", "申请处理", "申请办理", "申请的情况", "申请情况",
                  "受理和处理"), ("申请人情况",)),
    ("proactive", ("主动公开",), ()),
    ("overview", ("总体情况", "概述", "概况", "基本情况", "基本工作情况", "工作情况", "总体工作"), ()),
    ("consultation", ("咨询处理", "咨询情况"), ()),
    ("interpretation", ("回应解读", "政策解读"), ()),
    ("organisation", ("机构建设", "保障经费", "经费保障"), ()),
    ("training", ("培训",), ()),
    ("key_areas", ("重点领域",), ()),
    ("accountability", ("责任追究", "社会评议", "工作考核"), ()),
    ("appendix", ("附表", "指标统计表", "统计表"), ()),
)

# A standalone "improvement / next steps" heading right after a problems heading continues it
# (domain §3.2: "two adjacent sections 存在问题 + 改进措施").
PROBLEMS_CONTINUATION: tuple[str, ...] = (
    "改进措施", "改进情况", "整改措施", "下一步", "工作打算", "工作计划", "工作思路", "努力方向", "改进方向",
)

# Words that a section heading of a *work summary* or plan uses; they never name a canonical section.
WORK_SUMMARY_HEADINGS: tuple[str, ...] = ("主要做法", "主要成效", "工作成效", "工作亮点", "经验做法", "下一步工作")

# --- things that look like headings but are not (domain §2.8) ------------------------------------------------

# Table-三 row labels (and table 二/四 labels) that start with 一、…四、 or (一)…: never section headings.
TABLE_ROW_LABELS: tuple[str, ...] = (
    "本年新收", "上年结转", "本年度办理结果", "本年办理结果", "结转下年度", "予以公开", "部分公开", "不予公开",
    "无法提供", "不予处理", "其他处理", "总计", "属于国家秘密", "其他法律行政法规禁止公开", "危及", "保护第三方",
    "属于三类", "属于四类", "属于行政执法", "属于行政查询", "本机关不掌握", "没有现成信息", "补正后申请",
    "信访举报投诉", "重复申请", "要求提供公开出版物", "无正当理由", "要求行政机关确认", "申请人无正当理由",
    "申请人逾期", "主动公开政府信息数", "收到申请数", "申请办结数", "申请答复数",
)

# --- template version labels (domain §2.3–2.6) ----------------------------------------------------------------

LABELS_2021: tuple[str, ...] = (
    "本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "申请人逾期未按收费通知要求缴纳费用",
    "申请人无正当理由逾期不补正",
)
LABELS_2019: tuple[str, ...] = (
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "政府集中采购",
    "采购项目数量", "采购总金额", "其他对外管理服务事项",
)

# Labels that identify each template table (any one, normalised, is enough).
TABLE_MARKERS: dict[str, tuple[str, ...]] = {
    "proactive": ("第二十条第(一)项", "第二十条第(五)项", "本年制发件数", "现行有效件数", "本年新制作数量",
                  "本年处理决定数量", "处理决定数量", "行政规范性文件", "行政事业性收费"),
    "requests": ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "本年度办理结果", "申请人情况",
                 "结转下年度继续办理", "予以公开", "法人或其他组织"),
    "review_litigation": ("结果维持", "结果纠正", "尚未审结", "未经复议直接起诉", "复议后起诉"),
}

# --- section 六: the 信息处理费 statement (domain §2.2, §4 #11) ------------------------------------------------

FEE_WORDS: tuple[str, ...] = ("信息处理费",)
FEE_ALT_WORDS: tuple[str, ...] = ("收费", "收取", "费用")
FEE_AMOUNT_OR_NONE: tuple[str, ...] = ("元", "未收取", "未收", "无收费", "没有收取", "不收取", "未发生", "零",
                                       "不收费", "免费", "未向申请人收取")

# A problems section this short (non-punctuation characters) or saying only 无 is "empty".
PROBLEMS_MIN_CHARS = 10
EMPTY_BODY_WORDS: tuple[str, ...] = ("无", "暂无", "无。", "没有", "略", "(文字描述)", "文字描述")

# --- titles (domain §5) ---------------------------------------------------------------------------------------

# The statutory title: "<agency>Y年(度)政府信息公开工作年度报告".
STANDARD_TITLE_RE = r"(?:19|20)\d{2}年度?政府信息公开工作年度报告$"

# --- years (domain §1.3, §4 #5) -------------------------------------------------------------------------------

# Words that introduce the statistics-period sentence (统计期限 and its variants).
PERIOD_KEYWORDS: tuple[str, ...] = (
    "统计期限", "统计时限", "统计时间", "统计期间", "统计区间", "统计周期", "统计范围", "数据期限", "数据时限",
    "数据时间", "统计截止",
)

# A year other than Y is fine in a clause with one of these words (domain §4 #5).
YEAR_PREV_WORDS: tuple[str, ...] = (
    "上年", "上一年", "去年", "同比", "整改", "相比", "对比", "较", "比上", "环比", "增长", "下降", "减少", "增加",
    "年度报告", "年报",
)
YEAR_NEXT_WORDS: tuple[str, ...] = (
    "下一步", "下步", "计划", "明年", "今后", "打算", "拟", "将", "力争", "目标", "预计", "思路", "要点", "前完成",
    "年底前", "结转",  # 1件结转至2024年办理: a request carried over into the next year
)
# Past dates told as history ("2004年10月开设了网站", "自2008年5月1日起施行") are not copy signals.
YEAR_HISTORIC_WORDS: tuple[str, ...] = (
    "以来", "开设", "成立", "设立", "开通", "颁布", "施行", "实施", "至今", "累计", "先后", "始于", "建成", "上线",
    "印发",
)

# Agency level for the publication deadline (domain §1.3).
TOWNSHIP_SUFFIXES: tuple[str, ...] = ("镇人民政府", "乡人民政府", "街道办事处", "街道", "镇", "乡", "苏木", "办事处")
GOVERNMENT_SUFFIXES: tuple[str, ...] = ("人民政府", "市", "县", "区", "旗", "州", "盟", "省", "自治区")
DEPARTMENT_HINTS: tuple[str, ...] = (
    "局", "委员会", "委", "办公室", "办公厅", "厅", "中心", "院", "所", "署", "队", "站", "部", "处", "会", "公司",
)
