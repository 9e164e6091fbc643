"""Labelled training data for the document-type classifier (domain §5): ``corpora/doctype/doctype.jsonl.gz``.

Sources, one JSON object per line (``label``, ``source``, ``text``):

- every segment of the five seeds, labelled by hand (``SEED_LABELS``);
- synthetic annual reports of all three templates (:mod:`corpora.synth`), some in
  traditional script, some without a title, with non-standard titles, without
  heading numbers or with tables flattened to ``label n n n`` lines as PDF text;
- synthetic look-alikes written here from phrase banks: 通报, 实施方案/意见/细则,
  工作要点, 工作总结/自查报告, 编制通知, the blank format, cover memos, periodic
  statistics and other documents (指南, 制度, 网站年度报表, 法治政府建设年度报告).

To keep the classes from being separable by one cue, look-alikes borrow annual-report
vocabulary (section names, 年度报告, 主动公开/依申请公开 figures), a share of every
class loses its title, and titles of summaries sometimes read "…政府信息公开工作报告".
Such a summary reports measures only: a "…工作报告" for a whole year that gives the
year's 主动公开/依申请公开 figures is that year's annual report under a non-standard
title (domain §5), and :func:`annual_plain` writes those — poorly structured, without
统计期限 or tables, like seed 001 第四篇/第五篇. Texts are cut to 3,000 characters
(the classifier reads the opening).

Usage::

    python -m corpora.doctype.make_data          # writes corpora/doctype/doctype.jsonl.gz
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable
from pathlib import Path

from corpora.synth import compose_paragraph, make_agency, make_report

HERE = Path(__file__).resolve().parent
OUT = HERE / "doctype.jsonl.gz"
SEEDS = HERE.parent / "seeds"
MAX_CHARS = 3000

# Hand labels of the seed segments (file prefix → label per segment, domain §5 and issue 4). Seed 001:
# 第二篇/第三篇 are titled 工作总结; 第四篇 (南宁 2008) and 第五篇 (省法制办 2017) are titled
# "…政府信息公开工作报告" and report the year's 主动公开 / 依申请公开 figures, so they are that year's
# annual reports under non-standard titles, however poor their structure (domain §5).
SEED_LABELS: dict[str, list[str]] = {
    "000": ["cover_memo", "annual_report"],
    "001": ["annual_report", "work_summary", "work_summary", "annual_report", "annual_report"],
    "002": ["notice_circular"],
    "003": ["implementation_plan"] * 5,
    "004": ["annual_report"],
}

CN = "一二三四五六七八九十"
MEASURES = [
    "加强组织领导，明确分管领导和具体工作人员，形成一级抓一级、层层抓落实的工作格局",
    "完善政府信息公开制度，落实公开属性源头认定和保密审查机制",
    "及时更新政府信息公开目录和指南，确保内容准确完整",
    "加强政府网站和政务新媒体建设，拓宽信息公开渠道",
    "做好政策解读和回应关切，提高解读的针对性和可读性",
    "依法做好依申请公开工作，规范受理、办理、答复等环节",
    "推进重点领域信息公开，重点做好财政预决算、重大建设项目、公共资源配置等信息公开",
    "加强业务培训，提升工作人员业务能力和水平",
    "强化监督考核，将政务公开工作纳入年度绩效考核",
    "推进基层政务公开标准化规范化建设，编制公开事项标准目录",
]
TOPICS = ["决策公开", "执行公开", "管理公开", "服务公开", "结果公开", "重点领域信息公开", "政策解读", "回应关切",
          "政府网站建设", "政务新媒体管理", "依申请公开", "平台建设", "基层政务公开"]


def _pick(rng: random.Random, bank: list[str], k: int) -> list[str]:
    return rng.sample(bank, min(k, len(bank)))


def _num(rng: random.Random, k: int) -> str:
    return f"{CN[k]}、" if rng.random() < 0.8 else f"（{CN[k]}）"


def _docno(rng: random.Random, y: int, short: str) -> str:
    return f"{short}{rng.choice(['政办发', '政办字', '办发', '发', '字'])}〔{y}〕{rng.randint(1, 180)}号"


def _date(rng: random.Random, y: int, months: tuple[int, int]) -> str:
    return f"{y}年{rng.randint(*months)}月{rng.randint(1, 28)}日"


def _maybe_drop_title(rng: random.Random, lines: list[str], share: float = 0.15) -> list[str]:
    return lines[1:] if rng.random() < share else lines


# --- look-alike generators: each returns the document's lines ----------------------------------------------------

def circular(rng: random.Random) -> list[str]:
    a = make_agency(rng, "government")
    y = rng.randint(2010, 2024)
    office = a.name + rng.choice(["办公室", "办公厅"])
    topic = rng.choice([f"{y}年度政务公开工作考核结果", f"{y}年政府网站和政务新媒体检查情况", f"{y}年全县政务公开工作情况",
                        f"{y}年度政府信息公开工作年度报告检查情况", f"{y}年第{rng.randint(1, 4)}季度政府网站抽查情况"])
    lines = [f"{office}关于{topic}的通报", _docno(rng, y + rng.choice([0, 1]), a.county[:2]),
             rng.choice(["各乡镇人民政府，县直各部门：", "各苏木乡镇人民政府，旗直各部门：", "各区县人民政府，市政府各部门："])]
    lines.append(f"为进一步推进政务公开工作，按照有关要求，{rng.choice(['我办', '县政府办公室', '市政务公开办'])}于{y}年"
                 f"{rng.randint(9, 12)}月对各单位{rng.choice(['政务公开', '政府信息公开年度报告', '政府网站'])}工作进行了检查。"
                 f"现将有关情况通报如下：")
    heads = rng.sample(["基本情况", "检查结果", "存在的主要问题", "下一步工作要求", "考核结果", "工作成效"], 4)
    for k, h in enumerate(heads):
        lines.append(f"{_num(rng, k)}{h}")
        if "结果" in h:
            n = rng.randint(20, 60)
            lines.append(f"本次共检查{n}家单位，合格{n - rng.randint(1, 9)}家，合格率{rng.randint(80, 98)}%。"
                         f"其中{rng.choice(['县财政局', '县教育局', '城关镇'])}等单位得分较高，排名靠前，予以通报表扬。")
            for i in range(rng.randint(2, 5)):
                lines.append(f"{i + 1} | {rng.choice(['县财政局', '县民政局', '县水利局', '古碑镇', '新华街道'])} | "
                             f"{rng.randint(60, 100)} | {rng.choice(['优秀', '良好', '合格'])}")
        elif "问题" in h:
            lines.append("一是部分单位" + rng.choice(["年度报告内容不规范，未按照统一格式编制", "信息更新不及时",
                                                 "栏目设置不合理，存在空白栏目"]) + "；二是部分单位" +
                         rng.choice(["政策解读形式单一", "依申请公开答复不规范", "主动公开信息数量偏少"]) + "。")
        else:
            for m in _pick(rng, MEASURES, 2):
                lines.append(f"各单位要{m}，务必于{y + 1}年{rng.randint(1, 6)}月底前完成整改。")
    lines += [office, _date(rng, y + 1, (1, 6))]
    return _maybe_drop_title(rng, lines)


def plan(rng: random.Random) -> list[str]:
    a = make_agency(rng)
    y = rng.choice([rng.randint(2014, 2024), None])
    ys = f"{y}年" if y else rng.choice(["20XX年", "", "20××年"])
    kind = rng.choice(["实施方案", "实施方案", "实施意见", "实施细则", "工作方案"])
    lines = [f"{a.name}{ys}{rng.choice(['政务公开工作', '基层政务公开标准化规范化工作', '政府信息公开工作'])}{kind}"]
    lines.append(f"为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步推进{rng.choice(TOPICS)}，结合本{(a.level == 'department' and '局') or '地'}实际，"
                 f"制定本{kind[-2:]}。")
    heads = ["指导思想", "基本原则", "工作目标", "主要任务", "组织领导", "保障措施", "实施步骤", "工作要求"]
    for k, h in enumerate(rng.sample(heads, rng.randint(4, 6))):
        lines.append(f"{_num(rng, k)}{h}")
        if h == "组织领导":
            lines += ["成立政务公开工作领导小组：", "组长：张某某", "副组长：李某某、王某某", "成员：各股室负责人"]
        elif h == "实施步骤":
            lines += [f"（一）动员部署阶段（{ys or ''}3月底前）", f"（二）组织实施阶段（{ys or ''}4月至10月）",
                      f"（三）总结验收阶段（{ys or ''}年底前）"]
        else:
            tasks = rng.random() < 0.4  # many 方案 also list tasks with lead units, like a 工作要点
            for i, m in enumerate(_pick(rng, MEASURES, rng.randint(1, 4))):
                lead = rng.choice(["办公室", "法规科", "县政府办", "各股室", "信息中心"])
                lines.append(f"{i + 1}.{m}。" + (f"（{lead}负责，{rng.randint(6, 12)}月底前完成）" if tasks
                                                 else "要确保各项工作落到实处。"))
    lines += [a.name, _date(rng, y or 2020, (2, 7)) if y else "20XX年X月X日"]
    return _maybe_drop_title(rng, lines)


def points(rng: random.Random) -> list[str]:
    a = make_agency(rng, "government")
    y = rng.randint(2014, 2024)
    lines = [rng.choice([f"{a.name}办公室关于印发{y}年政务公开工作要点的通知", f"{a.name}{y}年政务公开工作要点",
                         f"{y}年{a.county}政务公开工作要点"])]
    if "通知" in lines[0]:
        lines += ["各乡镇人民政府，县政府各部门：", f"现将《{y}年政务公开工作要点》印发给你们，请认真贯彻落实。",
                  f"{a.name}办公室", _date(rng, y, (3, 6)), f"{y}年政务公开工作要点"]
    lines.append(f"{y}年是{rng.choice(['全面深化改革', '十四五规划实施', '全面建成小康社会'])}的关键之年。做好{y}年政务公开工作，"
                 f"要坚持以公开为常态、不公开为例外，围绕中心、服务大局。")
    for k, t in enumerate(rng.sample(TOPICS, rng.randint(3, 5))):
        lines.append(f"{_num(rng, k)}{rng.choice(['着力', '深入', '持续', '扎实'])}推进{t}")
        for i, m in enumerate(_pick(rng, MEASURES, 2)):
            lead = rng.choice(["县政府办", "县财政局", "县发展改革局", "各乡镇", "县政务服务中心"])
            lines.append(f"{i + 1}.{m}。" + (f"（{lead}牵头，各相关单位负责，{rng.randint(6, 12)}月底前完成）"
                                             if rng.random() < 0.7 else "要抓好落实。"))
    lines.append(f"各单位要对照本要点，制定具体落实措施，明确责任单位和完成时限，于{y}年{rng.randint(7, 12)}月底前报送落实情况。")
    return _maybe_drop_title(rng, lines)


def summary(rng: random.Random) -> list[str]:
    """工作总结 / 自查报告: measures, 成效, problems and plans.

    A summary titled "…政府信息公开工作报告" for a whole year gives no disclosure figures —
    with the year's 主动公开/依申请公开 figures it would be that year's annual report under a
    non-standard title (see :func:`annual_plain`). Summaries titled 总结/自查/情况的报告, and
    half-year ones, may quote figures.
    """
    a = make_agency(rng)
    y = rng.randint(2008, 2024)
    period = rng.choice([f"{y}年", f"{y}年", f"{y}年上半年", f"{y}年度"])
    title = rng.choice([f"{a.name}{period}政务公开工作总结", f"{a.name}{period}政府信息公开工作总结",
                        f"{a.name}{period}政府信息公开工作报告", f"{a.name}{period}政务公开工作自查报告",
                        f"{a.name}关于{period}政务公开工作情况的报告", f"{period}政府信息公开工作总结",
                        f"{period}政务公开工作报告"])
    figures = not title.endswith("工作报告") or "半年" in period
    lines = [title]
    if rng.random() < 0.4:
        lines.append(rng.choice(["县政府办公室：", "市政府信息公开工作办公室：", "县政务公开领导小组办公室："]))
    lines.append(f"{period}，我{rng.choice(['局', '镇', '单位', '委'])}在上级的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，"
                 f"扎实推进政务公开工作，取得了明显成效。现将{period}工作{rng.choice(['总结', '情况报告', '情况汇报'])}如下：")
    heads = rng.choice([["主要做法和成效", "存在的问题", "下一步工作打算"],
                        ["工作开展情况", "存在问题", f"{y + 1}年工作计划"],
                        [f"{rng.choice(['加强', '强化', '完善'])}{rng.choice(TOPICS)}", f"积极推进{rng.choice(TOPICS)}",
                         "认真做好依申请公开工作", "存在问题和不足", "下一步工作打算"],
                        ["主动公开政府信息情况", "依申请公开情况", "主要做法", "存在问题", "下一步工作打算"]])
    for k, h in enumerate(heads):
        lines.append(f"{_num(rng, k)}{h}")
        if ("依申请" in h or "主动公开" in h) and figures:
            lines.append(f"{period}，共{rng.choice(['主动公开政府信息', '收到依申请公开申请'])}{rng.randint(0, 900)}条（件），"
                         f"均按规定办理。")
        elif "依申请" in h or "主动公开" in h:
            lines.append(f"我们{rng.choice(['严格按照规定程序', '认真规范', '依法依规'])}做好{h[:-2] if h.endswith('情况') else h}，"
                         f"{rng.choice(['做到件件有回复', '确保依法及时答复', '不断提升办理质量'])}。")
        for m in _pick(rng, MEASURES, rng.randint(1, 3)):
            verb = "将" if "打算" in h or "计划" in h else "我们"
            lines.append(f"{verb}{m}，{rng.choice(['取得了良好效果', '工作水平不断提升', '群众满意度明显提高'])}。")
    lines += [a.name, _date(rng, y + rng.choice([0, 0, 1]), (1, 12))]
    return _maybe_drop_title(rng, lines)


def compilation_notice(rng: random.Random) -> list[str]:
    a = make_agency(rng, "government")
    y = rng.randint(2009, 2024)
    lines = [rng.choice([f"关于做好{y}年政府信息公开工作年度报告编制和发布工作的通知",
                         f"{a.name}办公室关于做好{y}年度政府信息公开工作年度报告编制发布工作的通知",
                         f"关于报送{y}年度政府信息公开工作年度报告的通知"]),
             _docno(rng, y + 1, a.county[:2]),
             rng.choice(["各县市区人民政府，市直各单位：", "各乡镇人民政府，县直各部门：", "各区县人民政府，市政府各部门："]),
             f"根据《中华人民共和国政府信息公开条例》规定，为做好{y}年度政府信息公开工作年度报告编制和发布工作，现将有关事项通知如下："]
    items = ["严格按照《中华人民共和国政府信息公开工作年度报告格式》编制，年度报告应包括总体情况、主动公开政府信息情况、"
             "收到和处理政府信息公开申请情况、政府信息公开行政复议行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等内容。",
             f"市直各单位请于{y + 1}年1月{rng.randint(20, 31)}日前在本单位门户网站公开年度报告，并报送市政务公开办。",
             f"各县市区政府年度报告请于{y + 1}年{rng.choice([2, 3])}月{rng.randint(1, 28)}日前报送。",
             "要确保数据准确、文字严谨，避免内容雷同、敷衍塞责。对报告内容不规范的单位将予以通报。",
             f"联系人：{rng.choice(['张', '李', '王', '刘'])}某某，联系电话：0{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}。"]
    for k, it in enumerate(rng.sample(items, rng.randint(3, 5))):
        lines.append(f"{_num(rng, k)}{it}")
    lines += [f"{a.name}办公室", _date(rng, y, (11, 12)) if rng.random() < 0.5 else _date(rng, y + 1, (1, 1))]
    return _maybe_drop_title(rng, lines)


def blank_template(rng: random.Random) -> list[str]:
    rep = make_report(rng.randint(0, 10**6), year=rng.randint(2019, 2024))
    lines = [rng.choice(["中华人民共和国政府信息公开工作年度报告格式", "XX政府信息公开工作年度报告（格式）",
                         f"{rep.agency.name}20XX年政府信息公开工作年度报告", "政府信息公开工作年度报告模板"])]
    if rng.random() < 0.5:
        lines.append("（本报告格式由国务院办公厅政府信息与政务公开办公室制定，各地区各部门要严格按照本格式编制年度报告）")
    for b in rep.blocks[1:-2]:
        if b[0] == "h":
            lines.append(b[1])
            if rng.random() < 0.8 and b[1][:2] in ("一、", "五、", "六、"):
                lines.append(rng.choice(["（文字描述）", "（文字描述，这一项报告…）", "收取信息处理费情况在此处报告。"]))
        elif b[0] == "table":
            for row in b[1]:
                lines.append(" | ".join(c if not c.replace(".", "").replace("-", "").isdigit() else "" for c in row))
    return lines


def cover_memo(rng: random.Random) -> list[str]:
    a = make_agency(rng, "department")
    y = rng.randint(2009, 2024)
    report = f"{a.name}{y}年{rng.choice(['政府信息公开工作年度报告', '政务公开工作年度报告'])}"
    lines = [f"{_docno(rng, y + rng.choice([0, 1]), a.county[:2])}    签发人：{rng.choice(['赵', '钱', '孙', '李'])}某某",
             f"关于{rng.choice(['呈送', '报送', '上报'])}{report}的{rng.choice(['报告', '函'])}",
             rng.choice([f"{a.county}人民政府：", "县政务公开办：", "市人民政府办公室："]),
             f"按照{rng.choice(['上级', '县政府办公室', '《条例》'])}有关要求，我{rng.choice(['局', '委', '中心'])}编制完成了{report}，"
             f"现随文{rng.choice(['呈上', '报送'])}，请{rng.choice(['审阅', '审定', '查收'])}。",
             rng.choice(["特此报告。", "此报告", "妥否，请批示。"]), f"附件：{report}", a.name,
             _date(rng, y + rng.choice([0, 1]), (1, 12))]
    return lines


def periodic(rng: random.Random) -> list[str]:
    a = make_agency(rng)
    y = rng.randint(2014, 2024)
    span = rng.choice(["上半年", "第一季度", "第二季度", "第三季度", "1-6月", "前三季度"])
    lines = [rng.choice([f"{a.name}{y}年{span}政府信息公开工作情况统计", f"{y}年{span}政务公开数据统计表",
                         f"{a.name}{y}年{span}政府信息公开情况统计表"])]
    lines.append(f"统计指标 | 单位 | {span}")
    for label in rng.sample(["主动公开政府信息数", "其中：主动公开规范性文件数", "收到申请数", "申请办结数",
                             "政策解读数", "回应关切数", "政务微博发布信息数", "政府网站更新信息数", "行政复议数量",
                             "行政诉讼数量"], rng.randint(5, 9)):
        lines.append(f"{label} | {rng.choice(['条', '件', '次'])} | {rng.randint(0, 900)}")
    if rng.random() < 0.6:
        lines.append(f"{y}年{span}，{a.name}共主动公开政府信息{rng.randint(10, 900)}条，收到依申请公开{rng.randint(0, 30)}件。")
    lines += [a.name, _date(rng, y, (4, 10))]
    return _maybe_drop_title(rng, lines)


def other(rng: random.Random) -> list[str]:
    a = make_agency(rng)
    y = rng.randint(2009, 2024)
    kind = rng.choice(["guide", "rules", "website", "rule_of_law", "evaluation"])
    if kind == "guide":
        lines = [f"{a.name}政府信息公开指南", "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。"]
        for k, h in enumerate(["公开范围", "公开方式", "依申请公开", "收费标准", "监督和救济"]):
            lines += [f"{_num(rng, k)}{h}", f"申请人可以通过{rng.choice(['当面', '信函', '网络'])}方式提出申请，"
                                             f"本机关在收到申请之日起20个工作日内予以答复。"]
    elif kind == "rules":
        lines = [f"{a.name}政府信息公开{rng.choice(['工作制度', '保密审查制度', '年度报告制度', '考核办法'])}"]
        for k in range(rng.randint(5, 9)):
            lines.append(f"第{CN[k]}条 {rng.choice(MEASURES)}。")
        lines.append("本制度自印发之日起施行。")
    elif kind == "website":
        lines = [f"{a.name}政府网站工作年度报表（{y}年度）", "填报单位 | " + a.name]
        for label in ["网站名称", "首页网址", "独立用户访问总量", "信息发布总数", "概况类信息更新量", "政务动态信息更新量",
                      "专栏专题维护数量", "政务咨询留言办结数", "是否有站内搜索"]:
            lines.append(f"{label} | {rng.randint(0, 5000)}")
    elif kind == "rule_of_law":
        lines = [f"{a.name}{y}年法治政府建设年度报告",
                 f"{y}年，{a.name}深入学习贯彻习近平法治思想，全面推进依法行政，法治政府建设取得新成效。"]
        for k, h in enumerate(["主要举措和成效", "党政主要负责人履行推进法治建设第一责任人职责情况", "存在的不足和原因",
                               f"{y + 1}年主要工作安排"]):
            lines += [f"{_num(rng, k)}{h}", f"{rng.choice(MEASURES)}，推进严格规范公正文明执法。"]
    else:
        lines = [f"{y}年度{a.province}政务公开第三方评估报告",
                 f"受委托，评估组对{rng.randint(20, 90)}家单位的政务公开工作进行了第三方评估。评估对象包括各市县政府和省直部门。",
                 "一、评估对象、指标和方法", "评估指标包括决策公开、执行公开、管理服务公开、结果公开和政务公开平台建设。",
                 "二、评估结果", f"平均得分{rng.randint(60, 90)}分，{rng.randint(5, 20)}家单位得分在90分以上。",
                 "三、发现的问题", "部分单位政府信息公开工作年度报告内容雷同，数据前后矛盾。"]
    return _maybe_drop_title(rng, lines, 0.1)


def annual(rng: random.Random) -> list[str]:
    year = rng.randint(2009, 2024)
    rep = make_report(rng.randint(0, 10**6), year=year)
    lines: list[str] = []
    flat = rng.random() < 0.3  # tables as PDF text lines
    unnumbered = rng.random() < 0.15
    # Real reports often open with pages of 做法/成效 prose under 一、 (the audit benchmark's
    # long reports too): pad 一 so such prose is not mistaken for a 工作总结.
    padding = rng.randint(3, 14) if rng.random() < 0.35 else 0
    for b in rep.blocks:
        if b[0] == "table":
            joiner = " " if flat else " | "
            lines += [joiner.join(row) for row in b[1]]
        elif b[0] == "h" and unnumbered:
            lines.append(b[1][2:])
        else:
            lines.append(b[1])
        if b[0] == "h" and padding:
            lines += [compose_paragraph(rng, rep.agency.name, year) for _ in range(padding)]
            padding = 0
    r = rng.random()
    if r < 0.12:
        lines = lines[1:]
    elif r < 0.3:
        a = rep.agency.name
        lines[0] = rng.choice([f"{a}{year}年政务公开工作年度报告", f"{a}{year}年度信息公开年报", f"{a}{year}年政府信息公开工作报告",
                               f"{a}{year}年政府信息公开年度报告"])
    return lines


PLAIN_THEMES = [
    "充分发挥政府网站信息公开第一平台作用", "积极开展政策解读工作", "着力完善政务服务平台建设", "加强政务新媒体管理",
    "深入推进重点领域信息公开", "健全完善信息公开工作机制", "规范做好公开属性认定", "强化业务培训和监督考核",
]


def _proactive_figures(rng: random.Random, y: int) -> str:
    n = rng.randint(30, 3000)
    part = rng.randint(1, n)
    return rng.choice([
        f"{y}年，我{rng.choice(['局', '办', '委', '县', '区'])}共主动公开政府信息{n}条，其中政策法规类{part}条，"
        f"业务工作类{n - part}条。",
        f"全年主动公开各类政府信息{n}条，较上年增长{rng.randint(1, 40)}%。",
        f"通过门户网站主动公开信息{n}条，发布政策解读{rng.randint(1, 60)}篇。",
        f"本年度累计主动公开文件{part}件、工作动态{n - part}条。",
    ])


def _request_figures(rng: random.Random) -> str:
    n = rng.randint(0, 60)
    done = rng.randint(0, n)
    return rng.choice([
        f"全年共收到政府信息公开申请{n}件，其中网上申请{done}件，信函申请{n - done}件，均在法定期限内答复。",
        f"全年受理依申请公开{n}件，予以公开{done}件，不属于本机关公开范围{n - done}件。",
        f"本年度共收到在线申请{done}件、纸质申请{n - done}件，已全部办结。",
        f"{rng.choice(['本年度', '全年'])}共办理政府信息公开申请{n}件，无因政府信息公开引发的行政复议和行政诉讼。",
    ])


def annual_plain(rng: random.Random) -> list[str]:
    """An annual report under a non-standard title (…政府信息公开工作报告) and with a poor structure.

    No 统计期限 sentence, no tables, headings that are not the statutory ones (主动公开情况 /
    主要做法 / 下一步工作打算, or themes such as 积极开展政策解读工作) — but it reports the
    year's 主动公开 and 依申请公开 figures, so it is that year's annual report (domain §5).
    """
    a = make_agency(rng)
    y = rng.randint(2008, 2024)
    yy = rng.choice([f"{y}年", f"{y}年度", f"{y}"])
    lines = [rng.choice([f"{a.name}{yy}政府信息公开工作报告", f"{yy}政府信息公开工作报告",
                         f"{a.name}{yy}政务公开工作报告", f"{a.name}{yy}信息公开工作报告"])]
    lines.append(rng.choice([
        f"根据《中华人民共和国政府信息公开条例》和上级有关要求，现将{a.name}{yy}政府信息公开工作情况报告如下：",
        f"{y}年，{a.name}紧紧围绕中心工作，积极推进政务公开，着力做好政策解读和依申请公开，取得了良好成效。",
        f"{yy}，我{rng.choice(['局', '办', '委'])}认真贯彻落实《中华人民共和国政府信息公开条例》，现将工作情况汇报如下：",
    ]))
    layout = rng.choice(["topics", "themes", "mixed"])
    if layout == "topics":
        heads = [rng.choice(["主动公开情况", "主动公开政府信息情况"]),
                 rng.choice(["依申请公开及咨询情况", "依申请公开情况", "依申请公开政府信息情况"]),
                 *rng.sample(["主要做法", "工作措施", "存在问题", "下一步工作打算", "主要问题和改进措施"], rng.randint(2, 3))]
    elif layout == "themes":
        heads = rng.sample(PLAIN_THEMES, rng.randint(2, 4))
        heads.insert(rng.randint(0, len(heads)), "认真做好依申请公开工作")
    else:
        heads = ["概述", "主动公开政府信息情况", "依申请公开政府信息情况", rng.choice(["存在的问题及改进措施",
                                                                                "存在问题和下一步打算"])]
    proactive_done = False
    for k, h in enumerate(heads):
        lines.append(f"{_num(rng, k)}{h}")
        if "依申请" in h:
            lines.append(_request_figures(rng))
        elif not proactive_done and ("主动公开" in h or "平台" in h or "网站" in h or h == "概述"):
            lines.append(_proactive_figures(rng, y))
            proactive_done = True
        for m in _pick(rng, MEASURES, rng.randint(1, 2)):
            verb = "下一步将" if "打算" in h or "改进" in h else rng.choice(["我们", "我局", "坚持"])
            lines.append(f"{verb}{m}。")
    if not proactive_done:
        lines.insert(2, _proactive_figures(rng, y))
    if rng.random() < 0.6:
        lines += [a.name, _date(rng, y + 1, (1, 3))]
    return lines


GENERATORS: dict[str, tuple[Callable[[random.Random], list[str]], int]] = {
    "annual_report": (annual, 160), "notice_circular": (circular, 55), "implementation_plan": (plan, 55),
    "work_points": (points, 50), "work_summary": (summary, 90), "compilation_notice": (compilation_notice, 50),
    "template": (blank_template, 45), "cover_memo": (cover_memo, 50), "periodic_statistics": (periodic, 45),
    "other": (other, 55),
}
# Generators of a label beyond its main one: (label, generator, count).
EXTRA_GENERATORS: tuple[tuple[str, Callable[[random.Random], list[str]], int], ...] = (
    ("annual_report", annual_plain, 50),
)


def seed_items() -> list[dict[str, str]]:
    """The seed segments with their hand labels."""
    import gkreview

    items = []
    for prefix, labels in SEED_LABELS.items():
        path = next(SEEDS.glob(f"{prefix}_*.txt"))
        docs = gkreview.load(path)
        assert len(docs) == len(labels), f"seed {prefix}: {len(docs)} segments, {len(labels)} labels"
        for k, (doc, label) in enumerate(zip(docs, labels, strict=True)):
            items.append({"label": label, "source": f"seed:{prefix}:{k}", "text": doc.text[:MAX_CHARS]})
    return items


def generate(seed: int = 4) -> list[dict[str, str]]:
    """All labelled items (seeds first, then generated ones; a tenth of those in traditional script)."""
    from corpora.render import convert_script

    rng = random.Random(seed)
    items = seed_items()
    jobs = [(label, fn, n) for label, (fn, n) in GENERATORS.items()] + list(EXTRA_GENERATORS)
    for label, fn, n in jobs:
        for k in range(n):
            text = "\n".join(fn(rng)) + "\n"
            if rng.random() < 0.15:
                text = convert_script(text, "traditional")
            items.append({"label": label, "source": f"gen:{label}:{fn.__name__}:{k}", "text": text[:MAX_CHARS]})
    return items


def load_items(path: Path = OUT) -> list[dict[str, str]]:
    """Read the stored JSONL."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def main() -> None:
    """Write the JSONL (gzip, deterministic)."""
    items = generate()
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:
        raw.write("".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items).encode("utf-8"))
    print(f"{len(items)} items → {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
