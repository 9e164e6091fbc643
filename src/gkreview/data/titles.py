"""Title vocabulary: document-type suffixes and the statutory report names (domain §5)."""

# Suffixes that end the title of a document; used to find titles and segment files.
TITLE_SUFFIXES: tuple[str, ...] = (
    "年度报告", "年报", "工作报告", "报告", "实施方案", "方案", "工作要点", "要点", "工作总结", "总结",
    "通报", "通知", "实施意见", "意见", "实施细则", "细则", "办法", "格式", "年度报表", "报表",
    "统计表", "指南", "制度", "自查报告", "格式模板", "模板", "模版", "函", "请示",
)

# Words a document title usually contains in this domain (one is enough).
TITLE_TOPICS: tuple[str, ...] = ("公开", "政务", "信息")

# Markers that start a new document inside one file: 第一篇, 第2篇 ...
PART_MARKER = r"^\s*第\s*[一二三四五六七八九十百\d]+\s*篇\s*[:：、.]?\s*"

# Words stripped from the front of an agency guess ("特编制武定县安监局" → "武定县安监局").
# Endings of a body's name besides the agency suffixes of data/agencies.py: places that report as such
# (霍山县, 衡山镇), and the public institutions and enterprises that publish reports too.
AGENCY_NAME_ENDS: tuple[str, ...] = (
    "镇", "乡", "街道", "县", "市", "区", "旗", "州", "省", "部", "所", "站", "会", "公司", "集团", "学校", "大学",
)
AGENCY_LEAD_WORDS: tuple[str, ...] = (
    "根据", "按照", "特编制", "编制", "现将", "现就", "关于呈送", "关于报送", "关于", "呈送", "报送", "特", "本",
)
