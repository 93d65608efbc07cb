"""Event dates: each date form resolved against the article date, to the past, with its precision."""

from __future__ import annotations

import pytest

from facta.time import event_date, resolve
from tests.parses import doc_from

ARTICLE_DATE = "2018-04-02"  # a Monday


@pytest.mark.parametrize(("expression", "date", "precision"), [
    ("on Friday", "2018-03-30", "day"),
    ("Friday", "2018-03-30", "day"),
    ("on Monday", "2018-04-02", "day"),  # news names the weekday of its own date too
    ("last Tuesday", "2018-03-27", "day"),
    ("yesterday", "2018-04-01", "day"),
    ("today", "2018-04-02", "day"),
    ("last week", "2018-03-26", "day"),
    ("in August", "2017-08-01", "month"),  # the most recent past August
    ("in March", "2018-03-01", "month"),
    ("December", "2017-12-01", "month"),
    ("last month", "2018-03-01", "month"),
    ("in 2016", "2016-01-01", "year"),
    ("2014", "2014-01-01", "year"),
    ("last year", "2017-01-01", "year"),
    ("March 20", "2018-03-20", "day"),
    ("on 4 March 2017", "2017-03-04", "day"),
    ("August 2015", "2015-08-01", "month"),
])
def test_date_forms_resolve_to_the_past(expression: str, date: str, precision: str) -> None:
    assert resolve(expression, ARTICLE_DATE) == (date, precision)


def test_future_or_unparseable_expressions_give_nothing() -> None:
    assert resolve("next year's budget", ARTICLE_DATE) is None
    assert resolve("the coming days", ARTICLE_DATE) is None


DURING = """
    During       during       ADP    IN    prep       6   O
    the          the          DET    DT    det        3   O
    2016         2016         NUM    CD    nummod     3   B-DATE
    campaign     campaign     NOUN   NN    pobj       0   O
    ,            ,            PUNCT  ,     punct      6   O
    Trump        Trump        PROPN  NNP   nsubj      6   B-PERSON
    met          meet         VERB   VBD   ROOT       6   O
    envoys       envoy        NOUN   NNS   dobj       6   O
    .            .            PUNCT  .     punct      6   O
    He           he           PRON   PRP   nsubj      10  O
    praised      praise       VERB   VBD   ROOT       10  O
    Russia       Russia       PROPN  NNP   dobj       10  B-GPE
    during       during       ADP    IN    prep       10  O
    the          the          DET    DT    det        14  O
    campaign     campaign     NOUN   NN    pobj       12  O
    .            .            PUNCT  .     punct      10  O
"""


def test_a_period_the_article_dated_earlier_dates_a_later_mention() -> None:
    doc = doc_from(DURING)
    assert event_date(doc[10], ARTICLE_DATE) == ("2016-01-01", "year")  # "during the campaign"


def test_clause_without_time_expression_takes_the_article_date() -> None:
    doc = doc_from(DURING)
    assert event_date(doc[10], None) == (None, None)
