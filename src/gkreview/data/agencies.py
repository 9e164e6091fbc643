"""Agency vocabulary for the identity checks (issue 8, domain §4 #4).

Place names themselves come from the ``cpca`` gazetteer (province, city and county
with adcodes); this table holds what a gazetteer does not: the suffixes that make a
string an agency name, the department types with their official and short names, the
"我/本 + unit" self-references, and the phrases only the author of a report writes.
All strings are simplified and NFKC-normalised (ASCII punctuation), because the
checks match them against :attr:`gkreview.document.Paragraph.norm`.
"""

from __future__ import annotations

# County-level names in the gazetteer that are also ordinary words or duplicated
# placeholders: never treated as a place when found in text.
GENERIC_PLACE_NAMES: frozenset[str] = frozenset({
    "市辖区", "县", "省直辖县级行政区划", "城区", "郊区", "矿区", "东区", "西区", "新区", "自治区直辖县级行政区划",
})

# Town-level suffixes (no gazetteer lists townships): 镇, 乡, 街道, 苏木 (Inner Mongolia).
TOWN_SUFFIXES: tuple[str, ...] = ("街道", "苏木", "镇", "乡")

# What may follow a town name inside an agency name ("古碑镇人民政府", "新华街道办事处").
TOWN_GOVERNMENT_TAILS: tuple[str, ...] = (
    "人民政府办公室", "人民政府", "政府", "办事处", "党政办公室", "党政办", "党委", "",
)

# Agency-name suffixes, longest first, with the kind of body they name.
# kind: "government" (a people's government or its general office, which publishes
# the government's report), "township" (镇/乡/街道 government), "department".
AGENCY_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("人民政府办公室", "government"),
    ("人民政府办公厅", "government"),
    ("政府办公室", "government"),
    ("政府办公厅", "government"),
    ("人民政府办", "government"),
    ("人民政府", "government"),
    ("街道办事处", "township"),
    ("办事处", "township"),
    ("政府办", "government"),
    ("政府", "government"),
    ("管理委员会", "department"),
    ("管委会", "department"),
    ("委员会", "department"),
    ("办公室", "department"),
    ("办公厅", "department"),
    ("中心", "department"),
    ("分局", "department"),
    ("局", "department"),
    ("厅", "department"),
    ("委", "department"),
    ("办", "department"),
    ("署", "department"),
    ("院", "department"),
)

# Department types: canonical key -> names as printed (official, older and short
# forms). Bodies merged by an institutional reform share a key (环保局 → 生态环境局,
# 安监局 → 应急管理局, 国土资源局 → 自然资源局, 工商/质监/食药监 → 市场监管), so a report
# that still uses the old name is not a different department.
DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "development_reform": ("发展和改革", "发展改革", "发改", "物价"),
    "finance": ("财政",),
    "environment": ("生态环境", "环境保护", "环保"),
    "urban_management": ("城市管理综合行政执法", "城市管理", "城管", "环境卫生", "环卫", "市容"),
    "education": ("教育体育", "教育", "教体"),
    "health": ("卫生健康", "卫生和计划生育", "卫生计生", "卫健", "卫计", "卫生"),
    "housing": ("住房和城乡建设", "住房城乡建设", "住建", "城乡建设", "建设"),
    "natural_resources": ("自然资源和规划", "自然资源", "国土资源", "国土", "规划"),
    "market_regulation": ("市场监督管理", "市场监管", "工商行政管理", "工商", "质量技术监督", "质监",
                          "食品药品监督管理", "食药监"),
    "transport": ("交通运输", "交通"),
    "water": ("水利", "水务"),
    "agriculture": ("农业农村", "农牧", "农业", "畜牧", "农委"),
    "civil_affairs": ("民政",),
    "human_resources": ("人力资源和社会保障", "人力资源社会保障", "人社", "劳动和社会保障", "劳动保障"),
    "justice": ("司法", "法制"),
    "emergency": ("应急管理", "安全生产监督管理", "安全生产监督", "安监", "安全生产"),
    "culture_tourism": ("文化广电和旅游", "文化广电旅游", "文化和旅游", "文化旅游", "文广新", "文广", "文体", "文化",
                        "旅游", "广电", "新闻出版"),
    "commerce": ("商务",),
    "statistics": ("统计",),
    "audit": ("审计",),
    "public_security": ("公安",),
    "forestry": ("林业和草原", "林业", "林草"),
    "tax": ("税务", "国税", "地税"),
    "science": ("科学技术", "科技"),
    "industry": ("工业和信息化", "经济和信息化", "经信", "工信"),
    "ethnic_religion": ("民族宗教", "民宗"),
    "veterans": ("退役军人事务", "退役军人"),
    "medical_insurance": ("医疗保障", "医保"),
    "government_services": ("政务服务和大数据", "政务服务", "行政审批", "数据资源"),
    "sports": ("体育",),
    "grain": ("粮食和物资储备", "粮食"),
    "meteorology": ("气象",),
    "archives": ("档案",),
    "petitions": ("信访",),
    "state_assets": ("国有资产监督管理", "国资"),
    "rural_revitalisation": ("乡村振兴", "扶贫开发", "扶贫"),
    "civil_air_defence": ("人民防空", "人防"),
    "housing_fund": ("住房公积金", "公积金"),
    "foreign_affairs": ("外事", "侨务"),
}

# Department keys that overlap in practice (a 环卫局 is often part of 城管): a report
# of one that names the other's system is not a mismatch.
DEPARTMENT_AFFINITY: tuple[frozenset[str], ...] = (
    frozenset({"housing", "urban_management"}),
    frozenset({"natural_resources", "forestry"}),
    frozenset({"agriculture", "rural_revitalisation", "forestry"}),
    frozenset({"culture_tourism", "sports"}),
    frozenset({"education", "sports"}),
    frozenset({"emergency", "market_regulation"}),
)

# "我/本 + unit" self-references. The unit says what kind of body the author is;
# the value is the test on the author (see gkreview.identity.self_reference_fits).
SELF_REFERENCE_UNITS: dict[str, str] = {
    "省": "province", "市": "city", "州": "city", "盟": "city",
    "县": "county_xian", "区": "county_qu", "旗": "county_qi",
    "镇": "town_zhen", "乡": "town_xiang", "街道": "town_jiedao", "苏木": "town_sumu",
    "局": "suffix_ju", "委": "suffix_wei", "办": "suffix_ban", "厅": "suffix_ting",
}

# Characters after the unit that make the pair an ordinary word, not a
# self-reference ("本市场", "本区域", "本办法", "本局面", "本乡镇" …).
SELF_REFERENCE_BLOCKERS: dict[str, str] = {
    "市": "场民级县区直属辖容政",
    "区": "域间别划级县",
    "县": "级域区市城委",
    "局": "面限部势域",
    "委": "托员屈婉会",
    "办": "法理事学",
    "乡": "镇村土亲",
    "镇": "压静定痛村",
    "省": "级市外份",
    "州": "市",
    "旗": "帜号舰",
    "厅": "堂",
}

# Phrases only the author of a report writes about itself; ``{name}`` is where the
# author's own name belongs. When another body of the author's level fills the
# slot, the passage was copied. Patterns run on normalised text.
AUTHOR_ONLY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("catalogue", r"(?:完善|更新|编制|修订|修改|调整|梳理|维护)(?:了|好)?(?P<name>[\u4e00-\u9fff]{2,24}?)"
                  r"(?:的)?(?:人民政府|政府|政务|办事处)?信息(?:主动)?公开(?:目录|指南)"),
    ("portal", r"(?:在|于|通过|登录|可在|可于|登陆)(?P<name>[\u4e00-\u9fff]{2,24}?)(?:的)?"
               r"(?:门户网站|政府网站|官方网站|政务网站|官网)(?:上)?(?:查阅|下载|公开|发布|全文公开)"),
    ("contact", r"(?:请与|可与|请联系|联系)(?P<name>[\u4e00-\u9fff]{2,24}?)(?:办公室|政务公开办公室|信息公开办公室)?联系"),
    ("report", r"(?:特编制|编制|现将|本报告由)(?P<name>[\u4e00-\u9fff]{2,24}?)(?:19|20)\d{2}年度?"
               r"(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:报告|年报)"),
)

# Verbs that make a sentence-initial agency name the acting subject of the report
# ("白塔乡人民政府坚持以公开为常态…"): the author describing its own work.
SUBJECT_VERBS: tuple[str, ...] = (
    "坚持", "认真", "高度重视", "严格", "共收到", "共受理", "全年", "及时", "依托", "进一步", "积极", "未收取",
    "未发生", "主动公开", "切实", "不断", "围绕", "深入", "扎实", "着力", "始终",
)

# Phrases that describe the author's own remit ("负责发改系统政府信息公开工作",
# "作为全县教育主管部门"): the department named must be the author's.
REMIT_PATTERNS: tuple[str, ...] = (
    r"负责(?:全省|全市|全州|全县|全区|全旗|本|我)?(?P<dept>{dept})系统(?:的)?(?:政府|政务)?信息公开",
    r"负责(?:全省|全市|全州|全县|全区|全旗|本|我)?(?P<dept>{dept})(?:系统|行业)(?:的)?政务公开",
    r"作为(?:全省|全市|全州|全县|全区|全旗|本级)?(?P<dept>{dept})(?:行政)?主管部门",
)

# Short forms of development-zone names (岳阳经济技术开发区管理委员会 / 岳阳经开区管委会): one zone's reports
# print both across years. Expanded with the department short forms of data/boilerplate.AGENCY_ABBREVIATIONS
# (long form -> short form); a short form shared by two long forms (经开区 for 经济开发区 too) is left out.
ZONE_ABBREVIATIONS: dict[str, str] = {
    "经济技术开发区": "经开区",
    "高新技术产业开发区": "高新区",
    "管理委员会": "管委会",
}
