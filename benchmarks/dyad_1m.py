"""`facta dyad` over a store of 1,000,000 events: the query time (target: under a second).

    python benchmarks/dyad_1m.py [--events 1000000] [--db /tmp/facta_1m.duckdb]

Generates synthetic events (40 countries, all CAMEO roots, 2010-2020 dates, 10% flagged) straight into a store
with facta's schema, builds the story clusters, then times `dyad USA RUS --by month` (cold and warm) through
the same function the command line calls.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from facta import analysis
from facta.store import build_clusters, connect

COUNTRIES = ["USA", "RUS", "CHN", "GBR", "FRA", "DEU", "IRN", "ISR", "UKR", "TUR", "IND", "PAK", "SYR", "IRQ",
             "SAU", "EGY", "JPN", "KOR", "PRK", "BRA", "MEX", "CAN", "AUS", "ZAF", "NGA", "ETH", "KEN", "AFG",
             "POL", "ITA", "ESP", "NLD", "SWE", "NOR", "VEN", "COL", "ARG", "IDN", "PHL", "VNM"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/facta_1m.duckdb"))
    args = parser.parse_args()
    for suffix in ("", ".wal"):
        Path(str(args.db) + suffix).unlink(missing_ok=True)
    connection = connect(args.db)
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    start = time.perf_counter()
    n_articles = max(1, args.events // 5)
    connection.execute(f"""
        INSERT INTO articles (id, title, date, url, source, origin, text, n_events)
        SELECT 'a' || i, 'title ' || i, DATE '2010-01-01' + CAST(hash(i) % 4000 AS INTEGER), NULL,
               'outlet ' || (i % 50), 'synthetic', 'text', 5
        FROM range({n_articles}) t(i)
    """)
    connection.execute(f"""
        INSERT INTO events (article_id, seq, sentence_index, date, date_precision, source_code, source_country,
                            target_code, target_country, code, root, quad_class, goldstein, negated, modality,
                            affirmed, trigger, rule, confidence)
        SELECT 'a' || (i // 5), i % 5, 0,
               DATE '2010-01-01' + CAST(hash(i // 5) % 4000 AS INTEGER), 'day',
               {countries}[CAST(1 + hash(i * 7) % 40 AS BIGINT)], {countries}[CAST(1 + hash(i * 7) % 40 AS BIGINT)],
               {countries}[CAST(1 + hash(i * 13) % 40 AS BIGINT)], {countries}[CAST(1 + hash(i * 13) % 40 AS BIGINT)],
               lpad(CAST(1 + hash(i * 3) % 20 AS VARCHAR), 2, '0') || '0',
               lpad(CAST(1 + hash(i * 3) % 20 AS VARCHAR), 2, '0'),
               CASE WHEN 1 + hash(i * 3) % 20 <= 5 THEN 1 WHEN 1 + hash(i * 3) % 20 <= 8 THEN 2
                    WHEN 1 + hash(i * 3) % 20 <= 13 THEN 3 ELSE 4 END,
               (hash(i) % 200) / 10.0 - 10, hash(i) % 10 = 0, 'asserted', hash(i) % 10 <> 0,
               'synthetic', 'benchmark', 0.5
        FROM range({args.events}) t(i)
    """)
    clusters = build_clusters(connection)
    connection.close()
    print(f"generated {args.events:,} events in {n_articles:,} articles, {clusters:,} story clusters "
          f"in {time.perf_counter() - start:.1f} s")
    with analysis.open(args.db) as store:
        for label in ("cold", "warm"):
            began = time.perf_counter()
            frame = store.dyad("USA", "RUS", by="month")
            elapsed = time.perf_counter() - began
            print(f"dyad USA RUS --by month ({label}): {elapsed:.3f} s, {len(frame)} periods, "
                  f"{int(frame['n_events'].sum()):,} events")
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "facta", "dyad", "USA", "RUS", "--db", str(args.db), "--by", "month"],
                   check=True, capture_output=True)
    print(f"`facta dyad USA RUS --by month` as a command, process start included: "
          f"{time.perf_counter() - began:.2f} s")


if __name__ == "__main__":
    main()
