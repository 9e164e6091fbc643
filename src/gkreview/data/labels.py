"""Row and column labels of the three template tables, and the prose patterns that quote them.

Everything here is matched against *normalised* text (NFKC + t2s + aliases, see
:mod:`gkreview.normalize`) with all whitespace and ``/`` removed, so split header
cells (``商业/企业``, ``总 计``, ``结果\\n维持``) and traditional forms (``總計``)
meet the same pattern. Row patterns are regular expressions searched anywhere in
the joined label cells of a row; the *rightmost* match wins, so a row whose cells
read ``三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密`` is the leaf, not the
group. Provincial explanations in brackets (``规章（设区的市…）``) are removed
before matching (:data:`EXPLANATION_RE`).

Sources: domain §2.3–2.5 (2019 and 2021 templates), §2.8 (layout pitfalls).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class RowLabel:
    """One canonical row: ``key`` (stable id), printed ``label``, match ``pattern`` and its group.

    ``group`` is the key of the group row it belongs to (``(三)`` for ``(三)1``);
    ``variants`` lists the template versions that have the row.
    """

    key: str
    label: str
    pattern: str
    group: str | None = None
    variants: tuple[str, ...] = ("2019", "2021")


@dataclass(frozen=True, slots=True)
class ColLabel:
    """One canonical column: ``key``, printed ``label`` and match ``pattern`` (regex on a header cell)."""

    key: str
    label: str
    pattern: str


# ---------------------------------------------------------------------------------------------------------------
# Table 三 (收到和处理政府信息公开申请情况), domain §2.4
# ---------------------------------------------------------------------------------------------------------------

T3_COLUMNS: tuple[ColLabel, ...] = (
    ColLabel("自然人", "自然人", r"^自然人$"),
    ColLabel("商业企业", "商业企业", r"^商业企业"),
    ColLabel("科研机构", "科研机构", r"^科研机构"),
    ColLabel("社会公益组织", "社会公益组织", r"^社会公益组织"),
    ColLabel("法律服务机构", "法律服务机构", r"^法律服务机构"),
    ColLabel("其他", "其他", r"^其他$"),
    ColLabel("总计", "总计", r"^(?:总计|合计)$"),
)
# The 8-column variant prints a 法人或其他组织 subtotal (domain §2.8 "Extra column").
T3_SUBTOTAL_COLUMN = ColLabel("法人或其他组织小计", "法人或其他组织小计", r"^(?:法人或其他组织)?(?:小计|合计)$")
T3_LEGAL_PERSON_HEADER = r"^法人或其他组织$"
T3_APPLICANT_KEYS: tuple[str, ...] = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
T3_LEGAL_PERSON_KEYS: tuple[str, ...] = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")

_G3, _G4, _G5, _G6 = "(三)", "(四)", "(五)", "(六)"
# Each row's pattern also matches the first few characters of its printed label after the item number: a label
# cell narrower than its text wraps, and in a PDF without column rules (or with top-aligned labels) only the first
# line shares the line of numbers; the rest follows on lines of its own (2.其他法律行政法规禁 | 止公开).
T3_ROWS: tuple[RowLabel, ...] = (
    RowLabel("一", "一、本年新收政府信息公开申请数量", r"本年新收|新收政府信息公开申请"),
    RowLabel("二", "二、上年结转政府信息公开申请数量", r"上年(?:度)?结转"),
    RowLabel("三", "三、本年度办理结果", r"本年度?办理结果"),
    RowLabel("(一)", "（一）予以公开", r"予以公开", "三"),
    RowLabel("(二)", "（二）部分公开", r"部分公开", "三"),
    RowLabel(_G3, "（三）不予公开", r"不予公开", "三"),
    RowLabel("(三)1", "1.属于国家秘密", r"国家秘密|属于国家", _G3),
    RowLabel("(三)2", "2.其他法律行政法规禁止公开", r"其他法律|法律行政法规禁止公开", _G3),
    RowLabel("(三)3", "3.危及“三安全一稳定”", r"三安全一稳定|危及", _G3),
    RowLabel("(三)4", "4.保护第三方合法权益", r"第三方合法权益|保护第三方", _G3),
    RowLabel("(三)5", "5.属于三类内部事务信息", r"内部事务信息|属于三类|三类内部", _G3),
    RowLabel("(三)6", "6.属于四类过程性信息", r"过程性信息|属于四类|四类过程", _G3),
    RowLabel("(三)7", "7.属于行政执法案卷", r"行政执法|属于行政执", _G3),
    RowLabel("(三)8", "8.属于行政查询事项", r"行政查询|属于行政查", _G3),
    RowLabel(_G4, "（四）无法提供", r"无法提供", "三"),
    RowLabel("(四)1", "1.本机关不掌握相关政府信息", r"不掌握", _G4),
    RowLabel("(四)2", "2.没有现成信息需要另行制作", r"没有现成|需要另行制作", _G4),
    RowLabel("(四)3", "3.补正后申请内容仍不明确", r"补正后|申请内容仍不明确", _G4),
    RowLabel(_G5, "（五）不予处理", r"不予处理", "三"),
    RowLabel("(五)1", "1.信访举报投诉类申请", r"信访举报", _G5),
    RowLabel("(五)2", "2.重复申请", r"(?<!反)重复申请", _G5),
    RowLabel("(五)3", "3.要求提供公开出版物", r"公开出版|要求提供", _G5),
    RowLabel("(五)4", "4.无正当理由大量反复申请", r"大量反复|无正当理由大", _G5),
    RowLabel("(五)5", "5.要求行政机关确认或重新出具已获取信息", r"要求行政|重新出具已获取", _G5),
    RowLabel(_G6, "（六）其他处理", r"其他处理", "三"),
    RowLabel("(六)1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
             r"逾期不补正|申请人无正当", _G6, ("2021",)),
    RowLabel("(六)2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
             r"收费通知|逾期未按|申请人逾期", _G6, ("2021",)),
    RowLabel("(六)3", "3.其他", r"(?:^|[|.、,])其他$", _G6, ("2021",)),
    RowLabel("(七)", "（七）总计", r"(?:^|[|)])总计$|\(七\)", "三"),
    RowLabel("四", "四、结转下年度继续办理", r"结转下年度?|下年度继续办理"),
)
# Rows that are groups of leaves: their numbers, when printed, are subtotals (H4).
T3_GROUP_KEYS: tuple[str, ...] = (_G3, _G4, _G5, _G6)


@lru_cache(maxsize=16)
def t3_leaf_keys(variant: str) -> tuple[str, ...]:
    """Outcome leaves summed into （七）总计 (H2), in printed order; 2019 has a single （六）."""
    keys: list[str] = []
    for row in T3_ROWS:
        top_leaf = row.group == "三" and row.key not in T3_GROUP_KEYS and row.key != "(七)"
        if top_leaf or (row.group in T3_GROUP_KEYS and variant in row.variants):
            keys.append(row.key)
        if row.key == _G6 and variant == "2019":
            keys.append(_G6)
    return tuple(keys)


@lru_cache(maxsize=16)
def t3_group_leaves(group: str) -> tuple[str, ...]:
    """Leaf keys of a group row (2021 layout)."""
    return tuple(r.key for r in T3_ROWS if r.group == group)


@lru_cache(maxsize=16)
def t3_row_keys(variant: str) -> tuple[str, ...]:
    """Every data row of table 三 in the template (25 in 2021, 23 in 2019)."""
    return ("一", "二", *t3_leaf_keys(variant), "(七)", "四")


# ---------------------------------------------------------------------------------------------------------------
# Table 四 (行政复议、行政诉讼), domain §2.5
# ---------------------------------------------------------------------------------------------------------------

T4_BLOCKS: tuple[ColLabel, ...] = (
    # Order matters: 复议后起诉 and 未经复议直接起诉 both contain 复议.
    ColLabel("复议后起诉", "复议后起诉", r"复议后起诉"),
    ColLabel("未经复议直接起诉", "未经复议直接起诉", r"直接起诉"),
    ColLabel("行政复议", "行政复议", r"行政复议"),
)
T4_BLOCK_ORDER: tuple[str, ...] = ("行政复议", "未经复议直接起诉", "复议后起诉")
T4_COLUMNS: tuple[ColLabel, ...] = (
    ColLabel("结果维持", "结果维持", r"结果维持|^维持"),
    ColLabel("结果纠正", "结果纠正", r"结果纠正|^纠正"),
    ColLabel("其他结果", "其他结果", r"其他结果|^其他$"),
    ColLabel("尚未审结", "尚未审结", r"尚未审结|未审结"),
    ColLabel("总计", "总计", r"^(?:总计|合计|小计)$"),
)
T4_PARTS: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结")
T4_CONTEXT = r"行政复议.*行政诉讼|复议后起诉|未经复议直接起诉"
# The block names a row label of table 四 rotated may carry before its outcome (行政诉讼 复议后起诉 结果维持).
T4_BLOCK_WORDS = r"行政复议|行政诉讼|未经复议直接起诉|复议后起诉"

# ---------------------------------------------------------------------------------------------------------------
# Table 二 (主动公开政府信息情况), domain §2.3
# ---------------------------------------------------------------------------------------------------------------

T2_ROWS: tuple[RowLabel, ...] = (
    RowLabel("规章", "规章", r"^规章"),
    RowLabel("行政规范性文件", "行政规范性文件", r"^行政规范性文件", variants=("2021",)),
    RowLabel("规范性文件", "规范性文件", r"^规范性文件", variants=("2019",)),
    RowLabel("行政许可", "行政许可", r"^行政许可"),
    RowLabel("其他对外管理服务事项", "其他对外管理服务事项", r"^其他对外管理服务事项", variants=("2019",)),
    RowLabel("行政处罚", "行政处罚", r"^行政处罚"),
    RowLabel("行政强制", "行政强制", r"^行政强制"),
    RowLabel("行政事业性收费", "行政事业性收费", r"^行政事业性收费"),
    RowLabel("政府集中采购", "政府集中采购", r"^政府集中采购", variants=("2019",)),
)
T2_COLUMNS: tuple[ColLabel, ...] = (
    ColLabel("本年制发件数", "本年制发件数", r"^本年制发件数|^本年制发"),
    ColLabel("本年废止件数", "本年废止件数", r"^本年废止"),
    ColLabel("现行有效件数", "现行有效件数", r"^现行有效"),
    ColLabel("本年处理决定数量", "本年处理决定数量", r"^本年处理决定"),
    ColLabel("本年收费金额", "本年收费金额（单位：万元）", r"^本年收费金额"),
    ColLabel("本年新制作数量", "本年新制作数量", r"^本年新制作|^本年新$"),
    ColLabel("本年新公开数量", "本年新公开数量", r"^本年新公开"),
    ColLabel("对外公开总数量", "对外公开总数量", r"^对外公开总数"),
    ColLabel("上一年项目数量", "上一年项目数量", r"^上一年项目数"),
    ColLabel("本年增减", "本年增/减", r"^本年增减"),
    ColLabel("处理决定数量", "处理决定数量", r"^处理决定数"),
    ColLabel("采购项目数量", "采购项目数量", r"^采购项目数"),
    ColLabel("采购总金额", "采购总金额", r"^采购总金额"),
)
T2_2021_COLUMNS: frozenset[str] = frozenset({"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
                                             "本年收费金额"})
# The template's cells per variant: row → columns (domain §2.3; 10 cells in 2021, 22 in 2019).
T2_CELLS: dict[str, dict[str, tuple[str, ...]]] = {
    "2021": {
        "规章": ("本年制发件数", "本年废止件数", "现行有效件数"),
        "行政规范性文件": ("本年制发件数", "本年废止件数", "现行有效件数"),
        "行政许可": ("本年处理决定数量",),
        "行政处罚": ("本年处理决定数量",),
        "行政强制": ("本年处理决定数量",),
        "行政事业性收费": ("本年收费金额",),
    },
    "2019": {
        "规章": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        "规范性文件": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        "行政许可": ("上一年项目数量", "本年增减", "处理决定数量"),
        "其他对外管理服务事项": ("上一年项目数量", "本年增减", "处理决定数量"),
        "行政处罚": ("上一年项目数量", "本年增减", "处理决定数量"),
        "行政强制": ("上一年项目数量", "本年增减", "处理决定数量"),
        "行政事业性收费": ("上一年项目数量", "本年增减"),
        "政府集中采购": ("采购项目数量", "采购总金额"),
    },
}
# Domain D2: decimals allowed only in amounts; signed values only in 本年增/减.
T2_DECIMAL_COLUMNS: frozenset[str] = frozenset({"本年收费金额", "采购总金额"})
T2_SIGNED_COLUMNS: frozenset[str] = frozenset({"本年增减"})
T2_BLOCK_HEADER = r"第二十条第?\([一二三四五六七八九十]+\)项|信息内容"

# ---------------------------------------------------------------------------------------------------------------
# Shared layout noise (domain §2.8)
# ---------------------------------------------------------------------------------------------------------------

# Bracketed explanations appended to labels (but not the "(一)" numbering): removed before matching.
EXPLANATION_RE = r"\([^()]{4,}\)|\([^()]{4,}$|^[^()]{1,40}?\)(?=.)"
# A unit in brackets after a header label (总计（件）, 结果维持（单位：件）): too short for EXPLANATION_RE, and
# removed from column headers only (a row label's short bracket is its numbering: （一）予以公开).
UNIT_NOTE_RE = r"\((?:单位:?)?(?:件|个|项|次|人次|条|宗|户|万元|元)\)"
# Page furniture that lands inside tables: "- 2 -", "第 3 页", "3/12".
FOOTER_RE = r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"

# ---------------------------------------------------------------------------------------------------------------
# Prose ↔ table (domain §2.7 "Text ↔ table")
# ---------------------------------------------------------------------------------------------------------------

# Each quantity: regexes with one named group ``n`` (the number) over normalised prose, and the table value it
# quotes. ``target`` names a canonical cell or sum: "t3:一/总计", "t4:行政复议/总计", "t4:诉讼", "t2:规章/本年制发件数".
PROSE_QUANTITIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("新收申请", "t3:一/总计", (
        r"(?:新收|收到|受理|接收|接到)(?:各类|各种)?(?:政府信息公开|信息公开|依申请公开)?(?:申请|申请数量)?"
        r"(?:数量)?(?:共|共计|合计|总计)?(?:为)?(?P<n>\d[\d,]*)件",
        r"(?:共|共计|合计)(?:新收|收到|受理|接收|接到)(?:各类)?(?:政府信息公开|信息公开|依申请公开)?申请(?:数量)?"
        r"(?:为)?(?P<n>\d[\d,]*)件",
    )),
    ("上年结转", "t3:二/总计", (
        r"上一?年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?(?:数量)?(?:为)?(?P<n>\d[\d,]*)件",
    )),
    ("办结答复", "t3:(七)/总计", (
        r"(?:全年|本年|共|已|累计)?(?:办结|答复|办理完成|办理完毕)(?:各类)?(?:政府信息公开)?(?:申请)?(?:数量)?"
        r"(?:共|共计)?(?:为)?(?P<n>\d[\d,]*)件",
    )),
    ("结转下年度", "t3:四/总计", (
        r"结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?(?:的)?(?:申请)?(?:为)?(?P<n>\d[\d,]*)件",
        r"(?P<n>\d[\d,]*)件(?:申请)?(?:需)?(?:顺延|结转)(?:到|至)?下一?年度?",
    )),
    ("行政复议", "t4:行政复议/总计", (
        r"(?:被申请|提起|发生|收到|申请)?行政复议(?:案件)?(?:共|共计)?(?:为)?(?P<n>\d[\d,]*)(?:件|起)",
    )),
    ("行政诉讼", "t4:诉讼/总计", (
        r"(?:被提起|提起|发生|收到)?行政诉讼(?:案件)?(?:共|共计)?(?:为)?(?P<n>\d[\d,]*)(?:件|起)",
    )),
    ("规章", "t2:规章/制发", (
        r"(?:制发|出台|制定|印发|新增公开|新增|发布)(?:了)?(?:[^,。;:]{0,8}?)规章(?:共)?(?P<n>\d[\d,]*)件",
    )),
    ("规范性文件", "t2:规范性文件/制发", (
        r"(?:制发|出台|制定|印发|新增公开|新增|发布)(?:了)?(?:[^,。;:]{0,8}?)(?:行政)?规范性文件(?:共)?(?P<n>\d[\d,]*)件",
    )),
    ("现行有效规范性文件", "t2:规范性文件/现行有效", (
        r"现行有效(?:的)?(?:行政)?规范性文件(?:共)?(?:为)?(?P<n>\d[\d,]*)件",
    )),
)
# Substrings every pattern of a family contains: a paragraph with none of them cannot match, so the prose checks
# skip it before running the regexes (tests/test_numbers.py proves each pattern needs one of its hints).
QUANTITY_HINTS: tuple[str, ...] = ("件", "起")  # each right after the figure's last digit (or a thousands comma)
# Per quantity: words every one of its patterns contains (its regexes run only on a paragraph holding one).
PROSE_QUANTITY_HINTS: dict[str, tuple[str, ...]] = {
    "新收申请": ("新收", "收到", "受理", "接收", "接到"), "上年结转": ("结转",),
    "办结答复": ("办结", "答复", "办理完"), "结转下年度": ("结转", "顺延"), "行政复议": ("行政复议",),
    "行政诉讼": ("行政诉讼",), "规章": ("规章",), "规范性文件": ("规范性文件",), "现行有效规范性文件": ("现行有效",),
}
# Words that say the figure covers only part of the agency (区政府办 inside a 区政府 report): shown as scope.
SCOPE_WORDS: tuple[str, ...] = (
    "本机关", "本单位", "本部门", "机关本级", "本级", "全市", "全区", "全县", "全省", "全镇", "全乡", "全系统",
    "办公室", "政府办", "各部门", "各单位", "各县", "各乡镇", "下属", "直属", "系统内", "其中", "网上", "在线",
    "当面", "信函", "电子邮件", "传真",
)
# Every mention of the information-processing fee (section 六); 未收取 means 0.
FEE_PATTERNS: tuple[str, ...] = (
    r"信息处理费(?:共|共计|合计|总额|金额)?(?:为)?(?P<n>\d[\d,]*(?:\.\d+)?)(?P<u>万元|元)",
)
FEE_ZERO_PATTERNS: tuple[str, ...] = (r"(?:未|没有|不)收取(?:任何)?(?:政府信息公开)?信息处理费",
                                      r"信息处理费(?:为)?(?:0|零)元")
FEE_HINTS: tuple[str, ...] = ("信息处理费",)

# 共N…其中a…、b… (domain §2.7, seed 001): keywords and counting units.
SUM_TOTAL_WORDS: tuple[str, ...] = ("共计", "总计", "合计", "共", "累计", "总数")
SUM_PART_WORDS: tuple[str, ...] = ("其中",)
COUNT_UNITS: tuple[str, ...] = ("人次", "件", "条", "个", "次", "篇", "项", "家", "份", "期", "场", "批", "名",
                                "起", "户", "宗", "所", "万元", "元")
APPROX_WORDS: tuple[str, ...] = ("余", "多", "近", "约", "左右", "以上", "以下", "超过", "逾", "上万", "不足", "近万")
NON_EXHAUSTIVE_WORDS: tuple[str, ...] = ("主要", "包括但不限于", "列举", "如")
ADDITIONAL_WORDS: tuple[str, ...] = ("另有", "另外", "此外", "另", "还有")
# A 其中 list of channels the same items were (also) published on overlaps its total instead of splitting it:
# "862条，均在局门户网站发布，其中同步通过政务微博发布214条，通过…其他方式发布57条". Cues: 同步/同时/也 right
# after 其中, or the total stated for one channel (均在…) before it.
OVERLAP_AFTER_RE = r"^(?:同步|同时|也|均同步)"
OVERLAP_BEFORE_RE = r"均(?:已)?(?:在|通过|同步)"
# A clause that moves on to another processing stage ends a 其中 list: in "受理6件，其中自然人5件、法人1件，
# 上年结转1件，已办结5件，1件结转至次年" the 结转/办结 figures are not parts of the 6 (normalised text: ASCII , ;).
STAGE_CLAUSE_RE = (r"[,;][^,;。\d]{0,4}?(?:办结|答复|结转|受理|办理完毕|处理完毕)"
                   r"|[,;]\d+\s*件(?:申请)?(?:结转|转入|顺延)")
# Parenthesised breakdowns: "(含…a件…b件)".
BREAKDOWN_LEADS: tuple[str, ...] = ("其中", "含", "包括", "包含")
# "占x%": share of a base.
PERCENT_HINTS: tuple[str, ...] = ("%",)
# 占 + an optional named base of a few characters (占答复总数的, 占办结总量的, 占全部申请的) + the figure
PERCENT_PATTERN = (r"占(?:比)?(?:[\u4e00-\u9fff]{0,6}?(?:总数|总量|申请|总计|全年|全部))?"
                   r"(?:的|比例为|比重为|比例|比重)?(?:为)?(?P<p>\d+(?:\.\d+)?)%")
# A percentage whose part is named by words, not a number next to it: "予以公开的比例为45.8%", "同意公开的占
# 45.8%", "办结率为95%". The name is matched right before the share word (占/比例/率); the figure follows.
NAMED_PERCENT_PATTERN = (r"(?P<name>予以公开|同意公开|部分公开|不予公开|无法提供|不予处理|办结|答复)"
                         r"(?:的)?(?:申请|件数|数量|事项)?(?:的)?(?:占比|所占比例|占|比例|比重|率)"
                         r"(?:[\u4e00-\u9fff]{0,6}?(?:总数|总量|申请|总计|全年|全部))?(?:的)?(?:比例|比重)?"
                         r"(?:为|达到|达)?(?P<p>\d+(?:\.\d+)?)%")
# Named part → (its table-三 row, the rows whose 总计 sum to a base it may be a share of). Each base is a list
# of rows added up: 办结 is a share of the requests to handle (新收 + 上年结转), a result of those handled
# ((七)总计) or of the new requests (一).
NAMED_PERCENT_PARTS: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {
    "予以公开": ("(一)", (("(七)",), ("一",), ("一", "二"))),
    "同意公开": ("(一)", (("(七)",), ("一",), ("一", "二"))),
    "部分公开": ("(二)", (("(七)",), ("一",), ("一", "二"))),
    "不予公开": ("(三)", (("(七)",), ("一",), ("一", "二"))),
    "无法提供": ("(四)", (("(七)",), ("一",), ("一", "二"))),
    "不予处理": ("(五)", (("(七)",), ("一",), ("一", "二"))),
    "办结": ("(七)", (("一", "二"), ("一",))),
    "答复": ("(七)", (("一", "二"), ("一",))),
}
# "所有申请均已办结" while 结转下年度 > 0.
ALL_DONE_PATTERNS: tuple[str, ...] = (
    r"(?:所有|全部)(?:政府信息公开|依申请公开)?申请(?:均|都|全部)?(?:已)?(?:按时|按期|依法)?(?:全部)?"
    r"(?:办结|办理完毕|答复完毕|处理完毕)",
    r"(?:申请|申请件)(?:均|全部)(?:已)?(?:按时|按期)?(?:办结|办理完毕|答复完毕)",
    r"办结率(?:达到|达|为)?100%",
    r"无结转(?:下年度)?(?:的)?申请|没有结转(?:到)?下一?年度",
)
ALL_DONE_HINTS: tuple[str, ...] = ("办结", "完毕", "结转")

# S4: bodies with rule-making power (规章) are provincial governments, 设区的市/自治州 governments and State Council
# departments. A name with a county/township marker (after removing province-level words) is below that level.
PROVINCE_LEVEL_WORDS: tuple[str, ...] = ("特别行政区", "自治区")
COUNTY_LEVEL_RE = r"县|区|旗|(?:镇|乡|街道|苏木)(?:人民政府|政府|办事处)"
# Words that mark table-specific headings, used to tell "no table printed" from "table not recognised".
TABLE_SIGNATURES: dict[str, tuple[str, ...]] = {
    "table2": ("第二十条第(一)项", "本年制发件数", "本年新制作数量", "现行有效件数"),
    "table3": ("本年新收政府信息公开申请数量", "申请人情况", "上年结转政府信息公开申请数量"),
    "table4": ("未经复议直接起诉", "复议后起诉"),
}
