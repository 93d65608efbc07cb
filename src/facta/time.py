"""Event dates: resolved from the article date and the time expressions attached to the event's clause."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta

from spacy.tokens import Span, Token

_MONTHS = (
    "january february march april may june july august september october november december".split()
)
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_TIME_DEPS = frozenset({"pobj", "prep", "npadvmod", "tmod", "compound", "amod", "nummod", "advmod", "pcomp"})
_YEAR = re.compile(r"^(?:in\s+)?((?:19|20)\d\d)$")


@functools.lru_cache(maxsize=4096)
def resolve(expression: str, article_date: str) -> tuple[str, str] | None:
    """An ISO date and its precision for a time expression, relative to the article date; None if unknown.

    Dates resolve to the past: "in August" is the most recent August, "on Friday" the last Friday.
    """
    base = date.fromisoformat(article_date)
    text = expression.lower().strip().removeprefix("on ").removeprefix("the ").strip()
    if text in ("today", "this morning", "this afternoon", "this evening", "tonight"):
        return base.isoformat(), "day"
    if text in ("yesterday", "last night"):
        return (base - timedelta(days=1)).isoformat(), "day"
    for number, name in enumerate(_WEEKDAYS):
        if text in (name, f"last {name}"):
            back = (base.weekday() - number) % 7  # news says "on Friday" of the day it is published, too
            return (base - timedelta(days=back)).isoformat(), "day"
    year = _YEAR.match(text)
    if year:
        return f"{year[1]}-01-01", "year"
    for number, name in enumerate(_MONTHS, 1):
        if text in (name, f"in {name}", f"last {name}", f"early {name}", f"late {name}", f"mid-{name}"):
            year_of = base.year if number <= base.month else base.year - 1
            return date(year_of, number, 1).isoformat(), "month"
    if text in ("last week", "earlier this week", "this week"):
        return (base - timedelta(days=7 if text == "last week" else 0)).isoformat(), "day"
    if text in ("last month", "this month"):
        month = base.replace(day=1) - timedelta(days=1) if text == "last month" else base
        return month.replace(day=1).isoformat(), "month"
    if text in ("last year", "this year"):
        return f"{base.year - (text == 'last year')}-01-01", "year"
    return _parse(text, base)


def _parse(text: str, base: date) -> tuple[str, str] | None:
    import dateparser  # slow to import; most events need only the cases above

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": [],
    }
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return None
    if parsed is None or parsed.year < 1900 or parsed.date() > base + timedelta(days=1):
        return None
    has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", text.replace(str(parsed.year), "")))
    if has_day:
        return parsed.date().isoformat(), "day"
    if any(m in text for m in _MONTHS):
        return parsed.date().replace(day=1).isoformat(), "month"
    return f"{parsed.year}-01-01", "year"


def event_date(verb: Token, article_date: str | None) -> tuple[str | None, str | None]:
    """The date of the event whose verb is ``verb``: a DATE entity in its clause, a period the article dated
    earlier ("during the campaign" after "the 2016 campaign"), else the article date."""
    if article_date is None:
        return None, None
    clause = verb
    for _ in range(4):  # "In May, the administration approved sending weapons": the date of the governing clause
        for ent in _clause_dates(clause):
            found = resolve(ent.text, article_date)
            if found:
                return found
        if clause.dep_ not in ("xcomp", "conj", "ccomp", "advcl") or clause.head.i == clause.i:
            break
        clause = clause.head
    period = _dated_period(verb, article_date)
    return period or (article_date, "day")


_PERIOD_PREPS = frozenset({"during", "in", "at", "after", "before", "since"})


def _dated_period(verb: Token, article_date: str) -> tuple[str, str] | None:
    """"during the campaign": the date the article gave the same period before ("the 2016 campaign")."""
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in _PERIOD_PREPS:
            continue
        for noun in child.children:
            if noun.dep_ != "pobj" or noun.pos_ != "NOUN" or noun.ent_type_:
                continue
            for earlier in noun.doc[: noun.i]:
                if earlier.lemma_ != noun.lemma_ or earlier.i == noun.i:
                    continue
                dated = [c for c in earlier.children if c.ent_type_ == "DATE"]
                for modifier in dated:
                    found = resolve(modifier.text, article_date)
                    if found:
                        return found
    return None


def _clause_dates(verb: Token) -> list[Span]:
    """DATE entities attached to the verb directly or through a preposition ("on Friday", "in May")."""
    found = []
    for ent in _sentence_dates(verb.sent):
        head = ent.root
        hops = 0
        while hops < 4 and head.i != verb.i and head.dep_ in _TIME_DEPS:
            if head.head.i == head.i:
                break
            head = head.head
            hops += 1
        if head.i == verb.i:
            found.append(ent)
    return found


def _sentence_dates(sent: Span) -> list[Span]:
    """The DATE entities of a sentence, read off its tokens' entity tags: ``Span.ents`` walks the whole Doc on
    every call, which made coding quadratic in the length of an article."""
    doc = sent.doc
    found = []
    start: int | None = None
    for token in sent:
        if start is not None and token.ent_iob_ != "I":
            found.append(doc[start : token.i])
            start = None
        if token.ent_iob_ == "B" and token.ent_type_ == "DATE":
            start = token.i
    if start is not None and (sent.end == len(doc) or doc[sent.end].ent_iob_ != "I"):
        found.append(doc[start : sent.end])  # an entity running past the sentence is not the sentence's
    return found
