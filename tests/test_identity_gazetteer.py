"""One gazetteer automaton serves the identity checks and the duplicate detector, each with its own view."""

from __future__ import annotations

from gkreview.dedup import places
from gkreview.gazetteer import gazetteer
from gkreview.identity import gazetteer as identity_gazetteer
from gkreview.identity import parse_agency


def test_one_automaton_for_both_views() -> None:
    g = gazetteer()
    assert identity_gazetteer() is g
    assert places._automaton() is g.automaton
    assert set(g.entries) | set(g.places) == set(g.automaton.keys())
    assert "恩施州" in g.entries and "恩施州" not in g.places  # identity's short form of an autonomous prefecture
    assert "宜宾" in g.places and "宜宾" not in g.entries  # the detector's short form without 市


def test_identity_view_is_leftmost_longest_and_ignores_place_only_names() -> None:
    found = [(s, e, alias) for s, e, alias, _ in gazetteer().find("四川省宜宾市翠屏区与恩施州")]
    assert found == [(0, 3, "四川省"), (3, 6, "宜宾市"), (6, 9, "翠屏区"), (10, 13, "恩施州")]
    assert not gazetteer().find("宜宾的")  # 宜宾 alone is a name of the detector's view only
    assert [p.canonical for p in parse_agency("杭州市临安区财政局").places] == ["杭州市", "临安市"]


def test_place_view_is_unchanged_by_identity_aliases() -> None:
    hits = places.find_places("恩施州和宜宾的临安区")
    assert [h.name for h in hits] == ["恩施州", "宜宾", "临安区"]  # 恩施(市) + suffix, as before the merge
    assert all(h.codes for h in hits)
