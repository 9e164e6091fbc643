"""One prefecture-level city's folder over three years, as a reviewer downloads it, for the batch checks.

``corpora/county_batch`` is one county's flat folder of .txt/.docx files named by
year and department. This folder differs where real downloads differ:

- a 地级市 (岳阳市): the city government, seven municipal bureaus, two districts
  (区人民政府) and a 经济技术开发区 管委会, 2022–2024, all in the 2021 format;
- mixed formats (.txt, .docx, .pdf, .html page with portal furniture) and a nested
  layout (``bmNN/<year>/`` for the city's bodies, ``<year>/qxNN/`` for districts
  and the zone) with file names that say nothing (附件1.docx, 年报.pdf, index.html,
  正文.txt): agency and year must come from the documents;
- only some bodies write from the city's model text (参考文本); the others describe
  their year in their own words. Every body adds its own work (projects, events,
  names), different each year;
- two bureaus (教育局, 生态环境局) print titles without their name (2023年政府信息公开工作年度报告):
  the agency is only in the intro (由岳阳市教育局编制) and the signature;
- names change form across years: the 人社局 prints 岳阳市人力资源和社会保障局 in 2022 and 2024
  and 岳阳市人社局 in 2023; the zone 岳阳经济技术开发区管理委员会 / 岳阳经开区管委会; 君山区 drops its
  city (君山区人民政府) in 2024.

Injected defects, each listed with the rule ids and source file expected in
``manifest.json`` (``expected``: rule id -> source paths relative to the folder):

- ``redated``: 交通运输局 2024 is its 2023 report with the title year, the 统计期限 and
  the signing date changed (tables included);
- ``district``: 君山区 2023 copies 岳阳楼区's 2023 report with the name swapped, keeping
  岳阳楼区's name in the contact line, with its own tables;
- ``carry``: 财政局 2024 上年结转 differs from its 2023 结转下年度;
- ``tables``: 教育局 2024 prints 2023's table 三 unchanged (own prose);
- ``twice``: 生态环境局 2023 filed as .docx and .pdf side by side; the city government's 2023 report as the
  portal's article page (index.html, with navigation and metadata around it) and as its attached .docx;
- ``peer``: 住建局 2024 and 市场监管局 2024 share one text with every name swapped; nothing
  tells which is the copy, and the duplicate checker reports both (each names the other);
- ``abbrev``: 人社局 2023 (short name) and 君山区 2024 (no city) break the 现行有效 roll-forward, the
  zone's 2023 (short name) its 上年结转, so the pairing across name forms shows in a finding;
- the re-dated 交通运输局 report changes format too (2023 .html page, 2024 .pdf);
- ``clean``: every other file, many pairs of which share only the city's model wording.

The tables are consistent within each report and across years unless injected;
cross-year expectations are computed from the values as the checker must.

Usage::

    python corpora/make_city_batch.py            # writes corpora/city_batch/
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpora.make_county_batch import (
    break_rollforward,
    crossyear_expected,
    hash_seed,
    redate,
    replace_tables,
    swap_name,
)
from corpora.render import render
from corpora.synth import (
    Agency,
    adjust_values,
    compose_paragraph,
    make_values,
    request_sentence,
    table2_grid,
    table3_grid,
    table4_grid,
)

OUT = Path(__file__).resolve().parent / "city_batch"
PROVINCE, CITY = "湖南省", "岳阳市"
PORTAL = "岳阳市人民政府门户网站"
YEARS = (2022, 2023, 2024)
Block = tuple[Any, ...]

# --- the city's model text (参考文本), revised in 2023 and 2024 ----------------------------------------------------------

MODEL: dict[int, dict[str, list[str]]] = {
    2022: {
        "overview": [
            "{Y}年，{A}在{L}委、{L}政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实"
            "《中华人民共和国政府信息公开条例》和湖南省、岳阳市政务公开工作要点，紧紧围绕中心工作，以公开促落实、"
            "以公开促规范、以公开促服务，政务公开工作取得新成效。",
        ],
        "proactive": [
            "坚持以公开为常态、不公开为例外，全面落实主动公开基本目录，通过政府网站信息公开专栏、政务新媒体、"
            "政务服务大厅公开栏等渠道，及时准确发布政策文件、规划计划、财政资金、重大项目等信息。",
        ],
        "requests": [
            "严格执行依申请公开登记、审核、办理、答复、归档制度，对每一件申请逐件研判、依法答复，"
            "确保答复内容准确、程序规范、依据充分。",
        ],
        "management": [
            "落实公文公开属性源头认定制度，拟制公文时同步明确公开属性；严格执行信息发布前保密审查，"
            "全年未发生涉密信息公开和泄露个人隐私的情况。",
        ],
        "platform": [
            "按照政府网站集约化建设要求，统一规范信息公开专栏栏目设置，加强网站内容保障和安全防护，"
            "政务新媒体账号实行统一备案、统一管理。",
        ],
        "supervision": [
            "调整充实政务公开工作领导小组，将政务公开纳入年度绩效考核，定期开展自查和网站巡查，"
            "全年未发生因政务公开不到位被责任追究的情况。",
        ],
        "problems": [
            "{Y}年，{A}政务公开工作仍存在一些不足：一是政策解读形式较为单一，图解、视频等解读偏少；"
            "二是部分栏目信息更新不够及时；三是信息公开工作人员业务水平有待提高。",
            "下一步，{A}将对照上级政务公开工作要点，加强业务培训，丰富政策解读形式，"
            "完善信息发布审核机制，推动政务公开工作提质增效。",
        ],
        "other": ["{Y}年，{A}办理人大代表建议和政协委员提案，办理结果按要求予以公开。无其他需要报告的事项。"],
    },
}
MODEL[2023] = {
    **MODEL[2022],
    "overview": [
        "{Y}年，{A}在{L}委、{L}政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大"
        "精神，认真落实《中华人民共和国政府信息公开条例》和2023年湖南省政务公开工作要点，以公开促落实、以公开促规范、"
        "以公开促服务，不断提升政务公开质量和实效。",
    ],
}
MODEL[2024] = {
    **MODEL[2023],
    "problems": [
        "{Y}年，{A}政务公开工作取得了一定成效，但对照新要求仍有差距：一是政策解读的针对性和可读性有待增强；"
        "二是政务新媒体互动回应不够及时；三是基层政务公开标准化规范化建设需要持续深化。",
        "下一步，{A}将对照上级政务公开工作要点，加强业务培训，丰富政策解读形式，"
        "完善信息发布审核机制，推动政务公开工作提质增效。",
    ],
}

INTRO = ("本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求，由{A}编制。"
         "本报告中所列数据的统计期限自{Y}年1月1日起至{Y}年12月31日止。本报告电子版可在{P}“政府信息公开”专栏查阅"
         "或下载。如对本报告有疑问，请与{A}办公室联系（电话：0730-{tel}）。")

# Bodies that do not use the model write their framing in their own words, one of several openings each year.
OWN_OPENINGS = [
    "{Y}年，{A}把政务公开作为转变作风、服务群众的重要抓手，结合{focus}工作实际，逐项明确公开责任和时限。",
    "这一年，{A}围绕{focus}中心任务推进政务公开，公开工作与业务工作同部署、同检查、同考核。",
    "{Y}年，{A}以群众关切为导向，把{focus}领域的办事指南、政策文件和执行结果作为公开重点。",
]
OWN_PROBLEMS = [
    "回顾全年，{A}在{focus}领域的信息公开仍有短板，部分业务数据公开滞后，基层单位公开质量参差不齐。"
    "{Y1}年，将建立业务科室公开清单，按月通报更新情况。",
    "{A}公开工作存在的问题主要是{focus}方面的政策解读深度不够、与群众互动不多。{Y1}年，"
    "将组织业务骨干解读重点政策，并在政务新媒体开设问答栏目。",
]

# --- the bodies -----------------------------------------------------------------------------------------------------


@dataclass
class Body:
    """One reporting body of the city: names by year, level, folder code, model use and its own work."""

    slug: str
    name: str
    level: str  # "government" | "department"
    code: str  # folder code
    focus: str  # its field of work, for its own framing sentences
    work: list[str]  # 9 own-work items: three a year; {n}/{k}/{m} figures
    model: bool = True
    names: dict[int, str] = field(default_factory=dict)
    scale: int = 8
    fmts: tuple[str, str, str] = ("txt", "docx", "pdf")  # format per year
    district: bool = False
    bare_title: bool = False  # the title names no agency (2023年政府信息公开工作年度报告): only the intro and signature do

    def name_in(self, year: int) -> str:
        return self.names.get(year, self.name)

    @property
    def party(self) -> str:
        """The 'X委、X政府' level in the model's first sentence."""
        return "区" if self.district else "市"


def _bureau(slug: str, name: str, code: str, focus: str, work: list[str], **kw: Any) -> Body:
    return Body(slug, f"{CITY}{name}", "department", code, focus, work, **kw)


BODIES: list[Body] = [
    Body("zhengfu", f"{CITY}人民政府", "government", "bm01", "全市政务公开", [
        "市政府常务会议审议通过的《岳阳市城市更新三年行动方案》等{k}项重大决策，全部在会前公开征求意见",
        "围绕洞庭湖生态经济区建设，公开城陵矶港区扩建和临港产业项目进展信息{k}期",
        "全市各级行政机关主动公开政府信息{n}条，市政府门户网站发布{m}条",
        "开展“政府开放日”活动{k}场，邀请市民代表走进市政务服务中心和南湖水厂",
        "公开岳阳长江大桥公铁联运物流园建设推进情况和招商引资项目{k}个",
        "组织全市政务公开业务培训{k}期，培训县市区和市直部门信息员{n}人次",
        "公开全市重点民生实事项目清单和季度进度，涉及项目{k}个",
        "在君山岛、洞庭南路历史街区开展政策进景区宣传活动{k}场",
        "对县市区和市直部门开展政务公开第三方评估，通报问题{m}个并督促整改",
    ], scale=40, fmts=("docx", "html", "docx")),
    _bureau("fagai", "发展和改革委员会", "bm02", "发展改革", [
        "公开市级重点建设项目年度计划，项目{k}个、年度计划投资{n}亿元",
        "发布重要民生商品价格监测信息{n}期，公开平价商店名单",
        "公开岳阳城陵矶综合保税区二期基础设施项目审批信息{k}条",
        "公开地方政府专项债券项目申报和使用情况，涉及项目{k}个",
        "公开长江经济带岳阳段绿色发展项目清单{k}项",
        "发布社会信用“双公示”信息{m}条，公开信用修复结果{k}件",
        "公开汨罗循环经济产业园节能审查结果，涉及企业{k}家",
        "公开粮食应急储备和物资储备轮换信息{k}次",
        "公开以工代赈项目安排和劳务报酬发放情况，带动务工群众{n}人",
    ], model=False, scale=8, fmts=("txt", "txt", "pdf")),
    _bureau("caizheng", "财政局", "bm03", "财政预决算", [
        "集中公开市本级预算、决算和“三公”经费，督促{k}个市直部门按时公开部门预决算",
        "公开市级政府债务限额、余额和新增债券使用情况{k}条",
        "公开惠民惠农财政补贴“一卡通”发放明细，涉及补贴项目{k}项、资金{n}万元",
        "公开政府采购意向{n}条、采购合同{m}份",
        "公开市级预算绩效评价结果，涉及重点项目{k}个",
        "公开岳阳市国有资产管理情况综合报告",
        "公开财政衔接推进乡村振兴补助资金分配结果{k}批",
        "开展会计信息质量检查{k}次，检查结果在门户网站公开",
        "公开市直行政事业单位房屋出租结果{k}宗",
    ], scale=15, fmts=("docx", "docx", "docx")),
    _bureau("jiaoyu", "教育局", "bm04", "教育", [
        "公开城区义务教育招生入学政策和学区划分，覆盖学校{k}所",
        "公开学生资助名单，资助家庭经济困难学生{n}人次",
        "公开岳阳市第一中学新校区建设进度和新增学位{n}个",
        "公开教师招聘和职称评审结果{k}批次",
        "公开中考招生政策和考点安排{k}期",
        "公开普惠性民办幼儿园认定结果，认定幼儿园{k}所",
        "公开校外培训机构白名单和收费标准",
        "公开“湘江讲堂”教师培训项目实施情况，培训教师{n}人次",
        "公开校园食品安全检查结果{k}次",
    ], model=False, scale=40, fmts=("txt", "txt", "txt"), bare_title=True),
    _bureau("renshe", "人力资源和社会保障局", "bm05", "人力资源和社会保障", [
        "公开就业创业扶持政策，发放创业担保贷款{n}万元",
        "公开事业单位公开招聘公告和拟聘用人员名单{k}批次",
        "公开城乡居民养老保险待遇发放信息，惠及{n}人",
        "公开根治欠薪专项行动情况，为农民工追回工资{n}万元",
        "公开“洞庭工匠”职业技能培训补贴发放情况，培训{n}人次",
        "公开职称评审结果{k}批",
        "公开劳动人事争议仲裁受理案件{m}件",
        "公开公益性岗位开发和安置信息{k}个",
        "举办“春风行动”招聘会{k}场，公开岗位信息{n}个",
    ], names={2023: f"{CITY}人社局"}, scale=15, fmts=("html", "docx", "html")),
    _bureau("zhujian", "住房和城乡建设局", "bm06", "住房和城乡建设", [
        "公开保障性租赁住房筹集和分配结果，涉及{n}套",
        "公开老旧小区改造计划，改造小区{k}个、惠及居民{n}户",
        "公开南湖新区道路和雨污分流工程进展{k}项",
        "公开商品房预售许可和资金监管信息{k}批次",
        "公开建筑施工安全检查结果{k}期",
        "公开城镇燃气安全专项整治情况，排查隐患{m}处",
        "公开建筑市场主体信用评价结果{m}家",
        "公开住房公积金缴存使用情况{k}期",
        "公开历史文化街区保护利用项目{k}个",
    ], scale=8, fmts=("txt", "pdf", "txt")),
    _bureau("jiaotong", "交通运输局", "bm07", "交通运输", [
        "公开农村公路提质改造计划，改造农村公路{k}公里",
        "公开道路运输经营许可信息{n}条",
        "公开杭瑞高速岳阳段连接线建设进度{k}期",
        "公开城市公交线路调整信息{k}条",
        "公开城陵矶港集装箱航线开通和港航服务信息{k}条",
        "公开交通运输行政处罚结果{m}件",
        "公开冰冻雨雪天气道路通行信息{k}期",
        "公开出租汽车服务质量考核结果",
        "公开水上交通安全检查结果{k}次",
    ], scale=3, fmts=("docx", "html", "pdf")),
    _bureau("shengtai", "生态环境局", "bm08", "生态环境", [
        "公开洞庭湖水质监测月报{k}期",
        "公开建设项目环境影响评价审批结果{n}件",
        "公开重点排污单位名录和自行监测信息{k}家",
        "公开东洞庭湖国家级自然保护区生态修复项目进展{k}项",
        "公开环境行政处罚结果{m}件",
        "公开中央环保督察交办信访件办理结果{k}件",
        "公开空气质量排名和重污染天气预警信息{k}期",
        "公开长江岸线码头整治和岸线复绿信息{k}处",
        "公开“六五环境日”主题活动情况",
    ], model=False, scale=3, fmts=("txt", "docx", "txt"), bare_title=True),
    _bureau("shichang", "市场监督管理局", "bm09", "市场监管", [
        "公开食品安全监督抽检结果{k}期，涉及样品{n}批次",
        "公开市场主体登记信息，新增市场主体{n}户",
        "公开特种设备安全监察信息{k}条",
        "公开行政处罚案件信息{m}件",
        "公开消费投诉举报处理情况{k}期，挽回经济损失{n}万元",
        "公开“双随机、一公开”抽查结果{k}批次",
        "公开“君山银针”地理标志保护和商标监管信息{k}条",
        "公开计量器具强制检定结果{k}期",
        "公开药品零售企业监督检查结果{k}家",
    ], names={y: f"{CITY}市场监管局" for y in (2023, 2024)}, scale=15, fmts=("txt", "txt", "docx")),
    Body("yueyanglou", f"{CITY}岳阳楼区人民政府", "government", "qx01", "城区治理", [
        "公开洞庭南路历史文化街区改造和商户安置信息{k}条",
        "公开全区棚户区改造征收补偿方案和结果{k}批",
        "公开区政府常务会议议定事项{k}项",
        "公开岳阳楼景区周边交通组织调整信息{k}期",
        "全区各级行政机关主动公开政府信息{n}条",
        "公开社区“一站式”服务事项清单{k}项",
        "公开城区背街小巷提质改造项目{k}个",
        "公开全区重点项目建设进度{k}期",
        "公开区级财政预决算和“三公”经费",
    ], scale=15, fmts=("docx", "docx", "pdf"), district=True),
    Body("junshan", f"{CITY}君山区人民政府", "government", "qx02", "农业农村和湖区治理", [
        "公开君山岛茶园提质改造和茶产业扶持政策{k}项",
        "公开洞庭湖区退垸还湖移民安置信息{k}批",
        "公开全区高标准农田建设项目，建成{n}亩",
        "公开防汛抗旱责任人名单和堤防巡查信息{k}期",
        "公开区政府常务会议议定事项{k}项",
        "全区各级行政机关主动公开政府信息{n}条",
        "公开麋鹿保护和湿地生态补偿资金发放情况{k}批",
        "公开农村人居环境整治项目{k}个",
        "公开区级财政预决算和“三公”经费",
    ], names={2024: "君山区人民政府"}, scale=8, fmts=("txt", "txt", "html"), district=True),
    Body("kaifaqu", "岳阳经济技术开发区管理委员会", "department", "kfq", "园区建设和营商环境", [
        "公开园区入驻企业扶持政策兑现结果{k}批",
        "公开标准厂房建设和租赁信息{k}栋",
        "公开园区环境影响区域评估结果",
        "公开“一件事一次办”企业服务事项{k}项",
        "公开园区土地出让结果{k}宗、面积{n}亩",
        "公开园区安全生产检查结果{m}处隐患",
        "公开招商引资签约项目{k}个、总投资{n}亿元",
        "公开园区道路和管网建设进度{k}期",
        "公开园区企业用工服务信息，发布岗位{n}个",
    ], names={2023: "岳阳经开区管委会"}, model=False, scale=3, fmts=("pdf", "txt", "docx")),
]

FRAMES = [
    "{Y}年，{S}{w}。",
    "全年，{S}{w}。",
    "{w}，相关信息均在{P}同步发布。",
    "结合本单位职能，{w}。",
    "{S}进一步{w}，接受社会监督。",
    "按照年度工作安排，{w}。",
]
FILE_NAMES = {"txt": ("正文.txt", "报告.txt"), "docx": ("附件1.docx", "年报.docx"), "pdf": ("年报.pdf", "附件.pdf"),
              "html": ("index.html", "content.html")}


def _self(body: Body) -> str:
    if body.level == "government":
        return "区政府" if body.district else "市政府"
    name = body.name
    return "我委" if name.endswith("委员会") else "我局"


def portal(body: Body) -> str:
    return f"{body.name.removesuffix('人民政府')}人民政府门户网站" if body.district else PORTAL


def own_work(body: Body, year: int, rng: random.Random) -> list[str]:
    """Three paragraphs of the body's own work: each year reports three other items of its list."""
    order = list(range(len(body.work)))
    random.Random(hash_seed(body.slug)).shuffle(order)
    i = YEARS.index(year)
    out = []
    for k in order[3 * i: 3 * i + 3]:
        w = body.work[k].format(n=rng.randint(120, 9800), k=rng.randint(2, 60), m=rng.randint(3, 300))
        lead = rng.choice(FRAMES).format(Y=year, S=_self(body), w=w, P=portal(body))
        out.append(lead + compose_paragraph(rng, _self(body), year))
    return out


def agency(body: Body, year: int) -> Agency:
    return Agency(body.name_in(year), body.level, PROVINCE, CITY, body.name if body.district else "")


def values_for(body: Body, year: int, prev: dict[str, Any] | None, rng: random.Random) -> dict[str, Any]:
    """Consistent tables; a year follows the year before (X1, X2) and moves by less than 2×."""
    scale = body.scale if prev is None else max(1, round(body.scale * rng.uniform(0.7, 1.4)))
    values = make_values(rng, "2021", scale)
    adjust_values(values, "2021", agency(body, year), prev)
    t2 = values["table2"]
    for key, hi in (("行政许可", 900), ("行政处罚", 300), ("行政强制", 40)):
        base = prev["table2"][key][0] if prev else rng.randint(0, hi)
        t2[key] = [round(base * rng.uniform(0.7, 1.4))]
    return values


def framing(body: Body, part: str, year: int, name: str, rng: random.Random) -> list[str]:
    """The model paragraphs of one part (a body leaves some out), or the body's own words when it has no model."""
    if body.model:
        paras = [p.format(Y=year, A=name, L=body.party) for p in MODEL[year][part]]
        if part in ("overview", "problems", "other"):
            return paras
        return [p for p in paras if rng.random() < 0.85] or paras[:1]
    if part == "overview":
        return [rng.choice(OWN_OPENINGS).format(Y=year, A=name, focus=body.focus)]
    if part == "problems":
        return [rng.choice(OWN_PROBLEMS).format(A=name, focus=body.focus, Y1=year + 1),
                compose_paragraph(rng, _self(body), year)]
    if part == "other":
        return [f"{year}年，{name}无其他需要报告的事项。"]
    return [compose_paragraph(rng, _self(body), year)] if rng.random() < 0.6 else []


def build(body: Body, year: int, values: dict[str, Any], seed: int) -> list[Block]:
    """The blocks of one report: framing (model or own words), own work, tables, signature."""
    rng = random.Random(seed)
    name = body.name_in(year)
    work = own_work(body, year, rng)
    blocks: list[Block] = [("title", f"{'' if body.bare_title else name}{year}年政府信息公开工作年度报告"),
                           ("p", INTRO.format(A=name, Y=year, P=portal(body), tel=rng.randint(8000000, 8999999)))]
    blocks.append(("h", "一、总体情况"))
    blocks += [("p", p) for p in framing(body, "overview", year, name, rng)]
    parts = [("（一）主动公开", "proactive", work[0:1]), ("（二）依申请公开", "requests", []),
             ("（三）政府信息管理", "management", work[1:2]), ("（四）平台建设", "platform", work[2:3]),
             ("（五）监督保障", "supervision", [])]
    for head, part, own in parts:
        blocks.append(("p", head))
        if part == "requests":
            blocks.append(("p", request_sentence(name, year, values["table3"])))
        blocks += [("p", p) for p in framing(body, part, year, name, rng)]
        blocks += [("p", p) for p in own]
    for head, grid in (("二、主动公开政府信息情况", table2_grid(values, "2021")),
                       ("三、收到和处理政府信息公开申请情况", table3_grid(values, "2021")),
                       ("四、政府信息公开行政复议、行政诉讼情况", table4_grid(values))):
        blocks.append(("h", head))
        blocks.append(("table", *grid))
    blocks.append(("h", "五、存在的主要问题及改进情况"))
    blocks += [("p", p) for p in framing(body, "problems", year, name, rng)]
    blocks.append(("h", "六、其他需要报告的事项"))
    fee = values["fee_yuan"]
    blocks.append(("p", f"{year}年度，{name}发出收费通知{1 if fee else 0}件，收取信息处理费{fee}元。" if fee
                   else f"{year}年度，{name}未收取信息处理费。"))
    blocks += [("p", p) for p in framing(body, "other", year, name, rng)]
    blocks += [("p", name), ("p", f"{year + 1}年1月{rng.randint(8, 28)}日")]
    return blocks


def break_carry(values: dict[str, Any], col: int, delta: int) -> None:
    """上年结转 (column ``col``) re-counted: it no longer equals last year's 结转下年度, the table stays consistent."""
    rows = values["table3"]
    for key in ("二", "（一）", "（七）"):
        rows[key][col] += delta
        rows[key][6] = sum(rows[key][:6])


# --- the folder -------------------------------------------------------------------------------------------------------

@dataclass
class Entry:
    """A file of the folder (path relative to it), what it is, and the batch findings expected on it."""

    file: str
    agency: str
    year: int
    kind: str = "clean"
    expected: dict[str, list[str]] = field(default_factory=dict)
    note: str = ""
    foreign_places: list[str] = field(default_factory=list)  # other places a copy finding must name (an error)


def rel_path(body: Body, year: int, fmt: str | None = None, alt: bool = False) -> str:
    """``bmNN/<year>/<name>`` for the city's own bodies, ``<year>/<code>/<name>`` for districts and the zone."""
    fmt = fmt or body.fmts[YEARS.index(year)]
    name = FILE_NAMES[fmt][1 if alt else (hash_seed(body.slug) + year) % 2]
    folder = f"{body.code}/{year}" if body.code.startswith("bm") else f"{year}/{body.code}"
    return f"{folder}/{name}"


def _add(entry: Entry, rule: str, source: str) -> None:
    entry.expected.setdefault(rule, [])
    if source not in entry.expected[rule]:
        entry.expected[rule].append(source)


def generate(out: Path = OUT, seed: int = 20241124) -> list[Entry]:
    """Write the folder and return its manifest entries."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    by_slug = {b.slug: b for b in BODIES}
    values: dict[tuple[str, int], dict[str, Any]] = {}
    blocks: dict[tuple[str, int], list[Block]] = {}
    for bi, body in enumerate(BODIES):
        for year in YEARS:
            rng = random.Random(seed + 101 * bi + year)
            v = values_for(body, year, values.get((body.slug, year - 1)), rng)
            if (body.slug, year) == ("caizheng", 2024):
                break_carry(v, 0, 3)
            if (body.slug, year) in (("renshe", 2023), ("junshan", 2024)):
                break_rollforward(v, 2)
            if (body.slug, year) == ("kaifaqu", 2023):
                break_carry(v, 1, 2)
            if (body.slug, year) == ("jiaoyu", 2024):
                v["table3"] = copy.deepcopy(values[("jiaoyu", 2023)]["table3"])
            values[(body.slug, year)] = v
            blocks[(body.slug, year)] = build(body, year, v, seed + 7 * bi + year)

    # redated: 交通运输局 2024 is its 2023 report with title year, 统计期限 and signing date changed
    blocks[("jiaotong", 2024)] = redate(blocks[("jiaotong", 2023)], 2023, 2024)
    values[("jiaotong", 2024)] = values[("jiaotong", 2023)]
    # district: 君山区 2023 copies 岳阳楼区 2023, keeping 岳阳楼区's name in the contact line, with its own tables
    ylq, js = by_slug["yueyanglou"], by_slug["junshan"]
    copied = swap_name(blocks[("yueyanglou", 2023)], ylq.name, js.name, keep_one_in="办公室联系")
    copied = [(b[0], b[1].replace(portal(ylq), portal(js))) if b[0] == "p" else b for b in copied]
    blocks[("junshan", 2023)] = replace_tables(copied, values[("junshan", 2023)], 2023, js.name)
    # peer: 住建局 2024 and 市场监管局 2024 share one text (every name swapped), each with its own tables
    zj, sc = by_slug["zhujian"], by_slug["shichang"]
    shared = swap_name(blocks[("zhujian", 2024)], zj.name_in(2024), sc.name_in(2024))
    blocks[("shichang", 2024)] = replace_tables(shared, values[("shichang", 2024)], 2024, sc.name_in(2024))

    entries: dict[str, Entry] = {}
    for body in BODIES:
        for year in YEARS:
            path = rel_path(body, year)
            entry = entries[path] = Entry(path, body.name_in(year), year)
            b = blocks[(body.slug, year)]
            render(b, body.fmts[YEARS.index(year)], out / path, title=b[0][1],
                   metadata={"publisher": body.name_in(year), "published_date": f"{year + 1}-01-20"})
            if year > YEARS[0]:
                for rule in sorted(crossyear_expected(values[(body.slug, year - 1)], values[(body.slug, year)])):
                    _add(entry, rule, rel_path(body, year - 1))
                    entry.kind = "injected"

    jt = by_slug["jiaotong"]
    e = entries[rel_path(jt, 2024)]
    e.kind, e.note = "redated", "2023 report re-issued: title year, 统计期限 and signing date changed"
    _add(e, "gk.duplicates.redated-copy", rel_path(jt, 2023))
    _add(e, "gk.duplicates.identical-tables", rel_path(jt, 2023))
    e = entries[rel_path(js, 2023)]
    e.kind, e.note = "district", "岳阳楼区 2023 with the name swapped; 岳阳楼区's name left in the contact line"
    _add(e, "gk.duplicates.cross-agency-copy", rel_path(ylq, 2023))
    e.foreign_places = ["岳阳楼区"]
    entries[rel_path(by_slug["caizheng"], 2024)].note = "上年结转 (自然人) 3 more than 2023 结转下年度"
    e = entries[rel_path(by_slug["jiaoyu"], 2024)]
    e.kind, e.note = "tables", "table 三 of 2023 printed again; own prose"
    _add(e, "gk.duplicates.identical-tables", rel_path(by_slug["jiaoyu"], 2023))
    a, b = rel_path(zj, 2024), rel_path(sc, 2024)
    for this, other in ((a, b), (b, a)):
        e = entries[this]
        e.kind, e.note = "peer", "one text shared by two bureaus of one level, names swapped: direction unknown"
        _add(e, "gk.duplicates.cross-agency-copy", other)
    entries[rel_path(by_slug["renshe"], 2023)].note = ("short name 市人社局 (2022/2024: 市人力资源和社会保障局); "
                                                      "现行有效 行政规范性文件 2 more than the roll-forward")
    entries[rel_path(js, 2024)].note = ("named 君山区人民政府 without its city (2022/2023: 岳阳市君山区人民政府); "
                                        "现行有效 行政规范性文件 2 more than the roll-forward")
    entries[rel_path(by_slug["kaifaqu"], 2023)].note = ("short name 岳阳经开区管委会 (2022/2024: 岳阳经济技术开发区"
                                                       "管理委员会); 上年结转 (法人或其他组织) 2 more than 2022 结转下年度")

    # twice: 生态环境局 2023 filed as .docx and as .pdf in the same folder. The duplicate checker reports the
    # later of the two in the batch's (path) order as the re-submission of the earlier.
    st = by_slug["shengtai"]
    first = rel_path(st, 2023)
    second = rel_path(st, 2023, "pdf", alt=True)
    b = blocks[("shengtai", 2023)]
    render(b, "pdf", out / second, title=b[0][1])
    twice = Entry(second, st.name_in(2023), 2023, "twice", note=f"the report of {first} filed again as PDF")
    entries[second] = twice
    later, earlier = (entries[max(first, second)], min(first, second))
    later.kind = "twice"
    _add(later, "gk.duplicates.batch-near-duplicate", earlier)
    # twice again: the city government's 2023 report as the portal's article page and as its attached .docx
    zf = by_slug["zhengfu"]
    page, attached = rel_path(zf, 2023), rel_path(zf, 2023, "docx")
    b = blocks[("zhengfu", 2023)]
    render(b, "docx", out / attached, title=b[0][1])
    entries[attached] = Entry(attached, zf.name_in(2023), 2023, "twice", note=f"the attachment of the page {page}")
    later = entries[max(page, attached)]
    later.kind = "twice"
    _add(later, "gk.duplicates.batch-near-duplicate", min(page, attached))

    result = sorted(entries.values(), key=lambda x: x.file)
    manifest = {
        "description": "One prefecture-level city's folder (岳阳市: city government, 8 bureaus, 2 districts, a "
                       "development zone; 2022-2024; .txt/.docx/.pdf/.html in nested folders with uninformative "
                       "file names). Paths are relative to this folder. 'expected': batch rule id -> source files. "
                       "Every file whose 'expected' is empty must get no gk.duplicates.* or gk.crossyear.* finding.",
        "files": [{"file": x.file, "agency": x.agency, "year": x.year, "kind": x.kind, "expected": x.expected,
                   "note": x.note, **({"foreign_places": x.foreign_places} if x.foreign_places else {})}
                  for x in result],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    entries = generate(args.out)
    print(f"{len(entries)} files in {args.out} ({sum(1 for e in entries if e.expected)} with expected batch findings)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
