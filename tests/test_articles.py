"""Whole articles of our own, end to end with the real model: the events an analyst must get, and no others."""

from __future__ import annotations

from pathlib import Path

import pytest

from facta.config import Settings
from facta.pipeline import code_articles
from facta.read.formats import make_article

pytestmark = pytest.mark.slow
ARTICLES = Path(__file__).parent / "data" / "articles"


def _code(name: str, date: str) -> list:
    text = (ARTICLES / name).read_text(encoding="utf-8")
    title, _, body = text.partition("\n\n")
    article = make_article(body, name, Settings(), title=title, date=date)
    return next(iter(code_articles([article], settings=Settings()))).events


def _key(event) -> tuple:
    return (
        event.source.country if event.source else None, event.code,
        event.target.country if event.target else None,
    )


def test_words_and_deeds_article_separates_deeds_praise_refusals_and_hypotheticals() -> None:
    events = _code("expulsions_and_praise.txt", "2018-06-04")
    affirmed = {_key(e): e for e in events if e.affirmed}
    assert set(affirmed) == {
        ("USA", "174", "RUS"),  # expelled 60 Russian diplomats
        ("USA", "161", "RUS"),  # closed the Russian consulate
        ("USA", "051", "RUS"),  # Trump congratulated Putin
        ("USA", "072", "UKR"),  # approved sending weapons to Ukraine
    }
    assert affirmed[("USA", "174", "RUS")].date == "2018-06-01"  # "on Friday"
    assert affirmed[("USA", "174", "RUS")].source.code == "USA"
    assert affirmed[("USA", "051", "RUS")].source.code == "USAGOV"
    assert affirmed[("USA", "051", "RUS")].source.name == "Donald Trump"
    weapons = affirmed[("USA", "072", "UKR")]
    assert (weapons.date, weapons.date_precision) == ("2018-05-01", "month")  # "In May"
    flagged = {(_key(e), e.negated, e.modality) for e in events if not e.affirmed}
    assert (("USA", "111", "RUS"), True, "asserted") in flagged  # declined to criticise
    # "warned that closing another consulate could provoke Moscow": a hypothetical closure, not an event, and
    # the warning is the attribution, not a threat of its own
    assert any(key[1] == "161" and modality == "hypothetical" for key, _, modality in flagged)
    assert not any(e.code.startswith("13") for e in events)


def test_president_named_in_full_then_he_the_president_and_surname_codes_alike() -> None:
    events = _code("../../../examples/summit_talks.txt", "2023-09-10")
    macron = [e for e in events if e.source and e.source.name == "Emmanuel Macron"]
    assert {e.source.code for e in macron} == {"FRAGOV"}
    assert {e.source.text for e in macron} >= {"French President Emmanuel Macron", "He", "president"}
    ambassador = [e for e in events if e.source and e.source.name == "Nicolas de Riviere"]
    assert ambassador and all(e.source.code == "FRAGOV" for e in ambassador)
    assert any(e.code == "111" and e.target and e.target.country == "RUS" for e in ambassador)
