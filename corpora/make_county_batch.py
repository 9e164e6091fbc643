"""One county's folder of annual reports, as a reviewer receives it, for the batch checks (duplicates, cross-year).

Real folders are not like the generated pairs of ``gen_duplicates.py``: the ~15
departments of one county all write from the SAME county model text (the county
政务公开办 circulates a 参考文本 each year: intro, 总体情况 paragraphs, 存在问题),
put their own name into it and add a few paragraphs of their own work. So honest
reports share long stock passages, across departments and across years, and a
duplicate detector must not call that copying. Among them sit the real defects
a reviewer must catch, each in a known file:

- ``redated``: a 2023 report that is the department's 2022 report with only the
  title year, the 统计期限 and the signing date changed;
- ``sibling``: a 2023 report copied from a sibling department's 2023 report with the
  name swapped, and one old name left in;
- ``carry``: a 2023 上年结转 that differs from the same department's 2022 结转下年度;
- ``abbrev``: departments named in full one year and abbreviated the next
  (县人民政府办公室 / 县政府办, 市场监督管理局 / 市场监管局, 发展和改革委员会 / 发改委),
  which must still pair across years (one of them also breaks the 现行有效 roll-forward,
  so the pairing shows in a finding);
- ``recopied``: a 2023 report that is the 2022 one with every year moved on and new
  tables (a lazy copy that looks current);
- ``reupload``: a byte-identical re-upload of one report under another name;
- ``attachment``: a report's 附件 (its statistical tables) as a file of its own;
- ``township``: a township report that reuses the county government's report.

The tables are consistent within each report and across years (2023 上年结转 =
2022 结转下年度, 现行有效 rolls forward, no five-fold jumps) unless injected.
``manifest.json`` lists, per file, the batch rule ids expected (with the source file
of each copy finding); every other file must get no duplicates or cross-year finding.

Usage::

    python corpora/make_county_batch.py            # writes corpora/county_batch/
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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

OUT = Path(__file__).resolve().parent / "county_batch"
PROVINCE, CITY, COUNTY = "安徽省", "六安市", "霍山县"
PORTAL = "霍山县人民政府门户网站"
YEARS = (2022, 2023)
Block = tuple[Any, ...]

# --- the county model text (one per year; 2023 revises a few sentences of 2022) --------------------------------------

MODEL: dict[int, dict[str, list[str]]] = {
    2022: {
        "overview": [
            "{Y}年，{A}在县委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实"
            "《中华人民共和国政府信息公开条例》和省、市、县政务公开工作要点，以公开促落实、以公开促规范、以公开促服务，"
            "持续深化政务公开，不断提升政府透明度和公信力。",
        ],
        "proactive": [
            "严格按照“谁制作、谁公开，谁保存、谁公开”的原则，全面梳理主动公开事项，通过" + PORTAL + "信息公开专栏、"
            "政务新媒体等渠道及时发布机构职能、政策文件、规划计划、财政预决算、人事信息等内容，做到应公开尽公开。",
        ],
        "requests": [
            "进一步规范依申请公开受理、登记、审核、答复、归档等工作流程，严格按照法定时限和程序答复申请人，"
            "做到答复内容准确、依据充分、程序合法。",
        ],
        "management": [
            "严格落实公文公开属性源头认定机制，在公文拟制环节同步确定公开属性，对拟公开的政府信息依法依规进行保密审查，"
            "全年未发生泄密和侵犯个人隐私的情况。",
            "按照省、市关于基层政务公开标准化规范化建设的要求，动态调整完善主动公开基本目录，"
            "推动公开内容的标准化、规范化。",
        ],
        "platform": [
            "充分发挥政府网站作为政务公开第一平台的作用，按照统一规范要求管理和维护信息公开专栏，"
            "加强网站内容保障和信息安全管理，确保栏目信息准确、更新及时。",
        ],
        "supervision": [
            "成立由主要负责同志任组长的政务公开工作领导小组，明确分管领导和具体经办人员，将政务公开工作纳入年度重点工作"
            "统筹推进，主动接受社会监督，全年未发生因政务公开工作被责任追究的情况。",
        ],
        "problems": [
            "{Y}年，{A}政务公开工作虽然取得了一定成效，但仍存在一些不足：一是政策解读形式还不够丰富，图文、视频等解读较少；"
            "二是个别栏目信息更新不够及时；三是工作人员业务能力有待进一步提升。",
            "下一步，{A}将认真贯彻落实上级政务公开工作部署，加强业务培训，丰富政策解读形式，强化信息发布审核，"
            "推动政务公开工作提质增效。",
        ],
        "other": [
            "{Y}年，{A}认真办理人大代表建议和政协提案，办理结果均按要求公开。无其他需要报告的事项。",
        ],
    },
}
MODEL[2023] = {
    **MODEL[2022],
    "overview": [
        "{Y}年，{A}在县委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，"
        "认真落实《中华人民共和国政府信息公开条例》和2023年安徽省政务公开工作要点，以公开促落实、以公开促规范、以公开促服务，"
        "持续深化政务公开，不断提升政府透明度和公信力。",
    ],
    "problems": [
        "{Y}年，{A}政务公开工作取得了一定成效，但对照新时代政务公开要求仍有差距：一是政策解读的针对性不强，"
        "解读材料与文件同步发布还不够到位；二是政务新媒体互动回应不够及时；三是基层政务公开标准化建设有待深化。",
        "下一步，{A}将认真贯彻落实上级政务公开工作部署，加强业务培训，丰富政策解读形式，强化信息发布审核，"
        "推动政务公开工作提质增效。",
    ],
}

INTRO = ("本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求，由{A}编制。"
         "本报告中所列数据的统计期限自{Y}年1月1日起至{Y}年12月31日止。本报告电子版可在" + PORTAL +
         "“政府信息公开”专栏查阅或下载。如对本报告有疑问，请与{A}办公室联系（电话：0564-{tel}）。")

# --- each body's own work: events, figures and names that differ by department and year ------------------------------


@dataclass
class Body:
    """One reporting body of the county: its names by year, level, file slug and its own work items."""

    slug: str
    name: str  # as printed in 2022 (and 2023 unless ``names`` says otherwise)
    level: str  # "government" | "department" | "township"
    work: list[str]  # own-work clauses; {n}/{k}/{m} are figures, {Y} the year
    names: dict[int, str] = field(default_factory=dict)
    scale: int = 8  # size of its request figures
    fmt: str = "txt"

    def name_in(self, year: int) -> str:
        """The name this body prints in ``year``'s report."""
        return self.names.get(year, self.name)


def _dept(slug: str, name: str, work: list[str], **kw: Any) -> Body:
    return Body(slug, f"{COUNTY}{name}", "department", work, **kw)


BODIES: list[Body] = [
    Body("zhengfu", f"{COUNTY}人民政府", "government", [
        "全县各级行政机关共主动公开政府信息{n}条，其中县政府门户网站发布{k}条，“霍山发布”政务新媒体发布{m}条",
        "全县共制发行政规范性文件{k}件，全部按程序进行合法性审核并在印发后及时全文公开",
        "围绕县第十七届人大常委会审议的国民经济和社会发展计划，公开重点项目建设进度信息{k}期",
        "聚焦大别山石斛产业和竹木加工产业发展，集中公开产业扶持政策{k}项、奖补资金兑现结果{m}批次",
        "推进佛子岭水库、磨子潭水库周边生态修复项目信息公开，发布环评、施工和验收信息{k}条",
        "开展政府开放日活动{k}场，邀请人大代表、政协委员和群众代表{n}人次走进县政务服务中心",
        "县政府常务会议审议的涉及群众切身利益的{k}项决策事项，全部在会前公开征求意见",
        "全县{k}个乡镇全部建成政务公开专区，配备自助查询终端{m}台",
        "组织全县政务公开业务培训{k}期，培训乡镇和部门信息员{n}人次",
        "对县直部门和乡镇开展政务公开季度检查{k}次，通报问题{m}个并督促整改到位",
    ], names={}, scale=40, fmt="docx"),
    _dept("zhengfuban", "人民政府办公室", [
        "承担县政府信息公开工作的日常组织和协调，全年编发政务公开工作提示{k}期",
        "牵头完成县政府网站集约化平台迁移，整合栏目{k}个、历史信息{n}条",
        "规范县政府文件公开流程，以县政府及县政府办公室名义印发的文件公开{n}件",
        "办理县长热线转办的政府信息咨询{n}件，按时办结率百分之百",
        "编印《霍山县政务公开工作手册》{k}册，发放到各乡镇和县直部门",
        "组织开展县政府领导解读重要政策{k}次，在门户网站开设“县长解读”栏目",
        "承办全市政务公开现场推进会，介绍基层政务公开标准化做法",
        "完成县政府重大行政决策事项目录编制，公开决策事项{k}项",
    ], names={2023: f"{COUNTY}政府办"}, scale=15),
    _dept("fagai", "发展和改革委员会", [
        "公开县级重点项目年度投资计划和实施进度，涉及项目{k}个、总投资{n}亿元",
        "发布价格监测信息{n}期，重点监测粮油、猪肉、蔬菜等民生商品价格",
        "公开政府定价目录和收费清单，对{k}项经营服务性收费进行公示",
        "做好地方政府专项债券项目信息公开，公开项目前期工作情况{k}个",
        "发布社会信用体系建设信息{n}条，公示行政许可和行政处罚双公示信息{m}条",
        "公开重点用能单位节能目标责任评价考核结果，涉及企业{k}家",
        "围绕长三角一体化发展，公开与浙江省结对合作项目{k}个",
        "公开粮食储备和物资储备管理情况，发布储备粮轮换信息{k}次",
    ], names={2023: f"{COUNTY}发改委"}, scale=3, fmt="docx"),
    _dept("caizheng", "财政局", [
        "在门户网站预决算公开专栏集中公开县本级预算、决算和“三公”经费，督促{k}个部门按时公开部门预决算",
        "公开县级政府债务限额、余额和债券发行使用情况，发布政府债务信息{k}条",
        "公开惠民惠农财政补贴资金“一卡通”发放情况，涉及补贴项目{k}项、资金{n}万元",
        "做好政府采购意向公开，全年公开采购意向{n}条、采购合同{m}份",
        "公开县级财政衔接推进乡村振兴补助资金分配结果{k}批次",
        "推进预算绩效信息公开，公开重点项目绩效目标和评价结果{k}个",
        "公开国有资产管理情况综合报告，涉及行政事业单位{k}家",
        "开展会计信息质量检查{k}次，检查结果在门户网站公开",
    ], scale=15),
    _dept("jiaoyu", "教育局", [
        "公开义务教育阶段招生入学政策、学区划分和招生计划，覆盖学校{k}所",
        "发布学生资助政策和资助名单，全年资助家庭经济困难学生{n}人次",
        "公开教师招聘、职称评审和交流轮岗信息{k}批次",
        "公开校园食品安全和营养改善计划实施情况，惠及学生{n}人",
        "公开中考、高考等招生考试信息和考点安排{k}期",
        "发布学前教育普惠性幼儿园认定结果，认定幼儿园{k}所",
        "公开县城学校扩容改造项目建设进度，新增学位{n}个",
        "开展“双减”工作督查{k}次，公布校外培训机构白名单",
    ], scale=40, fmt="docx"),
    _dept("weijian", "卫生健康委员会", [
        "公开医疗机构名录、执业许可和校验信息{n}条",
        "发布传染病疫情和突发公共卫生事件信息{k}期",
        "公开基本公共卫生服务项目实施情况，为{n}名老年人提供免费健康体检",
        "公开家庭医生签约服务内容和收费标准，签约居民{n}人",
        "发布县医院、县中医院医疗服务价格和药品价格信息{k}批次",
        "公开计划生育奖励扶助和特别扶助对象名单{k}批",
        "公开卫生监督抽检和行政处罚结果{m}条",
        "推进紧密型县域医共体建设信息公开，公开医共体成员单位{k}家",
    ], names={2023: f"{COUNTY}卫健委"}, scale=8),
    _dept("zhujian", "住房和城乡建设局", [
        "公开保障性住房分配和租赁补贴发放信息，涉及家庭{n}户",
        "公开老旧小区改造计划和进度，改造小区{k}个、惠及居民{n}户",
        "发布建设工程招标投标、施工许可和竣工验收信息{n}条",
        "公开商品房预售许可和资金监管信息{k}批次",
        "发布城市燃气、供水安全检查结果{k}期",
        "公开农村危房改造对象和补助资金发放情况，涉及农户{k}户",
        "公开建筑市场主体信用评价结果，涉及企业{m}家",
        "公开城区道路改造和雨污分流工程进展{k}项",
    ], scale=15),
    _dept("ziran", "自然资源和规划局", [
        "公开国土空间总体规划编制进展和公众意见征集情况{k}次",
        "发布土地征收启动公告、补偿安置方案和征地结果{k}批次",
        "公开国有建设用地使用权出让结果，成交地块{k}宗、面积{n}亩",
        "公开不动产登记办理流程和收费标准，全年办理登记{n}件",
        "公开地质灾害隐患点和防治责任人，涉及隐患点{k}处",
        "发布耕地保护和永久基本农田核查整改信息{k}条",
        "公开林木采伐许可审批结果{m}件",
        "公开矿产资源开发利用和矿山生态修复信息{k}条",
    ], scale=8, fmt="docx"),
    _dept("shichang", "市场监督管理局", [
        "公开食品安全监督抽检结果{k}期，涉及样品{n}批次",
        "发布市场主体登记注册信息，全年新增市场主体{n}户",
        "公开特种设备安全监察和检验信息{k}条",
        "公开行政处罚案件信息{m}件，全部在作出决定之日起二十个工作日内公开",
        "发布消费投诉举报处理情况{k}期，为消费者挽回经济损失{n}万元",
        "公开“双随机、一公开”抽查计划和结果{k}批次",
        "公开地理标志产品“霍山石斛”保护和商标监管信息{k}条",
        "公开计量器具强制检定和产品质量监督抽查结果{k}期",
    ], names={2023: f"{COUNTY}市场监管局"}, scale=15),
    _dept("jiaotong", "交通运输局", [
        "公开农村公路建设养护计划，建设改造农村公路{k}公里",
        "发布道路运输经营许可和从业资格信息{n}条",
        "公开交通建设项目招投标和质量监督信息{k}项",
        "公开客运班线和城乡公交运营线路调整信息{k}条",
        "发布汛期和冰冻雨雪天气道路通行信息{k}期",
        "公开交通运输行政处罚结果{m}件",
        "公开霍山至舒城快速通道建设进度{k}期",
        "公开出租汽车经营权管理和服务质量考核结果",
    ], scale=3, fmt="docx"),
    _dept("shuili", "水利局", [
        "公开县级河长名单和河湖管理保护信息，巡河{n}次",
        "发布水旱灾害防御预警和水库调度信息{k}期",
        "公开农村饮水安全巩固提升工程建设情况，受益人口{n}人",
        "公开取水许可审批和水资源费征收信息{k}件",
        "公开小型水库除险加固项目进度，实施项目{k}座",
        "公开水土保持方案审批和监督检查结果{k}件",
        "公开淠河总干渠沿线水环境治理信息{k}条",
        "公开水利工程建设项目招投标和质量安全信息{m}条",
    ], scale=8),
    _dept("nongye", "农业农村局", [
        "公开耕地地力保护补贴、农机购置补贴发放信息，涉及农户{n}户",
        "发布农产品质量安全例行监测结果{k}期",
        "公开高标准农田建设项目，建成高标准农田{n}亩",
        "公开动物疫病防控和强制免疫信息{k}条",
        "发布茶叶、石斛等特色产业扶持政策{k}项",
        "公开农村集体经济组织收益分配和“三资”管理信息{k}批次",
        "公开农民合作社和家庭农场名录，新增示范社{k}家",
        "公开农村人居环境整治项目和验收结果{k}个",
    ], scale=8, fmt="docx"),
    _dept("minzheng", "民政局", [
        "公开城乡低保、特困供养对象名单和保障标准，保障对象{n}人",
        "发布临时救助审批和资金发放信息{k}批次",
        "公开养老机构名录和服务质量等级评定结果，涉及机构{k}家",
        "公开残疾人两项补贴发放情况，惠及残疾人{n}人次",
        "公开社会组织登记和年检结果{k}家",
        "公开婚姻登记办理流程和预约方式",
        "公开殡葬服务收费标准和惠民殡葬政策",
        "公开农村留守儿童和困境儿童关爱服务信息{k}条",
    ], scale=3),
    _dept("renshe", "人力资源和社会保障局", [
        "公开就业创业扶持政策，发放创业担保贷款{n}万元",
        "发布事业单位公开招聘公告、资格审查和拟聘用人员名单{k}批次",
        "公开城乡居民基本养老保险参保和待遇发放信息，参保{n}人",
        "公开根治欠薪工作情况，为农民工追回工资{n}万元",
        "发布职业技能培训补贴信息，培训{n}人次",
        "公开职称评审结果和专业技术人员继续教育信息{k}批",
        "公开劳动人事争议仲裁流程，受理案件{m}件",
        "公开公益性岗位开发和人员安置信息{k}个",
    ], names={2023: f"{COUNTY}人社局"}, scale=15, fmt="docx"),
    _dept("yingji", "应急管理局", [
        "公开安全生产行政许可和行政处罚信息{m}条",
        "发布自然灾害风险提示和预警信息{k}期",
        "公开安全生产专项整治三年行动进展，排查隐患{n}处",
        "公开应急避难场所名录，设置避难场所{k}处",
        "公开危险化学品经营许可办理情况{k}件",
        "公开防汛抗旱物资储备和调拨信息{k}批次",
        "开展“安全生产月”宣传活动{k}场，公开活动情况",
        "公开生产安全事故调查报告{k}份",
    ], scale=3),
    _dept("wenlv", "文化旅游体育局", [
        "公开文化惠民工程实施情况，送戏下乡{k}场",
        "发布旅游市场监管和旅游投诉处理信息{k}期",
        "公开大别山主峰、佛子岭等景区门票价格和优惠政策",
        "公开全民健身设施建设进度，新建健身场地{k}处",
        "公开非物质文化遗产保护项目和传承人名单{k}项",
        "公开文化市场综合执法检查结果{m}条",
        "公开公共图书馆、文化馆免费开放服务信息",
        "公开A级景区和星级旅游饭店评定结果{k}家",
    ], scale=3, fmt="docx"),
    _dept("sifa", "司法局", [
        "公开公共法律服务事项清单，办理法律援助案件{n}件",
        "发布人民调解工作情况，调解矛盾纠纷{n}起",
        "公开行政规范性文件合法性审核情况，审核文件{k}件",
        "公开“八五”普法宣传活动情况，开展法治宣传{k}场",
        "公开社区矫正工作流程和监督渠道",
        "公开律师、公证、司法鉴定机构名录和执业信息{k}家",
        "公开行政执法“三项制度”落实情况",
        "公开行政复议受理和办理结果{k}件",
    ], scale=8),
    Body("danjiamiao", f"{COUNTY}但家庙镇人民政府", "township", [
        "公开镇村两级惠民资金发放清单，涉及资金{n}万元",
        "公开村级“三务”信息，全镇{k}个村按季度公开党务、村务、财务",
        "公开茶园提质增效项目和补助资金发放情况{k}项",
        "公开镇区道路硬化和安全饮水项目进度{k}个",
        "公开防汛责任人和转移避险路线{k}条",
        "公开农村低保、五保评议结果{k}批次",
        "公开美丽乡村中心村建设情况{k}个",
        "公开镇政府重大事项决策和会议纪要{k}期",
    ], scale=3),
]
# The township that reuses the county government's report (only its copy, 2023, is in the folder).
COPIER_TOWN = Body("hengshan", f"{COUNTY}衡山镇人民政府", "township", [], scale=3)

FRAMES = [
    "{Y}年，{S}{w}。",
    "全年，{S}{w}。",
    "{w}，相关信息均在{P}同步发布。",
    "结合本单位职能，{w}。",
    "{S}进一步{w}，接受社会监督。",
    "按照年度工作安排，{w}。",
]
SELF = {"government": "县政府", "department": "我局", "township": "我镇"}


def _self(body: Body) -> str:
    name = body.name_in(2022)
    if body.level != "department":
        return SELF[body.level]
    if name.endswith("委员会"):
        return "我委"
    return "我办" if name.endswith("办公室") else "我局"


def own_work(body: Body, year: int, rng: random.Random) -> list[str]:
    """Four paragraphs of the body's own work: each year reports other work items, figures and measures.

    Each paragraph is one of the body's work items in a frame, followed by how it was
    done, composed of fragments at random (:func:`corpora.synth.compose_paragraph`), as
    every department describes its year in its own words.
    """
    order = list(range(len(body.work)))
    random.Random(hash_seed(body.slug)).shuffle(order)
    half = len(order) // 2
    items = order[:half] if year == YEARS[0] else order[half:]
    out = []
    for i in items:
        w = body.work[i].format(Y=year, n=rng.randint(120, 9800), k=rng.randint(2, 60), m=rng.randint(3, 300))
        lead = rng.choice(FRAMES).format(Y=year, S=_self(body), w=w, P=PORTAL)
        out.append(lead + compose_paragraph(rng, _self(body), year))
    return out


def hash_seed(text: str) -> int:
    """A stable seed from a string (``hash`` of a str changes between runs)."""
    return sum((i + 1) * ord(c) for i, c in enumerate(text))


# --- values --------------------------------------------------------------------------------------------------------

def body_agency(body: Body, year: int) -> Agency:
    return Agency(body.name_in(year), body.level, PROVINCE, CITY, COUNTY)


def values_for(body: Body, year: int, prev: dict[str, Any] | None, rng: random.Random) -> dict[str, Any]:
    """Consistent tables; the year after follows the year before (X1, X2) and moves by less than 2×."""
    scale = body.scale if prev is None else max(1, round(body.scale * rng.uniform(0.7, 1.4)))
    values = make_values(rng, "2021", scale)
    adjust_values(values, "2021", body_agency(body, year), prev)
    t2 = values["table2"]
    for key, hi in (("行政许可", 900), ("行政处罚", 300), ("行政强制", 40)):
        base = prev["table2"][key][0] if prev else rng.randint(0, hi)
        t2[key] = [round(base * rng.uniform(0.7, 1.4))]
    return values


# --- report --------------------------------------------------------------------------------------------------------

def model_paragraphs(part: str, year: int, name: str, rng: random.Random, keep: float = 0.85) -> list[str]:
    """The county model paragraphs of one part, with the body's name put in; a body leaves some out."""
    paras = [p.format(Y=year, A=name) for p in MODEL[year][part]]
    kept = [p for p in paras if rng.random() < keep]
    return kept or paras[:1]


def build(body: Body, year: int, values: dict[str, Any], seed: int, work: list[str] | None = None) -> list[Block]:
    """The blocks of one report: county model text, the body's own work, tables, signature."""
    rng = random.Random(seed)
    name = body.name_in(year)
    work = work if work is not None else own_work(body, year, rng)
    t3 = values["table3"]
    blocks: list[Block] = [("title", f"{name}{year}年政府信息公开工作年度报告"),
                           ("p", INTRO.format(A=name, Y=year, tel=rng.randint(5000000, 5999999)))]
    blocks.append(("h", "一、总体情况"))
    blocks += [("p", p) for p in model_paragraphs("overview", year, name, rng, 1.0)]
    parts = [("（一）主动公开", "proactive", work[0:1]), ("（二）依申请公开", "requests", []),
             ("（三）政府信息管理", "management", work[1:2]), ("（四）平台建设", "platform", work[2:3]),
             ("（五）监督保障", "supervision", work[3:])]
    for head, part, own in parts:
        blocks.append(("p", head))
        if part == "requests":
            blocks.append(("p", request_sentence(name, year, t3)))
        blocks += [("p", p) for p in model_paragraphs(part, year, name, rng)]
        blocks += [("p", p) for p in own]
    for head, grid in (("二、主动公开政府信息情况", table2_grid(values, "2021")),
                       ("三、收到和处理政府信息公开申请情况", table3_grid(values, "2021")),
                       ("四、政府信息公开行政复议、行政诉讼情况", table4_grid(values))):
        blocks.append(("h", head))
        blocks.append(("table", *grid))
    blocks.append(("h", "五、存在的主要问题及改进情况"))
    blocks += [("p", p) for p in model_paragraphs("problems", year, name, rng, 1.0)]
    blocks.append(("h", "六、其他需要报告的事项"))
    fee = values["fee_yuan"]
    blocks.append(("p", f"{year}年度，{name}发出收费通知{1 if fee else 0}件，收取信息处理费{fee}元。" if fee
                   else f"{year}年度，{name}未收取信息处理费。"))
    blocks += [("p", p) for p in model_paragraphs("other", year, name, rng, 1.0)]
    blocks += [("p", name), ("p", f"{year + 1}年1月{rng.randint(8, 28)}日")]
    return blocks


def redate(blocks: list[Block], old: int, new: int) -> list[Block]:
    """Last year's report re-issued: only the title year, the 统计期限 sentence and the signing date change."""
    out: list[Block] = []
    for b in blocks:
        if b[0] == "title":
            b = ("title", b[1].replace(f"{old}年", f"{new}年"))
        elif b[0] == "p" and "统计期限" in b[1]:
            b = ("p", b[1].replace(f"自{old}年1月1日起至{old}年12月31日止", f"自{new}年1月1日起至{new}年12月31日止"))
        elif b[0] == "p" and b[1].startswith(f"{old + 1}年") and b[1].endswith("日") and len(b[1]) < 14:
            b = ("p", b[1].replace(f"{old + 1}年", f"{new + 1}年"))
        out.append(b)
    return out


def move_years(blocks: list[Block], old: int) -> list[Block]:
    """Every year in the text moved on by one (the signing year first, so it is not moved twice)."""
    out: list[Block] = []
    for b in blocks:
        if b[0] in ("title", "p", "h"):
            b = (b[0], b[1].replace(f"{old + 1}年", f"{old + 2}年").replace(f"{old}年", f"{old + 1}年"))
        out.append(b)
    return out


def attachment(blocks: list[Block]) -> list[Block]:
    """The 附件 of a report: its title as the attachment's heading and the statistical tables."""
    title = blocks[0][1]
    out: list[Block] = [("p", "附件"), ("title", f"{title}统计表")]
    for b in blocks:
        if b[0] == "h" and b[1][0] in "二三四":
            out.append(("p", b[1]))
        elif b[0] == "table":
            out.append(b)
    return out


def swap_name(blocks: list[Block], old: str, new: str, keep_one_in: str | None = None) -> list[Block]:
    """A copy with the source's name replaced, except in the first paragraph containing ``keep_one_in``."""
    out: list[Block] = []
    kept = keep_one_in is None
    for b in blocks:
        if b[0] in ("title", "p", "h"):
            text = b[1]
            if not kept and keep_one_in in text and old in text:
                head, _, tail = text.partition(old)
                text = head + old + tail.replace(old, new)
                kept = True
            else:
                text = text.replace(old, new)
            b = (b[0], text)
        out.append(b)
    return out


def replace_tables(blocks: list[Block], values: dict[str, Any], year: int, name: str) -> list[Block]:
    """The copy keeps the copier's own tables and request sentence (copiers fill in their own figures)."""
    grids = [table2_grid(values, "2021"), table3_grid(values, "2021"), table4_grid(values)]
    out: list[Block] = []
    for b in blocks:
        if b[0] == "table":
            b = ("table", *grids.pop(0))
        elif b[0] == "p" and "共收到政府信息公开申请" in b[1]:
            b = ("p", request_sentence(name, year, values["table3"]))
        out.append(b)
    return out


def break_carry_over(values: dict[str, Any], col: int, delta: int) -> None:
    """This year's 上年结转 (column ``col``) differs from last year's 结转下年度; the report stays consistent
    in itself (一 + 二 = 办结 + 四), as when a department re-counts the carried-in requests."""
    rows = values["table3"]
    rows["二"][col] += delta
    rows["（一）"][col] += delta
    rows["（七）"][col] += delta
    for key in ("二", "（一）", "（七）"):
        rows[key][6] = sum(rows[key][:6])


def break_rollforward(values: dict[str, Any], delta: int) -> None:
    """现行有效 行政规范性文件 no longer equals last year's + 制发 − 废止."""
    values["table2"]["行政规范性文件"][2] += delta


# --- the folder ----------------------------------------------------------------------------------------------------

@dataclass
class Entry:
    """A file of the folder, what it is, and the batch findings expected on it."""

    file: str
    agency: str
    year: int
    kind: str = "clean"
    expected: dict[str, list[str]] = field(default_factory=dict)  # rule id -> source files ([] when none is named)
    note: str = ""


def _fname(body: Body, year: int, suffix: str = "") -> str:
    return f"{year}_{body.slug}{suffix}.{body.fmt}"


def crossyear_expected(prev: dict[str, Any], cur: dict[str, Any]) -> set[str]:
    """The cross-year rules the values break (X1 carry-over, X2 roll-forward), computed as the checker must."""
    out = set()
    if prev["table3"]["四"] != cur["table3"]["二"]:
        out.add("gk.crossyear.carry-over")
    for key in ("规章", "行政规范性文件"):
        made, gone, now = cur["table2"][key]
        if prev["table2"][key][2] + made - gone != now:
            out.add("gk.crossyear.rollforward")
    return out


def generate(out: Path = OUT, seed: int = 20240301) -> list[Entry]:
    """Write the folder and return its manifest entries."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    entries: list[Entry] = []
    values: dict[tuple[str, int], dict[str, Any]] = {}
    blocks: dict[tuple[str, int], list[Block]] = {}
    for bi, body in enumerate(BODIES):
        for year in YEARS:
            rng = random.Random(seed + 101 * bi + year)
            v = values_for(body, year, values.get((body.slug, year - 1)), rng)
            if body.slug == "caizheng" and year == 2023:
                break_carry_over(v, 0, 2)
            if body.slug == "zhengfuban" and year == 2023:
                break_rollforward(v, 3)
            values[(body.slug, year)] = v
            blocks[(body.slug, year)] = build(body, year, v, seed + 7 * bi + year)
    by_slug = {b.slug: b for b in BODIES}

    # redated: 水利局 2023 is its 2022 report with the title year, 统计期限 and signing date changed
    shuili = by_slug["shuili"]
    blocks[("shuili", 2023)] = redate(blocks[("shuili", 2022)], 2022, 2023)
    values[("shuili", 2023)] = values[("shuili", 2022)]
    # sibling: 民政局 2023 copies 人社局 2023 (name swapped, one old name left in), with its own tables
    renshe, minzheng = by_slug["renshe"], by_slug["minzheng"]
    copied = swap_name(blocks[("renshe", 2023)], renshe.name_in(2023), minzheng.name_in(2023), keep_one_in="办公室联系")
    blocks[("minzheng", 2023)] = replace_tables(copied, values[("minzheng", 2023)], 2023, minzheng.name_in(2023))

    # recopied: 交通运输局 2023 is its 2022 text with every year moved on, and this year's tables
    jiaotong = by_slug["jiaotong"]
    blocks[("jiaotong", 2023)] = replace_tables(move_years(blocks[("jiaotong", 2022)], 2022),
                                                values[("jiaotong", 2023)], 2023, jiaotong.name_in(2023))

    for body in BODIES:
        for year in YEARS:
            entry = Entry(_fname(body, year), body.name_in(year), year)
            render(blocks[(body.slug, year)], body.fmt, out / entry.file, title=blocks[(body.slug, year)][0][1])
            if year == YEARS[1]:
                for rule in sorted(crossyear_expected(values[(body.slug, 2022)], values[(body.slug, 2023)])):
                    entry.expected[rule] = [_fname(body, 2022)]
                    entry.kind = "injected"
            entries.append(entry)
    by_file = {e.file: e for e in entries}

    e = by_file[_fname(shuili, 2023)]
    e.kind, e.note = "redated", "2022 report re-issued: title year, 统计期限 and signing date changed"
    e.expected["gk.duplicates.redated-copy"] = [_fname(shuili, 2022)]
    e.expected["gk.duplicates.identical-tables"] = [_fname(shuili, 2022)]
    e = by_file[_fname(jiaotong, 2023)]
    e.kind, e.note = "recopied", "2022 text with every year moved on; this year's tables"
    e.expected["gk.duplicates.prior-year-copy"] = [_fname(jiaotong, 2022)]
    e = by_file[_fname(minzheng, 2023)]
    e.kind, e.note = "sibling", "copied from 人社局 2023 with the name swapped; one 人社局 name left in"
    e.expected["gk.duplicates.cross-agency-copy"] = [_fname(renshe, 2023)]
    by_file[_fname(by_slug["caizheng"], 2023)].note = "上年结转 自然人 2 more than 2022 结转下年度"
    by_file[_fname(by_slug["zhengfuban"], 2023)].note = ("named 县政府办 (2022: 县人民政府办公室); 现行有效 行政规范性文件 "
                                                        "3 more than the roll-forward")
    for slug in ("fagai", "weijian", "shichang", "renshe"):
        by_file[_fname(by_slug[slug], 2023)].note = "abbreviated name; 2022 report uses the full name"

    # reupload: the same 教育局 2023 file uploaded twice
    jiaoyu = by_slug["jiaoyu"]
    src = out / _fname(jiaoyu, 2023)
    again = Entry(_fname(jiaoyu, 2023, "_reupload"), jiaoyu.name_in(2023), 2023, "reupload",
                  {"gk.duplicates.batch-near-duplicate": [src.name]}, "byte-identical re-upload of " + src.name)
    shutil.copyfile(src, out / again.file)
    entries.append(again)

    # attachment: 自然资源和规划局 2023's tables as their own file (a clean look-alike: same tables, same year)
    ziran = by_slug["ziran"]
    annex = Entry(_fname(ziran, 2023, "_fujian"), ziran.name_in(2023), 2023, "attachment",
                  note="附件: the statistical tables of " + _fname(ziran, 2023))
    render(attachment(blocks[("ziran", 2023)]), ziran.fmt, out / annex.file, title=blocks[("ziran", 2023)][0][1])
    entries.append(annex)

    # township: 衡山镇 2023 reuses the county government's 2023 report, with its own tables
    zhengfu = by_slug["zhengfu"]
    rng = random.Random(seed + 9999)
    town_values = values_for(COPIER_TOWN, 2023, None, rng)
    town = swap_name(blocks[("zhengfu", 2023)], zhengfu.name_in(2023), COPIER_TOWN.name)
    town = replace_tables(town, town_values, 2023, COPIER_TOWN.name)
    town_entry = Entry(_fname(COPIER_TOWN, 2023), COPIER_TOWN.name, 2023, "township",
                       {"gk.duplicates.cross-agency-copy": [_fname(zhengfu, 2023)]},
                       "the county government's 2023 report with the township's name and tables")
    render(town, COPIER_TOWN.fmt, out / town_entry.file, title=town[0][1])
    entries.append(town_entry)

    entries.sort(key=lambda x: x.file)
    manifest = {
        "description": "One county's folder (霍山县, 2022-2023): every report written from the county model text "
                       "plus its own work; injected copies and cross-year breaks in the files listed with expected "
                       "findings. Batch findings (gk.duplicates.*, gk.crossyear.*) only: every file whose "
                       "'expected' is empty must get none of those.",
        "files": [{"file": x.file, "agency": x.agency, "year": x.year, "kind": x.kind, "expected": x.expected,
                   "note": x.note} for x in entries],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    entries = generate(args.out)
    injected = sum(1 for e in entries if e.expected)
    print(f"{len(entries)} files in {args.out} ({injected} with expected batch findings)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
