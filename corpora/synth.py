"""Synthetic, internally consistent annual reports for generated test sets and benchmarks.

Every generator in corpora/ (sections, numbers, duplicates, identity) starts from a
*clean* report made here and then injects its own faults, so "0 findings on clean
controls" is a meaningful test. A report is a list of blocks that
``corpora/render.py`` writes as .txt/.docx/.html/.pdf:

- ``("h", text)`` a heading line, ``("p", text)`` a paragraph, ``("title", text)``;
- ``("table", rows, merges)`` a grid of strings (merged cells repeated in ``rows``)
  with ``merges`` as ``(row, col, rowspan, colspan)`` tuples, laid out like the
  official 2021 template DOCX (table 三 has 3 label columns + 7 numbers).

The numbers obey every identity of domain §2.7 (H1–H5) and the prose quotes the
table (新收, 上年结转, 办结, 结转下年度, 复议, 诉讼, 信息处理费), so a checker must
report nothing on a clean report. ``SynthReport.values`` keeps the truth for tests.

Usage::

    from corpora.synth import make_report
    rep = make_report(seed=7, year=2022)          # template follows the year
    rep.blocks, rep.values, rep.to_text()
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

Block = tuple[Any, ...]

# --- agencies --------------------------------------------------------------------------------------------------

PLACES: list[tuple[str, str, str]] = [
    # (province, city, county)
    ("江苏省", "淮安市", "洪泽区"), ("江苏省", "宿迁市", "沭阳县"), ("江苏省", "南京市", "秦淮区"),
    ("四川省", "绵阳市", "涪城区"), ("四川省", "宜宾市", "翠屏区"), ("山东省", "威海市", "文登区"),
    ("山东省", "济宁市", "金乡县"), ("湖南省", "怀化市", "辰溪县"), ("湖北省", "恩施州", "来凤县"),
    ("河北省", "保定市", "雄县"), ("云南省", "楚雄州", "武定县"), ("内蒙古自治区", "呼伦贝尔市", "鄂温克族自治旗"),
    ("安徽省", "六安市", "金寨县"), ("山西省", "晋城市", "阳城县"), ("贵州省", "黔西南州", "兴仁市"),
    ("福建省", "福州市", "晋安区"), ("吉林省", "吉林市", "龙潭区"), ("浙江省", "杭州市", "临安区"),
    ("广东省", "东莞市", "虎门镇"), ("河南省", "新乡市", "卫辉市"), ("甘肃省", "定西市", "安定区"),
    ("上海市", "上海市", "普陀区"), ("江西省", "九江市", "修水县"), ("广西壮族自治区", "南宁市", "青秀区"),
]
TOWNS: list[str] = ["古碑镇", "两城镇", "金山镇", "城关镇", "新华街道", "东城街道", "白塔乡", "石桥镇", "桃源乡", "龙泉街道"]
DEPARTMENTS: list[str] = [
    "发展和改革局", "财政局", "生态环境局", "教育局", "卫生健康委员会", "住房和城乡建设局", "自然资源和规划局",
    "市场监督管理局", "交通运输局", "水利局", "农业农村局", "民政局", "人力资源和社会保障局", "司法局",
    "应急管理局", "文化广电和旅游局", "商务局", "城市管理局", "统计局", "审计局",
]


@dataclass(frozen=True)
class Agency:
    """A reporting body: its full name, level and place parts."""

    name: str
    level: str  # "government" | "department" | "township"
    province: str
    city: str
    county: str
    town: str | None = None

    @property
    def short(self) -> str:
        """How the body refers to itself in prose (本机关 style is added by the text)."""
        return self.name


def make_agency(rng: random.Random, level: str | None = None) -> Agency:
    """A random agency of a random (or given) level."""
    province, city, county = rng.choice(PLACES)
    level = level or rng.choice(["government", "department", "department", "township"])
    if level == "government":
        name = f"{county}人民政府" if rng.random() < 0.7 else f"{city}人民政府"
        return Agency(name, level, province, city, county)
    if level == "township":
        town = rng.choice(TOWNS)
        suffix = "办事处" if town.endswith("街道") else "人民政府"
        return Agency(f"{county}{town}{suffix}", level, province, city, county, town)
    return Agency(f"{county}{rng.choice(DEPARTMENTS)}", "department", province, city, county)


def template_for_year(year: int) -> str:
    """The national format in force for report year ``year`` (domain §2.1)."""
    if year >= 2021:
        return "2021"
    if year >= 2019:
        return "2019"
    return "pre2019"


# --- table labels (copy-exact, domain §2.3–2.5) ----------------------------------------------------------------

T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T3_HEADER_COLS = ["自然人", "商业/企业", "科研/机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_GROUPS: list[tuple[str, list[str]]] = [
    ("（一）予以公开", []),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
    ("（三）不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                    "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]),
    ("（四）无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
    ("（五）不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                    "5.要求行政机关确认或重新出具已获取信息"]),
    ("（六）其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
]
T4_BLOCKS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
T4_COLS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def leaf_keys(template: str) -> list[str]:
    """Keys of the outcome leaves of table 三 in order: "(一)", "(三)1" …; 2019 has a single "(六)"."""
    keys: list[str] = []
    for label, leaves in T3_GROUPS:
        g = label[:3]
        if not leaves or (template == "2019" and g == "（六）"):
            keys.append(g)
        else:
            keys.extend(f"{g}{i + 1}" for i in range(len(leaves)))
    return keys


# --- numbers -----------------------------------------------------------------------------------------------------

def _split(rng: random.Random, total: int, parts: int, skew: float = 1.0) -> list[int]:
    """Random non-negative integers summing to ``total``."""
    if parts == 1:
        return [total]
    weights = [rng.random() ** skew for _ in range(parts)]
    s = sum(weights) or 1.0
    out = [int(total * w / s) for w in weights]
    out[0] += total - sum(out)
    return out


def make_values(rng: random.Random, template: str, scale: int | None = None) -> dict[str, Any]:
    """Consistent values for tables 二/三/四 (and the fee for section 六)."""
    scale = scale if scale is not None else rng.choice([0, 3, 8, 15, 40, 120, 600])
    keys = leaf_keys(template)
    new = [_split(rng, scale, 6, 2.0)[i] for i in range(6)] if scale else [0] * 6
    carry_total = rng.randint(0, max(0, scale // 10))
    carry = _split(rng, carry_total, 6, 2.0)
    col_in = [new[i] + carry[i] for i in range(6)]
    nxt = [rng.randint(0, min(v, max(0, v // 8))) if v else 0 for v in col_in]
    handled = [col_in[i] - nxt[i] for i in range(6)]
    leaves: dict[str, list[int]] = {k: [0] * 7 for k in keys}
    weights = {k: (6.0 if k == "（一）" else 2.0 if k in ("（二）", "（四）1") else 0.3) for k in keys}
    for c in range(6):
        remaining = handled[c]
        for _ in range(remaining):
            k = rng.choices(keys, weights=[weights[x] for x in keys])[0]
            leaves[k][c] += 1
    rows: dict[str, list[int]] = {}

    def with_total(v: list[int]) -> list[int]:
        return [*v[:6], sum(v[:6])]

    rows["一"] = with_total(new)
    rows["二"] = with_total(carry)
    for k in keys:
        rows[k] = with_total(leaves[k])
    rows["（七）"] = with_total(handled)
    rows["四"] = with_total(nxt)
    t4 = []
    for _ in T4_BLOCKS:
        parts = [rng.choice([0, 0, 0, 1, 2, 3]) for _ in range(4)]
        t4.extend([*parts, sum(parts)])
    if template == "2021":
        t2 = {
            "规章": [rng.choice([0, 0, 1, 2]), 0, rng.randint(0, 20)],
            "行政规范性文件": [rng.randint(0, 12), rng.randint(0, 3), rng.randint(5, 60)],
            "行政许可": [rng.randint(0, 5000)],
            "行政处罚": [rng.randint(0, 3000)],
            "行政强制": [rng.randint(0, 200)],
            "行政事业性收费": [round(rng.uniform(0, 9000), 2) if rng.random() < 0.5 else 0],
        }
    else:
        t2 = {
            "规章": [0, 0, rng.randint(0, 10)],
            "规范性文件": [rng.randint(0, 12), rng.randint(0, 12), rng.randint(12, 60)],
            "行政许可": [rng.randint(5, 80), rng.randint(-3, 5), rng.randint(0, 3000)],
            "其他对外管理服务事项": [rng.randint(0, 40), rng.randint(-2, 3), rng.randint(0, 500)],
            "行政处罚": [rng.randint(10, 300), rng.randint(-5, 9), rng.randint(0, 2000)],
            "行政强制": [rng.randint(0, 30), rng.randint(-2, 2), rng.randint(0, 100)],
            "行政事业性收费": [rng.randint(0, 20), rng.randint(-2, 2)],
            "政府集中采购": [rng.randint(0, 60), round(rng.uniform(0, 3000), 2)],
        }
        t2["规范性文件"][1] = min(t2["规范性文件"][1], t2["规范性文件"][2])
        for key in ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费"):
            t2[key][1] = max(t2[key][1], -t2[key][0])
    fee = rng.choice([0, 0, 0, 0, 120, 300])
    return {"table2": t2, "table3": rows, "table4": t4, "fee_yuan": fee, "keys": keys}


def has_rule_power(agency: Agency) -> bool:
    """Only 省/设区的市 governments (and State Council departments) make 规章 (domain §2.7 S4)."""
    return agency.level == "government" and agency.name.endswith("市人民政府") and agency.name != f"{agency.county}人民政府"


def adjust_values(values: dict[str, Any], template: str, agency: Agency, prev: dict[str, Any] | None) -> None:
    """Make values plausible for the agency and consistent with last year's report (X1, X2, S4).

    Applied after :func:`make_values` so the random sequence, and therefore every
    generator's existing output, stays the same for reports without ``prev``.
    """
    t2 = values["table2"]
    rule_key = "规章"
    if not has_rule_power(agency):
        t2[rule_key] = [0] * len(t2[rule_key])
    if prev is None:
        return
    rows = values["table3"]
    carry = list(prev["table3"]["四"][:6])
    delta = [carry[i] - rows["二"][i] for i in range(6)]
    rows["二"] = [*carry, sum(carry)]
    # keep 一 + 二 = (七) + 四: the extra (or missing) carried-in cases are handled as 予以公开 / carried on
    for i, d in enumerate(delta):
        if d >= 0:
            rows["（一）"][i] += d
            rows["（七）"][i] += d
        else:
            take = min(-d, rows["四"][i])
            rows["四"][i] -= take
            rest = -d - take
            rows["（一）"][i] -= min(rest, rows["（一）"][i])
            rows["（七）"][i] -= rest
    for key in ("（一）", "（七）", "四"):
        rows[key][6] = sum(rows[key][:6])
    if template == "2021" and "行政规范性文件" in prev["table2"]:
        for key in ("规章", "行政规范性文件"):
            made, abolished, _ = t2[key]
            before = prev["table2"][key][2]
            abolished = min(abolished, before + made)
            t2[key] = [made, abolished, before + made - abolished]


def fmt_num(v: float | int) -> str:
    """Integers plainly, amounts with two decimals when fractional."""
    if isinstance(v, float) and not v.is_integer():
        return f"{v:.2f}"
    return str(int(v))


# --- tables as grids ---------------------------------------------------------------------------------------------

def table2_grid(values: dict[str, Any], template: str) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """Table 二 laid out like the template: block header rows spanning all columns."""
    t2 = values["table2"]
    rows: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []

    def header(text: str, width: int) -> None:
        merges.append((len(rows), 0, 1, width))
        rows.append([text] * width)

    def single(label: str, value: str, width: int) -> None:
        merges.append((len(rows), 1, 1, width - 1))
        rows.append([label] + [value] * (width - 1))

    if template == "2021":
        w = 4
        header("第二十条第（一）项", w)
        rows.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
        for key in ("规章", "行政规范性文件"):
            rows.append([key, *(fmt_num(v) for v in t2[key])])
        header("第二十条第（五）项", w)
        single("信息内容", "本年处理决定数量", w)
        single("行政许可", fmt_num(t2["行政许可"][0]), w)
        header("第二十条第（六）项", w)
        single("信息内容", "本年处理决定数量", w)
        single("行政处罚", fmt_num(t2["行政处罚"][0]), w)
        single("行政强制", fmt_num(t2["行政强制"][0]), w)
        header("第二十条第（八）项", w)
        single("信息内容", "本年收费金额（单位：万元）", w)
        single("行政事业性收费", fmt_num(t2["行政事业性收费"][0]), w)
        return rows, merges
    w = 4
    header("第二十条第（一）项", w)
    rows.append(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])
    for key in ("规章", "规范性文件"):
        rows.append([key, *(fmt_num(v) for v in t2[key])])
    for block, keys in (("（五）", ("行政许可", "其他对外管理服务事项")), ("（六）", ("行政处罚", "行政强制"))):
        header(f"第二十条第{block}项", w)
        rows.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
        for key in keys:
            rows.append([key, *(fmt_num(v) for v in t2[key])])
    header("第二十条第（八）项", w)
    merges.append((len(rows), 2, 1, 2))
    rows.append(["信息内容", "上一年项目数量", "本年增/减", "本年增/减"])
    v = t2["行政事业性收费"]
    merges.append((len(rows), 2, 1, 2))
    rows.append(["行政事业性收费", fmt_num(v[0]), fmt_num(v[1]), fmt_num(v[1])])
    header("第二十条第（九）项", w)
    merges.append((len(rows), 2, 1, 2))
    rows.append(["信息内容", "采购项目数量", "采购总金额", "采购总金额"])
    v = t2["政府集中采购"]
    merges.append((len(rows), 2, 1, 2))
    rows.append(["政府集中采购", fmt_num(v[0]), fmt_num(v[1]), fmt_num(v[1])])
    return rows, merges


def table3_grid(values: dict[str, Any], template: str, subtotals: dict[str, list[int]] | None = None,
            omit: set[str] = frozenset(), cells: dict[tuple[str, int], str] | None = None,  # type: ignore[assignment]
            ) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """Table 三 as in the template DOCX: 3 label columns then 7 numbers (10 wide).

    The fault generators (corpora/gen_numbers.py) also ask for printed group subtotal
    rows, omitted rows and cells overridden by text (placeholders).
    """
    t3 = values["table3"]
    subtotals = subtotals or {}
    cells = cells or {}
    rows: list[list[str]] = [
        [T3_NOTE] * 3 + ["申请人情况"] * 7,
        [T3_NOTE] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"],
        [T3_NOTE] * 3 + T3_HEADER_COLS,
    ]
    merges = [(0, 0, 3, 3), (0, 3, 1, 7), (1, 3, 2, 1), (1, 4, 1, 5), (1, 9, 2, 1)]

    def nums(key: str, values_row: list[int] | None = None) -> list[str]:
        vals = values_row if values_row is not None else t3[key]
        return [cells.get((key, i), fmt_num(v)) for i, v in enumerate(vals)]

    for label, key in (("一、本年新收政府信息公开申请数量", "一"), ("二、上年结转政府信息公开申请数量", "二")):
        if key in omit:
            continue
        merges.append((len(rows), 0, 1, 3))
        rows.append([label] * 3 + nums(key))
    group_start = len(rows)
    for label, leaves in T3_GROUPS:
        g = label[:3]
        if not leaves or (template == "2019" and g == "（六）"):
            if g not in omit:
                merges.append((len(rows), 1, 1, 2))
                rows.append(["三、本年度办理结果", label, label, *nums(g)])
            continue
        if g in subtotals:
            merges.append((len(rows), 1, 1, 2))
            rows.append(["三、本年度办理结果", label, label, *nums(g, subtotals[g])])
        kept = [(i, leaf) for i, leaf in enumerate(leaves) if f"{g}{i + 1}" not in omit]
        if not kept:
            continue
        merges.append((len(rows), 1, len(kept), 1))
        for i, leaf in kept:
            rows.append(["三、本年度办理结果", label, leaf, *nums(f"{g}{i + 1}")])
    merges.append((len(rows), 1, 1, 2))
    rows.append(["三、本年度办理结果", "（七）总计", "（七）总计", *nums("（七）")])
    merges.append((group_start, 0, len(rows) - group_start, 1))
    merges.append((len(rows), 0, 1, 3))
    rows.append(["四、结转下年度继续办理"] * 3 + nums("四"))
    return rows, merges


def table4_grid(values: dict[str, Any]) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """Table 四: three header rows then one row of 15 numbers."""
    cols = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [
        ["行政复议"] * 5 + ["行政诉讼"] * 10,
        cols + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
        cols + cols + cols,
        [fmt_num(v) for v in values["table4"]],
    ]
    merges = [(0, 0, 1, 5), (0, 5, 1, 10), (1, 5, 1, 5), (1, 10, 1, 5)] + [(1, c, 2, 1) for c in range(5)]
    return rows, merges


# --- prose -------------------------------------------------------------------------------------------------------

PROACTIVE = [
    "{Y}年，{A}坚持以公开为常态、不公开为例外，全年通过门户网站主动公开政府信息{n}条，其中政策文件{k}条。",
    "围绕{topic}等重点领域，{A}及时发布相关信息，全年累计发布各类信息{n}条，政策解读{k}篇。",
    "{A}依托政府网站、政务新媒体等平台，全年主动公开各类政府信息{n}条，发布政策解读材料{k}篇，回应社会关切{r}次。",
    "全年在政府信息公开专栏更新信息{n}条，其中机构职能、法规文件、规划计划等基础信息{k}条，均在规定时限内公开。",
]
TOPICS = ["财政预决算", "重大建设项目", "公共资源配置", "社会公益事业", "乡村振兴", "生态环境保护", "安全生产", "教育卫生"]
MANAGEMENT = [
    "严格落实公文公开属性源头认定制度，拟制公文时同步明确公开属性，全年对{k}件文件进行公开前保密审查。",
    "开展现行有效规范性文件清理工作，及时更新政府信息公开目录，确保目录内容准确、完整。",
    "建立健全政府信息发布协调机制，明确信息发布、审核和更新流程，做到先审查、后公开。",
    "定期对已公开信息开展自查，对过时失效信息及时调整，全年调整信息{k}条。",
]
PLATFORM = [
    "持续优化政府网站信息公开专栏，完善栏目设置，提升检索、查阅、下载等功能。",
    "加强政务新媒体管理，政务微信公众号全年发布信息{n}条，进一步拓宽公开渠道。",
    "推进政务服务与政务公开融合，在政务服务大厅设置政府信息查阅点{k}个，方便群众查阅。",
]
SUPERVISION = [
    "将政务公开工作纳入年度目标考核，组织开展业务培训{k}次，培训人员{n}人次。",
    "主动接受社会监督，通过社会评议等方式听取群众意见，全年未发生因政府信息公开工作被责任追究的情况。",
    "明确分管领导和专职工作人员，建立工作台账，定期通报工作进展，确保各项任务落到实处。",
]
PROBLEMS = [
    "{Y0}年度存在的信息更新不够及时等问题已于{Y}年整改到位。",
    "对照上一年度查找的问题，逐项制定整改措施，目前已全部完成整改。",
    "工作中仍存在一些不足：一是政策解读形式较为单一；二是部分栏目信息更新不够及时；三是工作人员业务水平有待提高。",
    "下一步，{A}将进一步完善工作机制，加强业务培训，丰富解读形式，不断提升政务公开工作质量。",
    "主要问题是公开内容的针对性和实用性还需加强。改进措施：加强统筹协调，强化督促检查，提高信息发布质量。",
]


# Short fragments composed at random, so two reports of different agencies share little
# beyond the template (real reports differ; a fixed sentence bank would make every pair
# of synthetic reports look like a copy to the duplicate detector).
CONTEXTS = ["围绕{t}", "聚焦{t}", "结合{t}工作实际", "针对{t}领域的新要求", "按照{t}工作部署", "以{t}为重点",
            "立足{t}", "紧扣{t}"]
ACTIONS = [
    "健全信息发布机制", "规范公开工作流程", "细化公开事项清单", "加强发布前保密审查", "强化政策解读",
    "及时回应社会关切", "优化专栏栏目设置", "动态更新公开目录", "严格落实三级审核", "加大主动公开力度",
    "推进基层政务公开标准化", "做好重点领域信息公开", "规范依申请公开办理", "提升答复文书质量",
    "组织业务骨干集中学习", "开展常态化自查", "推动重大决策预公开", "扩大公众有序参与", "强化年度考核评估",
    "压实各科室责任", "加强发布平台管理", "提高信息发布时效", "丰富图解和视频解读", "拓宽线上线下公开渠道",
    "规范文书归档管理", "加强部门间统筹协调", "稳步推进数据开放", "规范政务新媒体运行", "加强网站内容保障",
    "强化意见征集反馈", "推进办事服务事项公开", "加强个人信息保护", "开展政策咨询服务", "举办政府开放日活动",
    "完善新闻发布制度", "落实公开属性源头认定", "开展文件集中清理", "畅通申请受理渠道", "精简内部办理环节",
    "建立问题整改台账", "推行办理进度提醒", "健全协商研判机制", "完善解读材料同步报审", "常态化开展满意度回访",
]
RESULTS = ["取得了较好成效", "群众获得感不断增强", "公开质效进一步提高", "工作基础更加扎实", "透明度明显提升",
           "各项任务有序推进", "规范化水平持续提升", "社会反响良好", "工作短板逐步补齐"]
MORE_TOPICS = ["营商环境", "民生保障", "城乡建设", "就业创业", "养老服务", "医疗保障", "住房保障", "食品药品安全",
               "应急管理", "市场监管", "农业农村", "交通出行", "文化旅游", "乡村治理", "政策兑现", "减税降费"]


def compose_paragraph(rng: random.Random, agency: str, year: int) -> str:
    """Two sentences of randomly composed fragments (varied prose, template-free, no foreign names)."""
    sentences = []
    for k in range(2):
        topic = rng.choice(TOPICS + MORE_TOPICS)
        ctx = rng.choice(CONTEXTS).format(t=topic)
        acts = rng.sample(ACTIONS, rng.randint(2, 4))
        lead = f"{year}年，{agency}{ctx}" if k == 0 and rng.random() < 0.4 else ctx
        sentences.append(f"{lead}，{'，'.join(acts)}，{rng.choice(RESULTS)}。")
    return "".join(sentences)


def _fill(rng: random.Random, template: str, **kw: Any) -> str:
    return template.format(n=rng.randint(50, 3000), k=rng.randint(2, 40), r=rng.randint(1, 30),
                           topic="、".join(rng.sample(TOPICS, 2)), **kw)


@dataclass
class SynthReport:
    """A generated report: blocks to render, the agency, year, template and true values."""

    agency: Agency
    year: int
    template: str
    blocks: list[Block]
    values: dict[str, Any] = field(default_factory=dict)
    sections: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The title line."""
        return next(b[1] for b in self.blocks if b[0] == "title")

    def to_text(self) -> str:
        """Plain text: one line per paragraph; table rows as ``a | b | c`` lines (merged cells repeated)."""
        out: list[str] = []
        for b in self.blocks:
            if b[0] == "table":
                out.extend(" | ".join(row) for row in b[1])
            else:
                out.append(b[1])
        return "\n".join(out) + "\n"


def request_sentence(a: str, y: int, t3: dict[str, list[int]]) -> str:
    """The prose summary of table 三 that the number checker compares with the table."""
    return (f"{y}年，{a}共收到政府信息公开申请{t3['一'][6]}件，上年结转{t3['二'][6]}件，"
            f"全年办结{t3['（七）'][6]}件，结转下年度继续办理{t3['四'][6]}件。")


def make_report(seed: int, year: int | None = None, template: str | None = None, agency: Agency | None = None,
                scale: int | None = None, prev: SynthReport | None = None) -> SynthReport:
    """A clean report. ``template`` defaults to the one in force for ``year``.

    With ``prev`` (the same agency's report for the year before) the carry-over and
    the 现行有效 roll-forward agree with it, as a consistent pair of years must.
    """
    rng = random.Random(seed)
    year = year or rng.randint(2009, 2024)
    template = template or template_for_year(year)
    agency = agency or make_agency(rng)
    a = agency.name
    prose_rng = random.Random(seed * 7919 + 17)
    values = make_values(rng, template, scale)
    adjust_values(values, template, agency, prev.values if prev is not None and prev.template == template else None)
    blocks: list[Block] = [("title", f"{a}{year}年政府信息公开工作年度报告")]
    if template == "pre2019":
        return _pre2019(rng, agency, year, values, blocks, prose_rng)
    blocks.append(("p", f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
                        f"《中华人民共和国政府信息公开工作年度报告格式》要求编制。本报告中所列数据的统计期限自{year}年1月1日起至"
                        f"{year}年12月31日止。本报告电子版可在{a}门户网站查阅或下载。如对本报告有疑问，请与{a}办公室联系"
                        f"（电话：0{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}）。"))
    sections = ["overview", "proactive", "requests", "review_litigation", "problems", "other"]
    blocks.append(("h", "一、总体情况"))
    t3 = values["table3"]
    subs = [("（一）主动公开", PROACTIVE), ("（二）依申请公开", None), ("（三）政府信息管理", MANAGEMENT),
            ("（四）平台建设", PLATFORM), ("（五）监督保障", SUPERVISION)]
    for head, bank in subs:
        blocks.append(("p", head))
        if bank is None:
            blocks.append(("p", request_sentence(a, year, t3) + "所有申请均在法定期限内答复。" * (t3["四"][6] == 0)))
        else:
            for tpl in rng.sample(bank, 2):
                blocks.append(("p", _fill(rng, tpl, Y=year, A=a)))
            blocks.extend(("p", compose_paragraph(prose_rng, a, year)) for _ in range(2))
    blocks.append(("h", "二、主动公开政府信息情况"))
    rows, merges = table2_grid(values, template)
    blocks.append(("table", rows, merges))
    blocks.append(("h", "三、收到和处理政府信息公开申请情况"))
    rows, merges = table3_grid(values, template)
    blocks.append(("table", rows, merges))
    blocks.append(("h", "四、政府信息公开行政复议、行政诉讼情况"))
    rows, merges = table4_grid(values)
    blocks.append(("table", rows, merges))
    blocks.append(("h", "五、存在的主要问题及改进情况"))
    for tpl in [PROBLEMS[0], *rng.sample(PROBLEMS[2:], 2)]:
        blocks.append(("p", _fill(rng, tpl, Y=year, Y0=year - 1, A=a)))
    blocks.append(("p", compose_paragraph(prose_rng, a, year)))
    blocks.append(("p", "下一步，" + compose_paragraph(prose_rng, a, year)))
    blocks.append(("h", "六、其他需要报告的事项"))
    fee = values["fee_yuan"]
    if template == "2021":
        blocks.append(("p", f"{year}年度，{a}发出收费通知的件数为{1 if fee else 0}件，收取信息处理费{fee}元。" if fee
                       else f"{year}年度，{a}未收取信息处理费。"))
    blocks.append(("p", "本机关无其他需要报告的事项。" if rng.random() < 0.5
                   else f"{year}年，{a}认真办理人大代表建议和政协提案，办理结果均按要求公开。"))
    blocks.append(("p", a))
    blocks.append(("p", f"{year + 1}年1月{rng.randint(5, 28)}日"))
    return SynthReport(agency, year, template, blocks, values, sections)


def _pre2019(rng: random.Random, agency: Agency, year: int, values: dict[str, Any], blocks: list[Block],
             prose_rng: random.Random) -> SynthReport:
    a = agency.name
    t3 = values["table3"]
    heads = [("overview", "一、概述"), ("proactive", "二、主动公开政府信息情况"),
             ("requests", "三、依申请公开政府信息情况"), ("fees", "四、政府信息公开的收费及减免情况"),
             ("review_litigation", "五、因政府信息公开申请行政复议、提起行政诉讼的情况"),
             ("problems", "六、政府信息公开工作存在的主要问题及改进情况"), ("other", "七、其他需要报告的事项")]
    blocks.append(("p", f"根据《中华人民共和国政府信息公开条例》规定，特编制{a}{year}年政府信息公开工作年度报告。"
                        f"本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、"
                        f"因政府信息公开申请行政复议、提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进情况、"
                        f"其他需要报告的事项等七部分组成。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"))
    bodies = {
        "overview": [*(_fill(rng, t, Y=year, A=a) for t in rng.sample(SUPERVISION + MANAGEMENT, 2)),
                     compose_paragraph(prose_rng, a, year), compose_paragraph(prose_rng, a, year)],
        "proactive": [*(_fill(rng, t, Y=year, A=a) for t in rng.sample(PROACTIVE, 2)),
                      compose_paragraph(prose_rng, a, year)],
        "requests": [request_sentence(a, year, t3)],
        "fees": [f"{year}年，{a}在政府信息公开工作中未收取任何费用，也未发生减免费用情况。"],
        "review_litigation": [f"{year}年，{a}未发生因政府信息公开申请提起行政复议、行政诉讼的情况。"
                              if values["table4"][4] + values["table4"][9] + values["table4"][14] == 0 else
                              f"{year}年，{a}因政府信息公开申请被提起行政复议{values['table4'][4]}件，"
                              f"行政诉讼{values['table4'][9] + values['table4'][14]}件。"],
        "problems": [_fill(rng, t, Y=year, Y0=year - 1, A=a) for t in rng.sample(PROBLEMS[2:], 2)],
        "other": ["无。" if rng.random() < 0.3 else "本年度无其他需要报告的事项。"],
    }
    for sid, head in heads:
        blocks.append(("h", head))
        blocks.extend(("p", p) for p in bodies[sid])
    blocks.append(("p", a))
    blocks.append(("p", f"{year + 1}年3月{rng.randint(1, 28)}日"))
    return SynthReport(agency, year, "pre2019", blocks, values, [s for s, _ in heads])
