"""Character and phrase aliases applied after OpenCC t2s (domain §3.4–3.5).

Converters produce non-standard forms: Taiwan vocabulary (文件→檔案, which t2s
turns into 档案), mixed 於/于, and variant characters seen in real reports. Each
key is replaced by its value in the normalised text.
"""

ALIASES: dict[str, str] = {
    "规范性档案": "规范性文件",
    # the same converter's other domain words (s2twp: 信息→資訊, 项目→專案), seen in template labels
    # such as 政府資訊公開申請數量 and 上一年專案數量
    "资讯": "信息",
    "专案": "项目",
    "咨讯": "咨询",
    "其它": "其他",
    "行政覆议": "行政复议",
    "反覆": "反复",
    "製": "制",
    "於": "于",
    "後": "后",
    "復": "复",
    "複": "复",
    "甚麽": "什么",
    "綫": "线",
}

# Quote characters folded to ASCII after NFKC.
QUOTES: dict[str, str] = {
    "\u201c": '"',
    "\u201d": '"',
    "\u300c": '"',
    "\u300d": '"',
    "\u300e": '"',
    "\u300f": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u301d": '"',
    "\u301e": '"',
    "\u301f": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
}

# Dash characters folded to ASCII hyphen-minus after NFKC.
DASHES: dict[str, str] = {
    "\u2014": "-",
    "\u2013": "-",
    "\u2012": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\ufe58": "-",
    "\ufe63": "-",
    "\u30fc": "-",
}

# Simplified characters that are also correct traditional characters (one simplified form, several traditional
# ones: 制/製, 干/乾/幹, 于/於, 后/後, 台/臺/颱 …). In a traditional document they are not evidence of
# simplified script, and converters choose between the forms by context, sometimes wrongly (法定製度).
AMBIGUOUS_SIMPLIFIED: frozenset[str] = frozenset(
    "制干于后台复发里面系只松余冲范历周准斗划尽卷采丑谷才了回志征症注致钟表")

# Characters that OpenCC's t2s leaves alone on their own but changes inside a phrase of its TSPhrases
# dictionary (回覆 → 回复, 毛坏 → 毛坯, 深沈 → 深沉). Together with the characters t2s converts singly
# (computed at run time) they are the only ones whose presence can make a conversion change a text, so a
# report holding none of them is converted without calling OpenCC. Derived from OpenCC 1.1's TSPhrases
# (tests/test_wording_scan.py re-derives it from the installed dictionary when the opencc_dict tool is present).
T2S_PHRASE_ONLY_CHARS: str = "么俱哩坏彷沈甦瞭藉衹覆"
