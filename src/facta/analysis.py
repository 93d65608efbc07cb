"""Analyses over the store: the dyad over time with the words-vs-deeds gap, top actors and dyads, the events
behind a number. Each returns a pandas DataFrame; ``facta.open(db)`` gives them as methods, for notebooks.

Only affirmed events count (negated, hypothetical and demanded ones are left out), and story clusters are
counted by default, so an event told by ten articles counts once; ``articles=True`` counts articles instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from facta.store import DEFAULT_DB, connect

if TYPE_CHECKING:
    import pandas as pd

PERIODS = ("day", "week", "month", "year")
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a dyad as the user named it: a country (USA), an actor code (USAGOV) or a person's name."""

    column: str
    value: str

    def sql(self, prefix: str) -> str:
        return f"{prefix}_{self.column} = ?"


def side(spec: str, connection: duckdb.DuckDBPyConnection, prefix: str = "source") -> Side:
    """Interpret A or B of ``facta dyad A B``."""
    text = spec.strip()
    if len(text) == 3 and text.isupper():
        return Side("country", text)
    if text.isupper() and text.isalpha():
        return Side("code", text)
    row = connection.execute(
        f"SELECT count(*) FROM events WHERE {prefix}_name = ?", [text]
    ).fetchone()
    if row and row[0]:
        return Side("name", text)
    return Side("code", text.upper())


class Store:
    """A read-only view of a store, with the analyses as methods returning DataFrames."""

    def __init__(self, db: str | Path = DEFAULT_DB) -> None:
        self.db = str(db)
        self.connection = connect(db, read_only=True)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def dyad(
        self, a: str, b: str, *, by: str = "month", start: str | None = None, end: str | None = None,
        both_directions: bool = False, by_actor: bool = False, articles: bool = False,
    ) -> pd.DataFrame:
        return dyad(self.connection, a, b, by=by, start=start, end=end, both_directions=both_directions,
                    by_actor=by_actor, articles=articles).df()

    def top(self, *, start: str | None = None, end: str | None = None, limit: int = 10) -> dict[str, pd.DataFrame]:
        return top(self.connection, start=start, end=end, limit=limit)

    def events(self, a: str | None = None, b: str | None = None, **filters: Any) -> pd.DataFrame:
        return events(self.connection, a, b, **filters)


def open(db: str | Path = DEFAULT_DB) -> Store:
    """Open a store for analysis: ``facta.open("facta.duckdb").dyad("USA", "RUS")``."""
    return Store(db)


def _where(
    connection: duckdb.DuckDBPyConnection, a: str | None, b: str | None, start: str | None, end: str | None,
    both_directions: bool = False,
) -> tuple[str, list[Any]]:
    clauses, params = ["affirmed"], []
    if a is not None and b is not None:
        src, tgt = side(a, connection, "source"), side(b, connection, "target")
        forward = f"({src.sql('source')} AND {tgt.sql('target')})"
        params += [src.value, tgt.value]
        if both_directions:
            src2, tgt2 = side(b, connection, "source"), side(a, connection, "target")
            forward = f"({forward} OR ({src2.sql('source')} AND {tgt2.sql('target')}))"
            params += [src2.value, tgt2.value]
        clauses.append(forward)
    elif a is not None:
        src = side(a, connection, "source")
        clauses.append(src.sql("source"))
        params.append(src.value)
    if start:
        clauses.append("date >= CAST(? AS DATE)")
        params.append(start)
    if end:
        clauses.append("date <= CAST(? AS DATE)")
        params.append(end)
    return " AND ".join(clauses), params


def dyad(
    connection: duckdb.DuckDBPyConnection, a: str, b: str, *, by: str = "month", start: str | None = None,
    end: str | None = None, both_directions: bool = False, by_actor: bool = False, articles: bool = False,
) -> Rows:
    """Per period: counts of the four QuadClasses, mean Goldstein, and the words-vs-deeds gap.

    ``words`` is verbal cooperation minus verbal conflict, ``deeds`` material cooperation minus material
    conflict, ``gap`` words minus deeds: a period where words are warm and deeds hostile has a large gap.
    With ``by_actor`` the source side splits into the named person and the rest of the same government.
    """
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}")
    where, params = _where(connection, a, b, start, end, both_directions)
    unit = "coalesce(CAST(cluster_id AS VARCHAR), article_id || ':' || seq)"
    counter = "count(*)" if articles else f"count(DISTINCT {unit})"
    split = ""
    group = "period"
    if by_actor:
        split = ", CASE WHEN source_name IS NOT NULL AND source_role = 'GOV' THEN source_name ELSE 'rest' END AS actor"
        group = "period, actor"
    quads = ", ".join(f"{counter} FILTER (WHERE quad_class = {q}) AS {name}" for q, name in QUADS.items())
    sql = f"""
        SELECT *, verbal_coop - verbal_conflict AS words, material_coop - material_conflict AS deeds,
               (verbal_coop - verbal_conflict) - (material_coop - material_conflict) AS gap
        FROM (
            SELECT date_trunc('{by}', date)::DATE AS period{split}, {quads},
                   round(avg(goldstein), 2) AS mean_goldstein, count(*) AS n_events
            FROM events WHERE {where} AND date IS NOT NULL
            GROUP BY {group}
        ) ORDER BY {group}
    """
    result = connection.execute(sql, params)
    columns = [d[0] for d in result.description]
    return Rows(columns, result.fetchall())


@dataclass(frozen=True, slots=True)
class Rows:
    """A query's columns and rows, for the command line, which need not import pandas."""

    columns: list[str]
    rows: list[tuple[Any, ...]]

    def df(self) -> pd.DataFrame:
        import pandas

        frame = pandas.DataFrame(self.rows, columns=self.columns)
        if "period" in frame.columns:
            frame["period"] = pandas.to_datetime(frame["period"])
        return frame


def top(
    connection: duckdb.DuckDBPyConnection, *, start: str | None = None, end: str | None = None, limit: int = 10
) -> dict[str, pd.DataFrame]:
    """The most active source actors and dyads of a period, by story clusters."""
    where, params = _where(connection, None, None, start, end)
    unit = "coalesce(CAST(cluster_id AS VARCHAR), article_id || ':' || seq)"
    actors = connection.execute(f"""
        SELECT source_code AS actor, count(DISTINCT {unit}) AS events, round(avg(goldstein), 2) AS mean_goldstein
        FROM events WHERE {where} AND source_code IS NOT NULL
        GROUP BY actor ORDER BY events DESC, actor LIMIT {int(limit)}
    """, params).df()
    dyads = connection.execute(f"""
        SELECT source_country AS source, target_country AS target, count(DISTINCT {unit}) AS events,
               round(avg(goldstein), 2) AS mean_goldstein
        FROM events WHERE {where} AND source_country IS NOT NULL AND target_country IS NOT NULL
              AND source_country <> target_country
        GROUP BY source, target ORDER BY events DESC, source, target LIMIT {int(limit)}
    """, params).df()
    return {"actors": actors, "dyads": dyads}


def events(
    connection: duckdb.DuckDBPyConnection, a: str | None = None, b: str | None = None, *, code: str | None = None,
    start: str | None = None, end: str | None = None, limit: int = 100, include_flagged: bool = False,
) -> pd.DataFrame:
    """The events behind a number, with their sentence and the article's title and url."""
    where, params = _where(connection, a, b, start, end)
    if include_flagged:
        where = where.replace("affirmed AND ", "", 1).replace("affirmed", "TRUE", 1)
    if code:
        where += " AND code LIKE ?"
        params.append(f"{code}%")
    return connection.execute(f"""
        SELECT e.date, e.source_code, e.code, e.target_code, e.quad_class, e.goldstein, e.negated, e.modality,
               e.attribution, e.trigger, s.text AS sentence, a.title, a.url, a.source AS outlet, e.article_id,
               e.cluster_id
        FROM (SELECT * FROM events WHERE {where}) e
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN sentences s ON s.article_id = e.article_id AND s.sentence_index = e.sentence_index
        ORDER BY e.date, e.article_id, e.seq LIMIT {int(limit)}
    """, params).df()


def plot(frame: pd.DataFrame | Rows, path: str | Path, *, title: str) -> None:
    """QuadClass bars per period (cooperation up, conflict down) and the words-vs-deeds gap as a line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if isinstance(frame, Rows):
        frame = frame.df()
    if "actor" in frame.columns:
        frame = frame.groupby("period", as_index=False)[[*QUADS.values(), "words", "deeds", "gap"]].sum()
    figure, axis = plt.subplots(figsize=(12, 5.5), dpi=110)
    x = list(range(len(frame)))
    width = 0.4
    colours = {"verbal_coop": "#7fb3d5", "material_coop": "#1f618d", "verbal_conflict": "#f5b7b1",
               "material_conflict": "#b03a2e"}
    axis.bar([i - width / 2 for i in x], frame["verbal_coop"], width, color=colours["verbal_coop"],
             label="verbal cooperation")
    axis.bar([i + width / 2 for i in x], frame["material_coop"], width, color=colours["material_coop"],
             label="material cooperation")
    axis.bar([i - width / 2 for i in x], -frame["verbal_conflict"], width, color=colours["verbal_conflict"],
             label="verbal conflict")
    axis.bar([i + width / 2 for i in x], -frame["material_conflict"], width, color=colours["material_conflict"],
             label="material conflict")
    axis.axhline(0, color="black", linewidth=0.8)
    # Both axes symmetric about zero, so the gap line's zero is the bars' zero.
    reach = max(1.0, float(frame[list(QUADS.values())].to_numpy().max())) * 1.15
    axis.set_ylim(-reach, reach)
    axis.set_ylabel("events (story clusters); conflict below zero")
    gap_axis = axis.twinx()
    gap_axis.plot(x, frame["gap"], color="#d68910", marker="o", linewidth=2, label="words − deeds gap")
    gap_axis.set_ylabel("words − deeds")
    gap_reach = max(1.0, float(frame["gap"].abs().max())) * 1.15
    gap_axis.set_ylim(-gap_reach, gap_reach)
    labels = [str(p)[:7] for p in frame["period"]]
    step = max(1, len(labels) // 24)
    axis.set_xticks(x[::step])
    axis.set_xticklabels(labels[::step], rotation=60, ha="right", fontsize=8)
    handles, names = axis.get_legend_handles_labels()
    more, more_names = gap_axis.get_legend_handles_labels()
    axis.legend(handles + more, names + more_names, loc="upper left", fontsize=8, ncol=3)
    axis.set_title(title)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
