"""Vocabulary of the wording, announced-structure and timeline checks (issue 8).

Everything is matched against normalised text (NFKC + t2s, ASCII punctuation,
see :mod:`gkreview.normalize`). Official table labels and section headings are
not repeated here: :mod:`gkreview.wording` takes them from
:mod:`gkreview.data.labels` and :mod:`gkreview.data.sections`, so a label exists
in exactly one place.
"""

from __future__ import annotations

# --- doubled words ----------------------------------------------------------------------------------------------

# Near-synonym stacks: two words that do the same job written one after the other
# (可通过可以通过, 和以及, 有待于有待). Each is a regex over normalised text; the
# lookarounds keep ordinary words out (以及和谐, 已经已).
SYNONYM_STACKS: tuple[str, ...] = (
    r"(?:和|与|及|并)以及",
    r"以及(?:和|与)(?![谐平睦美])",
    r"有待于有待|有待有待于",
    r"(?:可|能)(?P<verb1>[\u4e00-\u9fff]{1,3})(?:可以|能够)(?P=verb1)",
    r"(?:可以|能够)(?P<verb2>[\u4e00-\u9fff]{1,3})(?:可|能)(?!以|够)(?P=verb2)",
    r"已经已(?!经)|已已经",
    r"并且并(?!且|发|重|列|存|购|入|非|不)",
    r"(?:按照|依照|根据|依据)(?:按照|依照|根据|依据)",
    r"进一步更加进一步|更加进一步加",
    r"通过经过|经过通过",
    r"对于对(?!于|比|照|接|象|外|待|应|口)",
    r"关于对于|对于关于",
)

# Runs that legitimately repeat: reduplicated adverbs and set phrases ("一一", "层层",
# "逐步逐步" is not here on purpose). Matched against the repeated unit.
ALLOWED_REPEATS: frozenset[str] = frozenset({
    "哈哈", "谢谢", "常常", "天天", "年年", "月月", "人人", "处处", "事事", "时时", "层层", "步步", "一一", "多多",
    "研究", "看看", "试试", "个个", "家家", "户户", "代代", "声声", "节节", "渐渐", "刚刚", "往往", "仅仅",
    "稍稍", "悄悄", "默默", "纷纷", "频频", "屡屡", "连连", "统统", "匆匆", "隐隐",
})

# A unit written twice across a word boundary: the first copy ends a body's name, the second opens a term
# (宜兴市人民政府政府信息公开工作年度报告, 区政府政府网站). Each regex is matched at the doubled unit's start;
# the prefix and the following term are lookarounds, so "政府政府。" alone is still a slip.
BOUNDARY_REPEATS: tuple[str, ...] = (
    r"(?:(?<=人民)|(?<=[省市县区镇乡旗州]))政府政府(?=信息|网站|门户|公报|工作|规章|部门|办公|采购|集中|投资|债务|"
    r"预算|决算|性基金|数据|服务|热线)",
)

# Separators allowed between the two halves of a doubled phrase ("考评,考评").
DOUBLE_SEPARATORS: str = ",、"

# --- placeholders -----------------------------------------------------------------------------------------------

# Leftover template slots (domain §5: 20XX, （文字描述）). Named groups are not used;
# each pattern is one kind, reported with its name.
PLACEHOLDERS: tuple[tuple[str, str], ...] = (
    ("year-slot", r"(?:19|20)[Xx×]{2}(?=\s*年)"),
    ("x-slot", r"(?<![A-Za-z0-9@./_:-])(?:[X×]{2,}|x{2,})(?![A-Za-z0-9@./_-])"),
    ("circle-slot", r"(?<![一二三四五六七八九十〇○零O0-9])○{2,}(?![一二三四五六七八九十〇○零O0-9年])"),
    ("square-slot", r"□{1,}"),
    ("empty-bracket", r"【\s*】|\[\s*\]|\(\s*\)(?!\d)"),
    ("instruction", r"\((?:文字描述|此处[^()]{0,16}|请填写[^()]{0,16}|填写[^()]{0,16}|单位名称|机关名称|"
                    r"描述[^()]{0,10})\)|【(?:文字描述|此处[^】]{0,16}|填写[^】]{0,16}|单位名称)】"),
    ("blank-date", r"(?:(?:19|20)\d{2}|[Xx×]{2,})\s*年\s{1,}月\s{1,}日"),
)

# Kinds whose pattern needs a whitespace character right before one of these characters ("2023年  月  日"):
# normalised text rarely keeps such a space, so this cheap test usually skips the scan.
PLACEHOLDER_SPACE_BEFORE: dict[str, str] = {"blank-date": "月"}

# --- mixed scripts ----------------------------------------------------------------------------------------------

# A mixed-script signal is a *word* (two characters around a converted one) seen in
# both forms, never a lone character: 干/乾/幹 and 于/於 are ambiguous alone.
MIXED_WORD_CONTEXT = 2


# --- counts of channels ---------------------------------------------------------------------------------------------

# Publication channels whose counts reports give ("门户网站发布信息1200条"): the same
# channel + action + object + unit printed twice with two numbers is a contradiction.
CHANNELS: tuple[str, ...] = (
    "政务微信公众号", "政府门户网站", "门户网站", "政府网站", "政务微博", "官方微博", "微博", "政务微信", "微信公众号", "公众号",
    "政务新媒体", "新媒体", "政务公开栏", "公开栏", "政府公报", "新闻发布会", "政务服务大厅", "政府信息查阅点",
    "查阅点", "政务服务网", "信息公开专栏", "信息公开平台", "今日头条", "抖音", "电子显示屏", "广播电视",
)
COUNT_VERBS: tuple[str, ...] = (
    "主动公开", "公开", "发布", "更新", "推送", "刊发", "刊登", "转载", "回复", "答复", "办理", "召开", "举办", "开展",
    "解读",
)
COUNT_UNITS: tuple[str, ...] = ("人次", "条", "篇", "件", "期", "次", "场", "个", "份", "项")
# Words that make two counts of one item legitimately different (scope, period, change).
COUNT_SCOPE_WORDS: tuple[str, ...] = (
    "累计", "其中", "上半年", "下半年", "季度", "月", "同比", "较上年", "增长", "减少", "增加", "下降", "日均",
    "平均", "约", "余", "多", "近", "以上", "超过",
)
# Filler removed from the counted object before comparing ("各类政府信息" = "政府信息").
COUNT_OBJECT_FILLER: tuple[str, ...] = ("各类", "各种", "相关", "了", "共", "共计", "累计", "合计", "总计", "的")

# --- announced structure ----------------------------------------------------------------------------------------

# "报告由…等N个部分组成", "全文共N部分", "分为N个部分": the introduction's own outline.
ANNOUNCE_PATTERNS: tuple[str, ...] = (
    r"(?:报告|全文|本文|年报|本报告|内容)(?:主要)?(?:由|包括|包含|分为|涵盖)(?P<list>[^。;]{2,400}?)"
    r"(?:等|共)?(?P<n>[一二两三四五六七八九十\d]{1,3})(?:个)?(?:部分|板块)(?:内容)?(?:组成|构成|内容)?",
    r"(?:报告|全文|本文|年报|本报告)(?:共|共计|共分|分|分为)(?:为)?(?P<n>[一二两三四五六七八九十\d]{1,3})(?:个)?"
    r"(?:部分|板块)",
)
# Separators between announced part names, in order of preference.
ANNOUNCE_SEPARATORS: tuple[str, ...] = (",", "、", ";")
# Fuzzy score (0–100, rapidfuzz partial ratio) above which an announced name names a heading.
ANNOUNCE_MATCH_SCORE = 80.0

# --- timeline (events after the report year) --------------------------------------------------------------------

# A sentence with one of these tells a plan or a target, not a done event (regexes: 计划生育 is a name).
PLAN_WORDS: tuple[str, ...] = (
    "将", "计划(?!生育|单列)", "拟", "力争", "争取", "预计", "下一步", "下步", "明年", "今后", "打算", "思路",
    "目标(?!考核|管理|责任)", "要点", "要求", "需要", "努力", "继续", "进一步", "准备", "预期", "设想", "届时",
    "前完成", "年底前",
)
# The modal 要 ("2010年要加强…") is a plan word unless it is part of 主要/重要/需要/纪要….
PLAN_YAO_PATTERN = r"(?<![主重需纪摘概简提必只不])要(?![求点素闻件害员])"
# A sentence with one of these tells a completed event.
DONE_WORDS: tuple[str, ...] = (
    "了", "已", "完成", "实现", "累计", "共计", "共", "全年", "取得", "先后", "办结", "建成", "印发", "召开",
    "举办", "开展", "收到", "发布", "公开",
)
# Text inside these brackets is a citation (document title, 文号), never an event.
CITATION_PATTERN = r"《[^》]{0,80}》|〔[^〕]{0,12}〕|\[[^\]]{0,12}\]|\([^()]{0,12}号\)|[A-Za-z\u4e00-\u9fff]{1,8}\d{4}\d*号"
# Compilation and publication of the report itself happens in Y+1 by design.
REPORT_SELF_WORDS: tuple[str, ...] = ("本报告", "年度报告", "年报", "报告编制", "编制", "发布日期", "成文日期", "印发日期")
