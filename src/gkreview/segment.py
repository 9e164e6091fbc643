"""Split one file's blocks into documents and make a first guess at each title/year/agency.

One file can hold several documents (domain §5 "Segment first"): a cover memo and
its attachment (seed 000), parts marked 第一篇…第五篇 (seed 001), or several
numbered 实施方案 pasted together (seed 003). Boundaries are, in order of
strength: a 第N篇 marker; the first line after an ``附件：`` line and its
signature/date; a new title-like line (short, no sentence punctuation, ends with
a document-type suffix such as 报告/方案/要点/总结/通报) once the current document
already has a body.
"""

from __future__ import annotations

import re

from gkreview.data.agencies import AGENCY_SUFFIXES
from gkreview.data.titles import AGENCY_LEAD_WORDS, AGENCY_NAME_ENDS, PART_MARKER, TITLE_SUFFIXES, TITLE_TOPICS
from gkreview.document import Block, Document, Paragraph, SourceFile, prime_normalized
from gkreview.numbers import parse_year_token

_MARKER_RE = re.compile(PART_MARKER)
_ATTACH_RE = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]")
_ATTACH_ITEM_RE = re.compile(r"^\s*\d{1,2}\s*[.、．]")
# A bare attachment label (附件, 附件2) printed on its own line above the attached document.
_ATTACH_LABEL_RE = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]?\s*$")
_NOT_TITLE_START = re.compile(r"签发人|〔\d{4}〕\d+号|\[\d{4}\]\d+号|^\s*附\s*件\s*\d*\s*[:：]")
_DATE_LINE_RE = re.compile(r"^\s*(?:19|20|二[〇○零0])[\d〇○零一二三四五六七八九]{2}\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")
_SENTENCE_PUNCT = re.compile(r"[。;；!！?？]|[,，].{12,}")
_LEAD_NUM_RE = re.compile(r"^\s*(\d{1,2})(?=[^\d年]|20[\dXx]{2}年)")
_YEAR_RE = re.compile(r"((?:19|20)\d{2}|二[〇○零0][一二三四五六七八九〇○零0]{2})\s*年?")
_SUFFIX_RE = re.compile("(" + "|".join(sorted(TITLE_SUFFIXES, key=len, reverse=True)) + r")\s*$")
_AGENCY_BEFORE_ANNUAL = re.compile(
    r"([\u4e00-\u9fff()]{2,30}?)\s*(?:19|20)\d{2}\s*年?度?(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:报告|年报)")
_AGENCY_BEFORE_REPORT = re.compile(
    r"([\u4e00-\u9fff()]{2,30}?)\s*(?:19|20)\d{2}\s*年?度?(?:政府|政务)?信息公开")
# "2017年环保局政府信息公开…": the agency printed after the year, ending in an agency suffix.
_AGENCY_AFTER_YEAR = re.compile(
    r"^\s*(?:19|20)\d{2}\s*年度?([\u4e00-\u9fff]{1,20}?(?:局|委|办|政府|院|厅|部|中心|镇|乡|街道|办事处|所|站|会))"
    r"(?:政府|政务)?信息公开")
_AGENCY_BEFORE_YEAR = re.compile(r"([\u4e00-\u9fff()]{2,30}?)\s*(?:(?:19|20)\d{2}|二[〇○零0]..)\s*(?:年|政府|政务)")
# "本报告…由岳阳市教育局编制": the compiler named in the introduction.
_COMPILED_BY = re.compile(r"由\s*([\u4e00-\u9fff()]{2,30}?)\s*(?:根据|依据|负责|组织)?编制")
# How a body's name ends. Text before a year in the introduction is a name only when it ends like one: the
# loose pattern otherwise takes "本报告中所列数据的统计期限自2023年…" for the agency of a report whose title has none.
_NAME_ENDS: tuple[str, ...] = (*(suffix for suffix, _ in AGENCY_SUFFIXES), *AGENCY_NAME_ENDS)
MIN_BODY_CHARS = 300


def _is_title_like(text: str) -> bool:
    """A short line without sentence punctuation that ends with a document-type suffix."""
    t = text.strip()
    if not 4 <= len(t) <= 70 or _SENTENCE_PUNCT.search(t):
        return False
    t = _MARKER_RE.sub("", t)
    return bool(_SUFFIX_RE.search(t)) and any(w in t for w in TITLE_TOPICS)


def _body_chars(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks if isinstance(b, Paragraph))


def _boundaries(blocks: list[Block]) -> list[tuple[int, str | None]]:
    """Indexes where a new document starts, each with its marker text (if any)."""
    starts: list[tuple[int, str | None]] = [(0, None)]
    after_attachment: int | None = None
    seen_date = False
    for i, b in enumerate(blocks):
        if not isinstance(b, Paragraph):
            continue
        text = b.norm
        cur_start = starts[-1][0]
        if m := _MARKER_RE.match(text):
            if i == cur_start:
                starts[-1] = (i, m.group().strip())
            else:
                starts.append((i, m.group().strip()))
            after_attachment = None
            continue
        if _ATTACH_RE.match(text) and i - cur_start < 60:
            after_attachment, seen_date = i, False
            continue
        if after_attachment is not None:
            if _DATE_LINE_RE.match(text):
                seen_date = True
                continue
            if _ATTACH_ITEM_RE.match(text) and not seen_date:
                continue
            if _ATTACH_LABEL_RE.match(text):
                continue  # the label above the attachment belongs to neither title nor body
            if (seen_date or i - after_attachment > 4 or _is_title_like(text)) and _starts_body(blocks, i):
                starts.append((i, None))
                after_attachment = None
                continue
            if i - after_attachment > 8:
                after_attachment = None
            continue
        # a title is at most 70 characters once 1-2 leading digits are cut: most paragraphs fail on length alone
        if (i > cur_start + 2 and len(text.strip()) <= 72 and _is_title_like(_LEAD_NUM_RE.sub("", text))
                and _body_chars(blocks[cur_start:i]) >= MIN_BODY_CHARS and _starts_body(blocks, i)):
            starts.append((i, None))
    return starts


def _starts_body(blocks: list[Block], i: int) -> bool:
    """A title only starts a document when body text follows it (not a list of titles)."""
    following = [b for b in blocks[i + 1 : i + 6] if isinstance(b, Paragraph)]
    return _body_chars(following) >= 80


def guess_title(blocks: list[Block], marker: str | None = None) -> str | None:
    """The title: the marker line's rest, or 1–3 short leading lines that join to a title."""
    paras = [b for b in blocks[:12] if isinstance(b, Paragraph)]
    if marker and paras and (m := _MARKER_RE.match(paras[0].text)):
        rest = paras[0].text[m.end():].strip()
        if rest:
            return rest
    for i, p in enumerate(paras[:8]):
        if _NOT_TITLE_START.search(p.norm) or _ATTACH_LABEL_RE.match(p.norm):
            continue
        lead = _LEAD_NUM_RE.match(p.norm)
        candidate = p.norm[lead.end():] if lead else p.norm
        original = p.text.strip()[len(lead.group()):] if lead else p.text.strip()
        for j in range(i, min(i + 3, len(paras))):
            if j > i:
                nxt = paras[j].norm.strip()
                if len(nxt) > 40 or _SENTENCE_PUNCT.search(nxt):
                    break
                candidate += nxt
                original += paras[j].text.strip()
            if _is_title_like(candidate):
                return re.sub(r"\s+", "", original)
    return _opening_title(paras)


def _opening_title(paras: list[Paragraph]) -> str | None:
    """A look-alike's title outside the disclosure vocabulary (2024年政府工作报告): the first line, when it is
    short, unpunctuated and ends with a document-type suffix. Only the opening line qualifies, so a line in the
    body never becomes a title (or a document boundary) without 公开/政务/信息 in it."""
    if not paras:
        return None
    t = paras[0].norm.strip()
    if not 4 <= len(t) <= 40 or _SENTENCE_PUNCT.search(t) or _NOT_TITLE_START.search(t) or not _SUFFIX_RE.search(t):
        return None
    return re.sub(r"\s+", "", paras[0].text)


def guess_year(title: str | None, blocks: list[Block]) -> int | None:
    """Report year: from the title, else the statistics-period sentence, else the first year."""
    if title and (m := _YEAR_RE.search(title.replace(" ", ""))):
        return parse_year_token(m.group(1))
    text = "\n".join(b.norm for b in blocks[:30] if isinstance(b, Paragraph))
    m = re.search(r"统计(?:期限|时限|时间|期间)[^。]{0,20}?((?:19|20)\d{2})", text)
    if m:
        return int(m.group(1))
    m = re.search(r"((?:19|20)\d{2})\s*年?(?:度)?(?:政府|政务)?信息公开", text)
    return int(m.group(1)) if m else None


def guess_agency(title: str | None, blocks: list[Block], metadata: dict[str, str]) -> str | None:
    """The reporting body: the title (or intro) text before the year, else the publisher."""
    from gkreview.normalize import norm

    sources = [(norm(title), True)] if title else []
    sources += [(b.norm, False) for b in blocks[:6] if isinstance(b, Paragraph)]
    for s, in_title in sources:
        if s and (name := _name_in(s, in_title)):
            return name
    return metadata.get("publisher")


def _name_in(s: str, in_title: bool) -> str | None:
    """The agency a title or an opening paragraph names: before (or right after) the year of a 信息公开 phrase;
    else, in a title, any text before a year; else, in the introduction, such text or the compiler (由X编制)
    when it ends like a body's name."""
    m = _AGENCY_BEFORE_ANNUAL.search(s) or _AGENCY_BEFORE_REPORT.search(s) or _AGENCY_AFTER_YEAR.search(s)
    if m:
        return _name_of(m.group(1))
    for rx in (_AGENCY_BEFORE_YEAR,) if in_title else (_AGENCY_BEFORE_YEAR, _COMPILED_BY):
        m = rx.search(s)
        name = _name_of(m.group(1)) if m else None
        if name and (in_title or name.endswith(_NAME_ENDS)):
            return name
    return None


def _name_of(found: str) -> str | None:
    """``found`` without a lead word (根据, 关于报送 …); None when what is left cannot be a name."""
    for w in AGENCY_LEAD_WORDS:
        if found.startswith(w) and len(found) > len(w) + 1:
            found = found[len(w):]
    return found if len(found) >= 2 and "关于" not in found and not found.endswith("的") else None


def segment(source: SourceFile, blocks: list[Block]) -> list[Document]:
    """Split a parsed file into documents, each with title/year/agency guesses."""
    if not blocks:
        return [Document(source=source, blocks=[], segment=0, title=source.metadata.get("title"))]
    prime_normalized(blocks)
    starts = _boundaries(blocks)
    docs: list[Document] = []
    for k, (start, marker) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(blocks)
        part = blocks[start:end]
        title = guess_title(part, marker)
        if title is None and k == 0:
            title = source.metadata.get("title")
        dates = {key: v for key, v in source.metadata.items() if key.endswith("_date")} if k == 0 else {}
        docs.append(Document(
            source=source, blocks=part, segment=k, title=title,
            year=guess_year(title, part),
            agency=guess_agency(title, part, source.metadata if k == 0 else {}),
            publisher=source.metadata.get("publisher"), dates=dates, marker=marker,
        ))
    return docs
