"""Load, once, what every review needs: check modules, the classifier, the gazetteer, the boilerplate model.

The local process pool preloads this module in its fork server, so every worker
forked from it starts with these in memory instead of loading them again on its
first file (the cpca gazetteer and the jieba-free Aho-Corasick index take the most).
Importing it is all it takes.
"""

from __future__ import annotations

import contextlib


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


warm()
