"""Exports of the stored events: CSV, Parquet, and GDELT 2.0's events table layout.

The GDELT layout has GDELT 2.0's 61 tab-separated columns in their order and meaning, filled where facta has
the value and empty where it does not, so tools written for GDELT read facta's events. One row per story
cluster (GDELT's "event"), with NumArticles and NumSources from the cluster; affirmed events only.
"""

from __future__ import annotations

from pathlib import Path

from facta.store import DEFAULT_DB, connect

FORMATS = ("csv", "parquet", "gdelt")

_FLAT = """
    SELECT e.article_id, e.seq, e.sentence_index, e.date, e.date_precision, e.source_code, e.source_country,
           e.source_role, e.source_name, e.source_text, e.code, e.root, e.quad_class, e.goldstein, e.plover_type,
           e.plover_mode, e.target_code, e.target_country, e.target_role, e.target_name, e.target_text,
           e.negated, e.modality, e.affirmed, e.attribution, e.location, e.location_country, e.lat, e.lon,
           e.trigger, e.rule, e.confidence, e.cluster_id, a.title, a.url, a.source AS outlet
    FROM events e JOIN articles a ON a.id = e.article_id
    ORDER BY e.date, e.article_id, e.seq
"""

# GDELT 2.0 event table columns, in order; each maps to a SQL expression over one representative event per
# cluster (``e``), its cluster (``c``) and article (``a``), or to NULL (an empty field) where facta has no such value.
_ACTOR_COLUMNS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                  "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_COLUMNS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def _actor(prefix: str, side: str) -> list[tuple[str, str]]:
    values = {
        "Code": f"e.{side}_code", "Name": f"upper(coalesce(e.{side}_name, e.{side}_text))",
        "CountryCode": f"e.{side}_country", "Type1Code": f"e.{side}_role",
    }
    return [(f"{prefix}{name}", values.get(name, "NULL")) for name in _ACTOR_COLUMNS]


def _geo(prefix: str) -> list[tuple[str, str]]:
    values = {
        "Type": "CASE WHEN e.lat IS NULL AND e.location_country IS NOT NULL THEN '1' "
                "WHEN e.lat IS NOT NULL THEN '4' END",
        "FullName": "e.location", "CountryCode": "e.location_country", "Lat": "e.lat", "Long": "e.lon",
    } if prefix == "ActionGeo_" else {}
    return [(f"{prefix}{name}", values.get(name, "NULL")) for name in _GEO_COLUMNS]


GDELT_COLUMNS: list[tuple[str, str]] = [
    ("GLOBALEVENTID", "c.id"),
    ("SQLDATE", "strftime(c.date_start, '%Y%m%d')"),
    ("MonthYear", "strftime(c.date_start, '%Y%m')"),
    ("Year", "strftime(c.date_start, '%Y')"),
    ("FractionDate", "round(year(c.date_start) + (dayofyear(c.date_start) - 1) / 365.0, 4)"),
    *_actor("Actor1", "source"),
    *_actor("Actor2", "target"),
    ("IsRootEvent", "CASE WHEN e.sentence_index = 0 THEN 1 ELSE 0 END"),
    ("EventCode", "e.code"),
    ("EventBaseCode", "substr(e.code, 1, 3)"),
    ("EventRootCode", "e.root"),
    ("QuadClass", "e.quad_class"),
    ("GoldsteinScale", "e.goldstein"),
    ("NumMentions", "c.n_events"),
    ("NumSources", "c.n_sources"),
    ("NumArticles", "c.n_articles"),
    ("AvgTone", "NULL"),
    *_geo("Actor1Geo_"),
    *_geo("Actor2Geo_"),
    *_geo("ActionGeo_"),
    ("DATEADDED", "strftime(a.ingested_at, '%Y%m%d%H%M%S')"),
    ("SOURCEURL", "a.url"),
]


def export(fmt: str, out: str | Path, *, db: str | Path = DEFAULT_DB) -> int:
    """Write the stored events to ``out`` in ``fmt``; returns the number of rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    connection = connect(db, read_only=True)
    try:
        target = str(out).replace("'", "''")
        if fmt == "gdelt":
            columns = ", ".join(f"{expr} AS {name}" for name, expr in GDELT_COLUMNS)
            query = f"""
                SELECT {columns} FROM clusters c
                JOIN (SELECT *, row_number() OVER (PARTITION BY cluster_id ORDER BY confidence DESC, article_id, seq)
                      AS pick FROM events WHERE cluster_id IS NOT NULL) e ON e.cluster_id = c.id AND e.pick = 1
                JOIN articles a ON a.id = e.article_id
                ORDER BY c.id
            """
            connection.execute(f"COPY ({query}) TO '{target}' (FORMAT csv, DELIMITER '\t', HEADER false)")
            row = connection.execute(f"SELECT count(*) FROM ({query})").fetchone()
        else:
            options = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER true)"
            connection.execute(f"COPY ({_FLAT}) TO '{target}' {options}")
            row = connection.execute(f"SELECT count(*) FROM ({_FLAT})").fetchone()
    finally:
        connection.close()
    return int(row[0]) if row else 0
