"""Load, once, what every review needs: check modules, the classifier, the gazetteer, the boilerplate model.

The local process pool preloads this module in its fork server, so every worker
forked from it starts with these in memory instead of loading them again on its
first file (the cpca gazetteer and the jieba-free Aho-Corasick index take the most).
Importing it is all it takes.
"""

from __future__ import annotations

import contextlib

# A tiny report that passes through every view and check once, so regexes compile, lazy tables
# (the NFKC lookup, the place automaton, the label indexes) are built in the fork server and not
# in each worker on its first file.
_SAMPLE = (
    "某县人民政府办公室2021年政府信息公开工作年度报告\n"
    "一、总体情况\n2021年，我县共主动公开政府信息120条，其中规范性文件3件。\n"
    "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
    "本年新收政府信息公开申请数量 | 10 | 2 | 0 | 0 | 0 | 0 | 12\n"
    "上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
    "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n"
    "某县人民政府办公室\n2022年1月20日\n"
)


def warm() -> None:
    """Fill the process-wide caches; a part that cannot load is left to load (and fail) lazily."""
    from gkreview.normalize import normalize
    from gkreview.registry import check_modules, option_defaults, rules

    check_modules()
    rules()
    option_defaults()
    normalize("預熱 warm-up")
    with contextlib.suppress(Exception):
        from gkreview.doctype import load_model

        load_model()
    with contextlib.suppress(Exception):
        from gkreview.identity import gazetteer

        gazetteer()
    with contextlib.suppress(Exception):
        from gkreview.dedup import default_boilerplate

        default_boilerplate()
    with contextlib.suppress(Exception):
        from gkreview.config import Settings
        from gkreview.loader import load_text
        from gkreview.worker import review_document

        for doc in load_text(_SAMPLE):
            review_document(doc, Settings())


warm()
