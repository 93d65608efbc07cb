"""A small store for the web tests, written directly (no model): short news-like articles of our own whose
events carry exact character spans, over several months, with flagged events, a located event, an article id
with a slash in it and a title with markup in it (which the dashboard must escape)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from facta.model import Actor, Article, Event, Evidence, Location, Plover
from facta.ontology import load_ontology
from facta.store import build_clusters, connect, counts, write_batch


@dataclass(frozen=True)
class Who:
    text: str
    country: str
    role: str | None = "GOV"
    name: str | None = None

    @property
    def code(self) -> str:
        return self.country + (self.role or "")


US = Who("The United States", "USA")
WASHINGTON = Who("Washington", "USA")
TRUMP = Who("President Donald Trump", "USA", "GOV", "Donald Trump")
RUSSIA = Who("Russia", "RUS")
MOSCOW = Who("Moscow", "RUS")
BRITAIN = Who("Britain", "GBR")
CHINA = Who("China", "CHN")
UKRAINE = Who("Ukraine", "UKR")
GENEVA = Location("Geneva", "CHE", 46.2, 6.15)
KYIV = Location("Kyiv", "UKR", 50.45, 30.52)

# (sentence template, trigger, CAMEO code): {s} and {t} are the source and target texts.
FRAMES = [
    ("{s} expelled diplomats from {t} on Monday.", "expelled", "174"),
    ("{s} praised {t} for its help with the talks.", "praised", "051"),
    ("{s} imposed new sanctions on {t}.", "imposed", "163"),
    ("{s} held talks with {t} in Geneva.", "held talks", "040"),
    ("{s} sent emergency aid to {t}.", "sent", "071"),
    ("{s} criticised {t} over the election.", "criticised", "111"),
]


def _event(article: Article, sentence_index: int, sentence: str, who: Who, trigger: str, whom: Who, code: str,
           date: str, **extra: object) -> Event:
    entry = load_ontology()[code]
    start = article.text.index(sentence)
    s0 = start + sentence.index(who.text)
    t0 = start + sentence.index(whom.text, sentence.index(trigger))
    k0 = start + sentence.index(trigger)
    return Event(
        article_id=article.id, sentence_index=sentence_index, sentence=sentence,
        source=Actor(who.text, who.name, who.country, who.role, who.code, (s0, s0 + len(who.text))),
        target=Actor(whom.text, whom.name, whom.country, whom.role, whom.code, (t0, t0 + len(whom.text))),
        code=code, root=entry.root, quad_class=entry.quad_class, goldstein=entry.goldstein,
        plover=Plover(entry.plover_type, entry.plover_mode),
        evidence=Evidence(trigger, (k0, k0 + len(trigger)), f"verbs/test/{code}",
                          (s0, s0 + len(who.text)), (t0, t0 + len(whom.text))),
        date=date, date_precision="day", confidence=0.8, **extra,  # type: ignore[arg-type]
    )


def _article(aid: str, date: str, outlet: str, lines: list[tuple[str, Who, str, Who, str, dict[str, object]]],
             title: str | None = None) -> tuple[Article, list[Event]]:
    sentences = [line[0] for line in lines]
    article = Article(id=aid, text=" ".join(sentences), title=title or f"Report {aid}", date=date, source=outlet,
                      url=f"https://news.example/{aid}")
    events = [_event(article, i, sentence, who, trigger, whom, code, date, **extra)
              for i, (sentence, who, trigger, whom, code, extra) in enumerate(lines)]
    return article, events


def corpus() -> list[tuple[Article, list[Event]]]:
    """About 30 articles: USA→RUS and its reverse monthly through the first half of 2018, plus others."""
    coded = []
    day = dt.date(2018, 1, 8)
    pairs = [(US, RUSSIA), (RUSSIA, US), (WASHINGTON, MOSCOW), (BRITAIN, RUSSIA), (CHINA, UKRAINE)]
    for i in range(24):
        who, whom = pairs[i % len(pairs)]
        template, trigger, code = FRAMES[i % len(FRAMES)]
        sentence = template.format(s=who.text, t=whom.text)
        extra: dict[str, object] = {"location": GENEVA} if code == "040" else {}
        lines = [(sentence, who, trigger, whom, code, extra)]
        if i % 4 == 0:  # a second event in the same article, by the president
            lines.append((f"{TRUMP.text} praised {RUSSIA.text} at a rally.", TRUMP, "praised", RUSSIA, "051", {}))
        coded.append(_article(f"wire-{i:03d}", day.isoformat(), f"Outlet {i % 3}", lines))
        day += dt.timedelta(days=7)
    coded.append(_article("desk/2018/ukr-1", "2018-04-02", "Outlet 1", [
        ("Russia did not attack Ukraine on Sunday.", RUSSIA, "attack", UKRAINE, "190", {"negated": True}),
        ("Russia could impose sanctions on Ukraine, officials said.", RUSSIA, "impose", UKRAINE, "163",
         {"modality": "hypothetical", "attribution": "officials"}),
        ("Ukraine criticised Russia in Kyiv.", UKRAINE, "criticised", RUSSIA, "111", {"location": KYIV}),
    ], title='<script>alert("x")</script> Kyiv & Moscow'))
    return coded


def build_store(path: Path) -> dict[str, int]:
    """Write the corpus into a new store at ``path``; returns its row counts."""
    connection = connect(path)
    try:
        write_batch(connection, corpus())
        build_clusters(connection)
        return counts(connection)
    finally:
        connection.close()
