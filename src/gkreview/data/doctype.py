"""Cue vocabulary of the document-type classifier (domain §5).

Regular-expression sources, matched against *normalised* text (simplified script,
NFKC: ``：`` is ``:``, ``（`` is ``(``, digits are ASCII) — the title without
whitespace, the body paragraph by paragraph. :mod:`gkreview.doctype` compiles them
once at import. Keeping them here lets the classifier, its training-data generators
and the tests agree on what a 通报 or a 工作总结 "says".
"""

from __future__ import annotations

# --- title cues: what the title ends with or contains -------------------------------------------------------------

# The statistical tables of an annual report filed on their own (附件：某局2023年…年度报告统计表): part of a
# report, not a periodic statistics return, when the body carries no periodic cue (上半年, 季度 …).
REPORT_TABLES_TITLE = r"(?:年度报告|年报)(?:的)?(?:统计表|统计报表|附表|统计数据|数据表|表格)$"

TITLE_CUES: dict[str, str] = {
    "t_annual": r"(年度报告|年报|信息公开工作报告|公开工作报告|公开报告)$",
    # (the sending body's name may head the title: 芙蓉区财政局关于报送《…年度报告》的函)
    "t_memo": r"^[^《]{0,30}?关于(呈送|报送|上报|提交|报请).*(的报告|的函|的请示)$|(年度报告|年报|工作报告)》?的(报告|函)$",
    "t_circular": r"通报",
    "t_plan": r"(实施方案|方案|实施意见|意见|实施细则|细则)$",
    "t_points": r"要点",
    "t_summary": r"(总结|自查报告|自查情况)",
    "t_notice": r"通知$",
    "t_format": r"(格式|模板|模版|样表|样式)",
    "t_stats": r"(报表|统计表|统计数据|统计情况|情况统计|上半年|季度|半年)",
    # A report on the disclosure work of a year that is not called 年度报告 (domain §5: 东莞's
    # 信息公开工作报告): an annual report under a non-standard title when its content is one.
    "t_work_report": r"(信息公开|政务公开|公开)(工作)?报告$",
    # The title covers part of a year only (上半年, 第三季度, 1-6月): never that year's annual report.
    "t_partial": r"上半年|下半年|前三季度|第[一二三四1-4]季度|[1一]\s*[-至~]\s*[6六9九]月|半年",
}

# A notice that publishes (公布/发布/印发) annual reports attached to it: the reports' cover document, like a
# cover memo sent upward (宁乡市人民政府办公室关于公布2022年政府信息公开工作年度报告的通知 + 附件1, 附件2).
# Not a 格式 notice (…年度报告格式的通知) and not a compilation notice (关于报送/做好…工作的通知).
PUBLISH_NOTICE_TITLE = r"关于(?:公布|发布|公开|印发|转发)[^》]{0,60}?(?:年度报告|年报)》?(?:的)?通知$"
# The notice's attachment line names an annual report (附件:1.某县人民政府2022年…年度报告).
ATTACHED_REPORT = r"^附\s*件\s*\d*\s*[:.、]?.{0,60}?(?:年度报告|年报)"

# An annual report of another field (法治政府建设年度报告, 国有资产管理情况年度报告): a title with a report suffix
# but none of the disclosure words. Such a document is another annual report (domain §5), unless its body has
# the disclosure report's own marks (a 统计期限 sentence, table 三's labels).
OTHER_FIELD_REPORT_TITLE = r"(?:年度报告|年报|工作报告)$"
DISCLOSURE_TOPIC = r"公开|政务|信息"

# The statutory title suffix (年度报告 / 年报), as opposed to the looser names above.
STRICT_ANNUAL_TITLE = r"(年度报告|年报)$"

# --- body cues: counted over the opening of the body ---------------------------------------------------------------

BODY_CUES: dict[str, str] = {
    "c_circular": r"通报如下|现将.{0,30}通报|合格率|排名|得分|名单|予以通报|通报表扬|通报批评",
    "c_plan": r"指导思想|基本原则|组长|副组长|保障措施|工作目标|年底前|领导小组|工作任务|主要任务",
    "c_summary": r"主要做法|取得.{0,4}成效|工作成效|下一步工作打算|工作总结|自查|经验做法|工作亮点",
    "c_notice": r"请于|前报送|联系人|联系电话|报送至|编制和发布|编制发布|做好.{0,20}年度报告|按时报送",
    "c_memo": r"此报告|请审阅|请审定|请予审核|请审核|请予备案|请查收|随文|呈上|签发人|特此报告|特此函告|妥否",
    # ([1一]-[6六]月 written as two alternatives: every alternative opening with a literal lets the regex
    # engine skip to candidate characters in C.)
    "c_periodic": r"上半年|第[一二三四]季度|1-[6六]月|一-[6六]月|1至6月|季度统计|半年度",
    "c_template": r"\(文字描述\)|文字描述|XXX|××|填写说明|单位:万元\)$",
    "c_points": r"\((?:[^)]{0,20}负责|[^)]{0,20}牵头)[^)]{0,20}\)|牵头单位|责任单位|完成时限",
    "c_imperative": r"要|务必|必须|应当|确保|切实|不得",
    "c_future": r"将|拟|计划|力争",
    "c_annual": r"本报告|年度报告|统计期限|统计时限|主动公开政府信息情况|收到和处理|行政复议、行政诉讼",
}
# Cues measured as a density per 1,000 characters rather than as a count.
DENSITY_CUES: frozenset[str] = frozenset({"c_imperative", "c_future"})

# Disclosure figures: what an annual report is for (art. 32 / art. 50) — how much was published
# proactively and how many requests came in, stated as numbers. A 工作总结 lists measures instead.
PROACTIVE_FIGURE = r"主动公开[^。;\n]{0,40}?\d[\d,]*\s*(?:余)?\s*(?:条|件|项|篇|个)"
# Every alternative opens with a literal (the verb group written out, same matches in the same order),
# so the regex engine skips to the next 申/受/收/办/答 in C: three times faster than trying every position.
REQUEST_FIGURE = r"申请[^。;\n]{0,16}?\d[\d,]*\s*(?:件|条|人次|次)" + "".join(
    rf"|{verb}[^。;\n]{{0,16}}?申请[^。;\n]{{0,6}}?\d+\s*件" for verb in ("受理", "收到", "办理", "答复"))

# Headings that open with an achievement verb (主要做法-style retrospective headings of a 工作总结).
ACHIEVEMENT_HEADING = (r"^(充分|积极|认真|着力|加强|强化|深化|推进|狠抓|严格|扎实|全面|持续|不断|切实|进一步|大力|突出|注重|"
                       r"坚持|健全|完善|规范|创新|提升|抓好|做好|主要做法|取得)")

DOCNO = r"[〔\[(](?:19|20)\d{2}[〕\])]\s*\d+\s*号"
PLACEHOLDER_YEAR = r"20[Xx×]{2}|[Xx×]{2,}年"
ADDRESSEE = r"^[^,。;]{2,40}(各|人民政府|单位|部门|办公室|委员会|局|厅|政府|同志们)[^,。;]{0,20}:$"

# Row labels of table 三 (and a few of 二/四): their presence means the statutory tables are printed.
T3_LABELS: tuple[str, ...] = (
    "本年新收", "上年结转", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "结转下年度",
    "结果维持", "结果纠正", "尚未审结", "复议后起诉", "本年制发件数", "行政许可", "行政处罚", "行政事业性收费",
    "申请人情况", "法人或其他组织",
)
