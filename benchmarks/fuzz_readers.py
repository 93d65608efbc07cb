"""Coverage-guided fuzzing of the HTML and feed readers with atheris (libFuzzer), for a bounded time.

    .venv/bin/python benchmarks/fuzz_readers.py --seconds 60

The first byte of each input chooses the reader (HTML page or feed), the rest is the document. Seeds are a
small article page, an RSS 2.0 feed and an Atom feed, so mutation starts from real structure. A reader may
yield Articles and InputErrors or raise InputError; anything else it raises is a crash: reported on one line,
its input saved under --artifacts, and fuzzing goes on. Hard failures that libFuzzer catches itself (a hang
past -timeout, memory past -rss_limit_mb, a segfault in a C extension) stop the run with its own report. At
the end it prints executions, executions per second and every distinct crash; the exit status is 1 if any.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["facta", "feedparser", "trafilatura", "htmldate", "justext"]):
    import feedparser  # noqa: F401 - imported here to be instrumented; the reader imports it again
    import trafilatura  # noqa: F401

    from facta.config import Settings
    from facta.errors import InputError
    from facta.read.formats import read_feed, read_html

SEEDS = {
    "page.html": b"\x00<html><head><title>Talks in Oslo</title><meta charset='utf-8'>"
                 b"<meta property='article:published_time' content='2021-05-04'></head><body><nav><a href='/'>Home"
                 b"</a></nav><article><h1>Talks in Oslo</h1><p>Iceland condemned Russia on Monday over the seizure "
                 b"of a trawler, the foreign ministry said.</p><p>Officials said talks would continue next week."
                 b"</p></article><footer>Example News</footer></body></html>",
    "wire.rss": b"\x01<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Wire</title><item>"
                b"<title>Talks</title><link>http://news.example/1</link><description><![CDATA[<p>Germany praised "
                b"Chile on Tuesday, the ministry said.</p>]]></description><pubDate>Tue, 04 May 2021 10:00:00 GMT"
                b"</pubDate></item></channel></rss>",
    "wire.atom": b"\x01<feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title><entry><title>Talks</title>"
                 b"<id>urn:1</id><updated>2021-05-04T10:00:00Z</updated><content type='html'>&lt;p&gt;Kenya met "
                 b"Ghana in Nairobi.&lt;/p&gt;</content></entry></feed>",
}


class Harness:
    """Runs one input through a reader and keeps the tally."""

    def __init__(self, seconds: float, artifacts: Path) -> None:
        self.settings = Settings()
        self.seconds = seconds
        self.artifacts = artifacts
        self.started = time.monotonic()
        self.executions = 0
        self.crashes: dict[str, int] = {}

    def __call__(self, data: bytes) -> None:
        if time.monotonic() - self.started >= self.seconds:
            self.finish()
        self.executions += 1
        if not data:
            return
        reader = read_feed if data[0] & 1 else read_html
        try:
            list(reader(data[1:], "fuzz", self.settings))
        except InputError:
            pass
        except Exception as error:  # the point of the harness: anything else is a finding
            self.record(error, data)

    def record(self, error: Exception, data: bytes) -> None:
        frame = traceback.extract_tb(error.__traceback__)[-1]
        key = f"{error.__class__.__name__} at {frame.filename}:{frame.lineno}"
        if key not in self.crashes:
            path = self.artifacts / f"crash-{len(self.crashes) + 1}.bin"
            path.write_bytes(data)
            print(f"crash: {key}: {str(error)[:120]!r} (input saved to {path})", flush=True)
        self.crashes[key] = self.crashes.get(key, 0) + 1

    def finish(self) -> None:
        elapsed = time.monotonic() - self.started
        print(f"\nexecutions: {self.executions:,} in {elapsed:.1f} s ({self.executions / elapsed:,.0f} exec/s)")
        print(f"distinct crashes: {len(self.crashes)}")
        for key, count in sorted(self.crashes.items(), key=lambda item: -item[1]):
            print(f"  {count:6,} x {key}")
        sys.stdout.flush()
        os._exit(1 if self.crashes else 0)  # libFuzzer's loop never returns; end here with the report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="How long to fuzz (default 60).")
    parser.add_argument("--artifacts", type=Path, help="Where crashing inputs go (default: a new temporary folder).")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # the parsers' complaints about every broken page would drown the report
    artifacts = args.artifacts or Path(tempfile.mkdtemp(prefix="facta-fuzz-"))
    artifacts.mkdir(parents=True, exist_ok=True)
    corpus = artifacts / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, data in SEEDS.items():
        (corpus / name).write_bytes(data)
    harness = Harness(args.seconds, artifacts)
    print(f"fuzzing the HTML and feed readers for {args.seconds:g} s; artifacts in {artifacts}", flush=True)
    atheris.Setup(
        [sys.argv[0], f"-max_total_time={int(args.seconds) + 30}", "-timeout=30", "-rss_limit_mb=2048",
         "-max_len=16384", f"-artifact_prefix={artifacts}/", "-print_final_stats=1", str(corpus)],
        harness,
    )
    atheris.Fuzz()
    harness.finish()  # reached only if libFuzzer stops first (its -max_total_time is the backstop)


if __name__ == "__main__":
    main()
