"""Generated test set for the identity, announced-structure, timeline and wording checks (issue 8).

Every case starts from a clean :func:`corpora.synth.make_report` report, gets the
*legitimate* passages that look like faults to a naive checker — the superior
government's requirements and portal (按照市政府要求, 在市政府门户网站公开), exchanges
with neighbouring places (与X县交流), the author's own 我县/我局/我镇, last year's
problems in section 五, next year's plans, the report's own compilation in Y+1,
a consistent repeated count, 顶真 (公开栏,公开栏内容…), an announcement of the
structure that fits — and then, unless it is a clean control, one injected fault
with the rule id it must trigger and a *needle*: a string that the finding's block
(paragraph, or table row for label typos) contains.

Usage::

    python corpora/gen_identity.py --out /tmp/identity   # writes .txt files and manifest.json
    from corpora.gen_identity import generate             # in-memory, deterministic
    cases = generate(240)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpora.render import convert_script, to_text
from corpora.synth import DEPARTMENTS, PLACES, TOWNS, Agency, make_agency, make_report

Block = tuple[Any, ...]

FAULTS: tuple[tuple[str, str], ...] = (
    ("signature", "gk.identity.agency-mismatch"),
    ("catalogue", "gk.identity.foreign-self-reference"),
    ("subject", "gk.identity.foreign-self-reference"),
    ("portal", "gk.identity.foreign-self-reference"),
    ("self-unit", "gk.identity.foreign-self-reference"),
    ("remit", "gk.identity.department-mismatch"),
    ("part-count", "gk.announced.part-count"),
    ("part-names", "gk.announced.part-names"),
    ("future", "gk.timeline.future-event"),
    ("doubled", "gk.wording.doubled-phrase"),
    ("stack", "gk.wording.doubled-phrase"),
    ("label", "gk.wording.label-typo"),
    ("mixed", "gk.wording.mixed-script"),
    ("placeholder", "gk.wording.placeholder"),
    ("count", "gk.wording.inconsistent-count"),
)
ANNOUNCED_2019 = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                  "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
ABSENT_PARTS = ["政府信息公开的收费及减免情况", "咨询处理情况", "重点领域信息公开情况", "机构建设和保障经费情况"]
CN_NUM = "零一二三四五六七八九十"
DOUBLE_WORDS = ["进一步", "政府信息", "公开", "工作", "及时", "加强", "信息", "完善", "主动公开", "政务公开"]
STACKS = [("可以通过", "可通过可以通过"), ("以及", "和以及"), ("有待", "有待于有待"), ("已经", "已经已")]
TYPO_CHARS = "甲由申田目日曰白自百旧目且"
OTHER_SECTION_WORDS = ("咨询", "收费")


@dataclass
class Case:
    """One generated report: its name, text, agency, year and the faults injected (rule id + needle)."""

    name: str
    text: str
    agency: str
    year: int
    kind: str
    faults: list[dict[str, str]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def manifest(self) -> dict[str, Any]:
        """JSON-ready record for manifest.json."""
        return {"name": self.name, "agency": self.agency, "year": self.year, "kind": self.kind, "faults": self.faults}


# --- agencies -----------------------------------------------------------------------------------------------------

def _agency(rng: random.Random) -> Agency:
    """A synthetic agency whose county is a real county-level unit (东莞 has no counties: 虎门镇 is a town)."""
    while True:
        a = make_agency(rng)
        if not a.county.endswith("镇"):
            return a


def _other_county(rng: random.Random, a: Agency) -> tuple[str, str, str]:
    return rng.choice([p for p in PLACES if p[2] != a.county and p[1] != a.city and not p[2].endswith("镇")])


def _department(a: Agency) -> str:
    return a.name[len(a.county):]


def _self_word(a: Agency) -> str:
    """How the author refers to itself: 我局 / 我镇 / 我县 …"""
    if a.level == "department":
        return "我局" if a.name.endswith("局") else "我委" if a.name.endswith(("委", "委员会")) else "本机关"
    if a.level == "township":
        assert a.town is not None
        return "本街道" if a.town.endswith("街道") else f"我{a.town[-1]}"
    place = a.county if a.name.startswith(a.county) else a.city
    return f"我{place[-1]}" if place[-1] in "县区旗市州" else "本机关"


def _foreign_same_level(rng: random.Random, a: Agency) -> str:
    """Another body of the author's own level: another town, another county's same department, …"""
    if a.level == "township":
        town = rng.choice([t for t in TOWNS if t != a.town])
        return town if rng.random() < 0.5 else f"{a.county}{town}{'办事处' if town.endswith('街道') else '人民政府'}"
    _prov, city, county = _other_county(rng, a)
    if a.level == "department":
        return f"{county}{_department(a)}"
    if a.name.startswith(a.county):
        return f"{county}人民政府"
    return f"{city}人民政府"


def _wrong_unit(rng: random.Random, a: Agency) -> str:
    """A 我/本 + unit that another kind of body would write."""
    if a.level == "department":
        return rng.choice(["我镇", "我乡", "本镇"])
    if a.level == "township":
        return rng.choice(["我局", "本局", "我委"])
    if a.name.startswith(a.county):
        return "我镇" if rng.random() < 0.5 else ("我县" if a.county.endswith("区") else "我乡")
    return "我县" if rng.random() < 0.5 else "我镇"


# --- block helpers ------------------------------------------------------------------------------------------------

def _prose(blocks: list[Block]) -> list[int]:
    """Indexes of body paragraphs worth editing (not title, headings, sub-heads, signature, date)."""
    out = []
    for i, b in enumerate(blocks[:-2]):
        if b[0] == "p" and len(b[1]) > 30 and "统计期限" not in b[1] and "部分组成" not in b[1]:
            out.append(i)
    return out


def _heading_index(blocks: list[Block], number: str) -> int:
    return next(i for i, b in enumerate(blocks) if b[0] == "h" and b[1].startswith(number))


def _insert_after_heading(blocks: list[Block], number: str, text: str) -> None:
    i = _heading_index(blocks, number)
    blocks.insert(i + 1, ("p", text))


def _intro_index(blocks: list[Block]) -> int:
    return next(i for i, b in enumerate(blocks) if b[0] == "p")


def _add_announcement(blocks: list[Block], template: str) -> None:
    """A correct structure announcement for 2019/2021 reports (pre-2019 synth reports have one already)."""
    if template == "pre2019":
        return
    i = _intro_index(blocks)
    names = "、".join(ANNOUNCED_2019)
    blocks[i] = ("p", blocks[i][1] + f"本报告由{names}等六部分组成。")


def _legit_extras(rng: random.Random, blocks: list[Block], a: Agency, year: int) -> None:
    """Passages that a naive checker mistakes for faults; every case gets some of them."""
    me = _self_word(a)
    _prov, _city, county = _other_county(rng, a)
    superior = f"{a.city}人民政府" if a.name.startswith(a.county) or a.level == "township" else f"{a.province}人民政府"
    neighbour = rng.choice([t for t in TOWNS if t != a.town]) if a.level == "township" else county
    extras_overview = [
        f"{me}按照{superior}办公室要求，认真做好政府信息公开各项工作。",
        f"组织业务骨干赴{neighbour}学习交流政务公开工作经验，与{neighbour}开展交流座谈1次。",
        f"相关政策文件同步在{superior}门户网站公开，方便群众查阅。",
        "在办公场所设立政务公开栏，公开栏内容每季度更新。",
        f"全年通过政务微博发布信息{rng.randint(30, 90)}条，门户网站累计发布信息{rng.randint(3000, 9000)}条。",
    ]
    extras_overview += [
        f"{superior}高度重视政务公开工作，多次召开专题会议部署推进。",
        f"根据《{superior}办公室关于做好{year}年度政府信息公开工作年度报告编制发布工作的通知》"
        f"（政办函〔{year + 1}〕{rng.randint(2, 40)}号）要求，认真编制本年度报告。",
        f"截至{year + 1}年1月底，{me}已累计公开各类信息{rng.randint(2000, 9000)}条。",
        f"群众可通过电子邮箱xxgk{rng.randint(10, 99)}@163.com或门户网站http://www.xxgk.gov.cn咨询。",
        f"全年通过门户网站发布信息{rng.randint(100, 900)}条，门户网站发布政策解读{rng.randint(3, 30)}篇。",
        "坚持常常抓、抓常常，做到层层落实、人人有责。",
    ]
    for text in rng.sample(extras_overview, 5):
        _insert_after_heading(blocks, "一、", text)
    _legit_label_variants(rng, blocks)
    plans = [
        f"{year + 1}年，{me}将继续加强政策解读，进一步提升政务公开质量。",
        f"{year + 1}年1月，{a.name}完成了{year}年度报告的编制工作。",
        f"针对{year - 1}年度评议中发现的问题，{me}逐项整改，已全部整改到位。",
    ]
    problems = "五、" if not any(b[0] == "h" and b[1].startswith("七、") for b in blocks) else "六、"
    for text in rng.sample(plans, 2):
        _insert_after_heading(blocks, problems, text)


def _legit_label_variants(rng: random.Random, blocks: list[Block]) -> None:
    """Label variants real tables print legitimately: explanations appended, quotes dropped, short forms."""
    variants = {"规章": "规章（设区的市、自治州人民政府应提供相关数据）", "3.危及“三安全一稳定”": "3.危及三安全一稳定",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开",
                "其他对外管理服务事项": "其他对外管理服务事项（指行政许可以外的对外管理服务事项）"}
    for i, b in enumerate(blocks):
        if b[0] == "table" and rng.random() < 0.5:
            rows = [[variants.get(c, c) for c in r] for r in b[1]]
            blocks[i] = ("table", rows, *b[2:])


# --- faults -------------------------------------------------------------------------------------------------------

def _inject(rng: random.Random, kind: str, blocks: list[Block], a: Agency, year: int, template: str) -> str | None:
    """Inject one fault; return the needle (or None when this report cannot carry that fault)."""
    prose = _prose(blocks)
    if kind == "signature":
        sig = next(i for i in range(len(blocks) - 1, -1, -1) if blocks[i][0] == "p" and blocks[i][1] == a.name)
        other = _foreign_same_level(rng, a)
        if a.level == "department" and rng.random() < 0.4:
            other = f"{a.county}{rng.choice([d for d in DEPARTMENTS if d != _department(a)])}"
        if a.level == "township" and not other.endswith(("人民政府", "办事处")):
            other = f"{a.county}{other}{'办事处' if other.endswith('街道') else '人民政府'}"
        blocks[sig] = ("p", other)
        return other
    if kind == "catalogue":
        other = _foreign_same_level(rng, a)
        _insert_after_heading(blocks, "一、", f"进一步完善{other}信息公开目录，及时更新公开内容。")
        return f"完善{other}信息公开目录"
    if kind == "subject":
        other = _foreign_same_level(rng, a)
        if a.level == "township" and not other.endswith(("人民政府", "办事处")):
            other = f"{other}{'办事处' if other.endswith('街道') else '人民政府'}"
        text = f"{year}年，{other}坚持以公开为常态、不公开为例外，全年主动公开政府信息{rng.randint(50, 900)}条。"
        _insert_after_heading(blocks, "一、", text)
        return text
    if kind == "portal":
        other = _foreign_same_level(rng, a)
        text = f"本报告电子版可在{other}门户网站查阅或下载。"
        blocks.insert(_intro_index(blocks) + 1, ("p", text))
        return text
    if kind == "self-unit":
        word = _wrong_unit(rng, a)
        text = f"{year}年，{word}高度重视政府信息公开工作，明确专人负责日常工作。"
        _insert_after_heading(blocks, "一、", text)
        return text
    if kind == "remit":
        if a.level != "department":
            return None
        other = rng.choice(["发改", "教育", "卫生健康", "公安", "民政", "交通运输", "水利", "统计"])
        if other in a.name or (other == "卫生健康" and "卫生" in a.name) or (other == "交通运输" and "交通" in a.name):
            return None
        text = f"局办公室负责{other}系统政府信息公开工作的组织协调和监督检查。"
        _insert_after_heading(blocks, "一、", text)
        return text
    if kind in ("part-count", "part-names"):
        i = next((k for k, b in enumerate(blocks) if b[0] == "p" and "部分组成" in b[1]), None)
        if i is None:
            return None
        text = blocks[i][1]
        parts = 7 if template == "pre2019" else 6
        word = CN_NUM[parts]
        if kind == "part-count":
            wrong = parts + rng.choice([-1, 1, -2])
            new = text.replace(f"等{word}部分组成", f"等{rng.choice([CN_NUM[wrong], str(wrong)])}部分组成")
        else:
            names = ANNOUNCED_2019 if template != "pre2019" else None
            if names is None:
                return None
            victim = rng.choice(names[1:5])
            new = text.replace(victim, rng.choice(ABSENT_PARTS))
        blocks[i] = ("p", new)
        return new[-60:]
    if kind == "future":
        month = rng.randint(5, 11)
        text = rng.choice([
            f"{year + 1}年{month}月，{a.name}组织开展了政务公开专题培训，参训人员{rng.randint(20, 90)}人次。",
            f"{year + 1}年，{_self_word(a)}共主动公开政府信息{rng.randint(100, 900)}条，办结依申请公开{rng.randint(1, 9)}件。",
            f"{year + 1}年{month}月，{_self_word(a)}已完成政府信息公开指南的修订工作。",
        ])
        _insert_after_heading(blocks, "一、", text)
        return text
    if kind == "doubled":
        for _ in range(20):
            i = rng.choice(prose)
            text = blocks[i][1]
            words = [w for w in DOUBLE_WORDS if w in text]
            if words:
                w = rng.choice(words)
                k = text.index(w)
                blocks[i] = ("p", text[:k] + w + text[k:])
                return w + w
        return None
    if kind == "stack":
        plain, stacked = rng.choice(STACKS)
        text = {"可以通过": f"群众可以通过政府网站、政务服务大厅等渠道查阅{a.name}主动公开的信息。",
                "以及": "及时公开财政预决算、重大建设项目以及公共资源配置等重点领域信息。",
                "有待": "政策解读的针对性有待进一步加强。",
                "已经": f"{year - 1}年度发现的问题已经全部整改到位。"}[plain]
        _insert_after_heading(blocks, "一、", text.replace(plain, stacked, 1))
        return stacked
    if kind == "label":
        tables = [i for i, b in enumerate(blocks) if b[0] == "table"]
        if not tables:
            return None
        return _typo_in_table(rng, blocks, rng.choice(tables))
    if kind == "mixed":
        i = rng.choice(prose)
        trad = convert_script(blocks[i][1], "traditional")
        if trad == blocks[i][1]:
            return None
        blocks[i] = ("p", trad)
        return trad[:20]
    if kind == "placeholder":
        choice = rng.choice(["year", "name", "describe", "bracket", "number"])
        if choice == "year":
            text = f"20XX年，{_self_word(a)}认真落实政务公开工作要点，各项工作有序推进。"
            _insert_after_heading(blocks, "一、", text)
            return "20XX"
        if choice == "name":
            text = "XX镇人民政府高度重视政府信息公开工作，成立了工作领导小组。"
            _insert_after_heading(blocks, "一、", text)
            return "XX镇"
        if choice == "describe":
            _insert_after_heading(blocks, "六、" if template != "pre2019" else "七、", "（文字描述）")
            return "（文字描述）"
        if choice == "bracket":
            blocks.insert(_intro_index(blocks) + 1, ("p", "如对本报告有疑问，请致电【】咨询。"))
            return "【】"
        _insert_after_heading(blocks, "一、", "全年组织政务公开业务培训×××次，培训人员×××人次。")
        return "×××"
    if kind == "count":
        n = rng.randint(40, 400)
        n2 = n + rng.choice([-30, -12, 7, 25, 100])
        channel = rng.choice(["今日头条政务号", "政务抖音号", "电子显示屏"])
        _insert_after_heading(blocks, "一、", f"全年通过{channel}发布信息{n}条，关注人数稳步增长。")
        problems = "五、" if template != "pre2019" else "六、"
        _insert_after_heading(blocks, problems, f"{year}年，{channel}发布信息{n2}条，但互动回应仍显不足。")
        return f"{channel}发布信息{n2}条"
    raise ValueError(kind)


def _typo_in_table(rng: random.Random, blocks: list[Block], ti: int) -> str | None:
    """Change one character of one label (delete or replace), in every cell that prints it."""
    from gkreview.wording import _label_forms, official_labels

    official = official_labels()
    rows = [list(r) for r in blocks[ti][1]]
    labels = sorted({c for r in rows for c in r if len(c) >= 5 and not c[0].isdigit() and "第二十条" not in c
                     and "勾稽" not in c and any(f in official for f in _label_forms(c))})
    if not labels:
        return None
    for _ in range(20):
        label = rng.choice(labels)
        core_start = next((k for k, ch in enumerate(label) if "\u4e00" <= ch <= "\u9fff" and ch not in "一二三四五六七"), 0)
        if core_start + 1 > len(label) - 2:
            continue
        k = rng.randint(core_start + 1, len(label) - 2)
        if not "\u4e00" <= label[k] <= "\u9fff":
            continue
        new = label[:k] + label[k + 1:] if rng.random() < 0.4 else label[:k] + rng.choice(TYPO_CHARS) + label[k + 1:]
        if new == label or _label_forms(new) & official.keys():
            continue
        rows = [[new if c == label else c for c in r] for r in rows]
        blocks[ti] = ("table", rows, *blocks[ti][2:])
        return new
    return None


# --- cases --------------------------------------------------------------------------------------------------------

def make_case(index: int, kind: str, seed: int = 0) -> Case | None:
    """One case: a clean report with legitimate look-alikes, plus the fault ``kind`` ("clean" for none)."""
    rng = random.Random(seed * 100_003 + index)
    agency = _agency(rng)
    year = rng.randint(2012, 2024)
    if kind == "label" or kind == "part-names":
        year = rng.randint(2019, 2024)
    rep = make_report(seed=rng.randint(0, 10**9), year=year, agency=agency)
    blocks = list(rep.blocks)
    _add_announcement(blocks, rep.template)
    _legit_extras(rng, blocks, agency, year)
    faults: list[dict[str, str]] = []
    if kind != "clean":
        rule = dict(FAULTS)[kind]
        needle = _inject(rng, kind, blocks, agency, year, rep.template)
        if needle is None:
            return None
        faults.append({"rule": rule, "kind": kind, "needle": needle})
    script = "traditional" if kind == "clean" and rng.random() < 0.08 else "simplified"
    if script == "traditional":
        blocks = [(b[0], convert_script(b[1], script)) if b[0] != "table" else b for b in blocks]
    text = to_text(blocks)
    return Case(f"identity-{index:04d}-{kind}", text, agency.name, year, kind, faults, blocks)


def generate(n: int = 240, seed: int = 0, clean_share: float = 0.25) -> list[Case]:
    """``n`` cases: about ``clean_share`` clean controls, the rest spread evenly over the fault kinds."""
    kinds = [k for k, _ in FAULTS]
    cases: list[Case] = []
    index = 0
    n_clean = int(n * clean_share)
    plan = ["clean"] * n_clean + [kinds[i % len(kinds)] for i in range(n - n_clean)]
    for kind in plan:
        case = None
        while case is None:
            case = make_case(index, kind, seed)
            index += 1
        cases.append(case)
    return cases


def main(argv: list[str] | None = None) -> int:
    """Write the generated set as .txt files plus manifest.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("-n", type=int, default=240)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    cases = generate(args.n, args.seed)
    for c in cases:
        (args.out / f"{c.name}.txt").write_text(c.text, encoding="utf-8")
    (args.out / "manifest.json").write_text(
        json.dumps([c.manifest() for c in cases], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
