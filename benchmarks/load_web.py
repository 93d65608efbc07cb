"""Load test of `facta serve`: concurrent clients on the events and dyad endpoints, latency and memory.

    python benchmarks/load_web.py [--clients 50] [--seconds 30] [--db FILE] [--articles 4000]

Builds a store of synthetic coded events (or serves --db as it is), starts `facta serve --read-only` on a free
loopback port in a subprocess and waits until it answers and its model has loaded, so memory is measured on a
server as it would run. Then N clients send requests back to back for S seconds: filtered and paginated event
lists, dyad series by week, month and year, actor and text searches. The clients speak plain HTTP/1.1 over
asyncio streams (keep-alive, one connection each), which costs the shared CPU far less than a full client
library would, so the figures measure the server.

Prints requests, failures, throughput, p50/p95/p99 latency, and the server's resident memory (psutil) before
the load, after the warm-up (the first tenth of the run, at most 5 s) and at the end, with the growth from the
warm-up to the end in %: caches and the thread pool fill during the warm-up, a leak keeps growing after it.
Exits 1 on any failed request or when memory grows more than --max-growth % (default 20) after the warm-up.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import psutil

from facta.model import Actor, Article, Event, Evidence, Plover
from facta.ontology import load_ontology
from facta.store import build_clusters, connect, counts, write_batch

COUNTRIES = ["USA", "RUS", "CHN", "GBR", "FRA", "DEU", "IRN", "ISR", "UKR", "TUR", "IND", "PAK"]
CODES = ["010", "036", "040", "042", "051", "057", "061", "071", "111", "112", "130", "138", "163", "172", "174",
         "190", "0253"]
VERBS = {"010": "said", "036": "offered talks to", "040": "consulted", "042": "visited", "051": "praised",
         "057": "signed a deal with", "061": "cooperated with", "071": "sent aid to", "111": "criticised",
         "112": "accused", "130": "threatened", "138": "threatened to strike", "163": "sanctioned",
         "172": "cut ties with", "174": "expelled diplomats of", "190": "attacked", "0253": "urged the release by"}


def build(path: Path, articles: int) -> dict[str, int]:
    """A store of synthetic articles, five events each, over 2015-2019, written by the store's own writer."""
    ontology = load_ontology()
    rng = random.Random(7)
    connection = connect(path)
    start = dt.date(2015, 1, 1)
    batch: list[tuple[Article, list[Event]]] = []
    for i in range(articles):
        date = (start + dt.timedelta(days=rng.randrange(5 * 365))).isoformat()
        sentences, events = [], []
        text = ""
        for seq in range(5):
            a, b = rng.sample(COUNTRIES, 2) if rng.random() > 0.4 else ("USA", "RUS")
            code = rng.choice(CODES)
            entry = ontology[code]
            sentence = f"{a} {VERBS[code]} {b} in talk number {seq} of story {i}."
            offset = len(text) + (1 if text else 0)
            text = f"{text} {sentence}" if text else sentence
            sentences.append(sentence)
            events.append(Event(
                article_id=f"bench-{i}", sentence_index=seq, sentence=sentence,
                source=Actor(a, None, a, "GOV", a + "GOV", (offset, offset + 3)),
                target=Actor(b, None, b, "GOV", b + "GOV", None),
                code=code, root=entry.root, quad_class=entry.quad_class, goldstein=entry.goldstein,
                plover=Plover(entry.plover_type, entry.plover_mode),
                evidence=Evidence(VERBS[code].split()[0], (offset + 4, offset + 4 + len(VERBS[code].split()[0])),
                                  "benchmark"),
                date=date, date_precision="day", negated=rng.random() < 0.1, confidence=0.7,
            ))
        batch.append((Article(id=f"bench-{i}", text=text, title=f"Story {i}", date=date, source=f"outlet {i % 40}"),
                      events))
        if len(batch) == 500:
            write_batch(connection, batch)
            batch = []
    if batch:
        write_batch(connection, batch)
    build_clusters(connection)
    found = counts(connection)
    connection.close()
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "facta", "serve", "--db", str(db), "--port", str(port), "--read-only"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            error = server.stderr.read().decode() if server.stderr else ""
            raise SystemExit(f"load_web: the server exited: {error.strip()}")
        try:
            health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json()
            if health["model"] == "loaded" or health["model"].startswith("failed"):
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    server.kill()
    raise SystemExit("load_web: the server did not come up within 180 s")


def request_for(rng: random.Random) -> tuple[str, dict[str, str | int]]:
    """One request of the mix: event lists (filtered, paginated), dyad series, searches."""
    a, b = rng.sample(COUNTRIES, 2) if rng.random() > 0.5 else ("USA", "RUS")
    year = rng.randrange(2015, 2020)
    roll = rng.random()
    if roll < 0.35:
        return "/api/events", {"dyad": f"{a},{b}", "limit": 50, "offset": rng.choice([0, 0, 50, 100])}
    if roll < 0.5:
        return "/api/events", {"source": a, "start": f"{year}-01-01", "end": f"{year}-06-30",
                               "code": rng.choice(["1", "17", "04", "19", "05"]).ljust(2, "0"), "limit": 100}
    if roll < 0.6:
        return "/api/events", {"actor": a, "q": rng.choice(["talk number 3", "story 1", "expelled"]),
                               "include_flagged": "true", "limit": 20}
    return "/api/dyad", {"a": a, "b": b, "by": rng.choice(["week", "month", "month", "year"]),
                         "both_directions": rng.choice(["true", "false"])}


class Connection:
    """A keep-alive HTTP/1.1 connection with just enough of the protocol for GET requests: a load generator
    that costs the shared CPU little, so the figures measure the server rather than the client."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, bytes]:
        if self.writer is None or self.reader is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode("ascii"))
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
                body += await self.reader.readexactly(size + 2)
            await self.reader.readuntil(b"\r\n")
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def client(port: int, seed: int, until: float, latencies: list[float], failures: list[str]) -> None:
    rng = random.Random(seed)
    connection = Connection("127.0.0.1", port)
    while time.monotonic() < until:
        path, params = request_for(rng)
        target = f"{path}?{urlencode(params)}"
        began = time.perf_counter()
        try:
            status, body = await asyncio.wait_for(connection.get(target), timeout=60)
            if status != 200:
                failures.append(f"{status} {target}: {body[:200]!r}")
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            failures.append(f"{error.__class__.__name__} {target}")
            await connection.close()
        latencies.append(time.perf_counter() - began)
    await connection.close()


async def load(port: int, clients: int, seconds: float, server: psutil.Process
               ) -> tuple[list[float], list[str], list[tuple[float, int]]]:
    latencies: list[float] = []
    failures: list[str] = []
    samples: list[tuple[float, int]] = []
    began = time.monotonic()
    until = began + seconds

    async def sample() -> None:
        while time.monotonic() < until:
            samples.append((time.monotonic() - began, server.memory_info().rss))
            await asyncio.sleep(0.5)

    await asyncio.gather(sample(), *(client(port, seed, until, latencies, failures) for seed in range(clients)))
    samples.append((time.monotonic() - began, server.memory_info().rss))
    return latencies, failures, samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", type=Path, help="serve this store instead of building one")
    parser.add_argument("--articles", type=int, default=4000, help="synthetic articles (five events each)")
    parser.add_argument("--max-growth", type=float, default=20.0, help="allowed memory growth after warm-up, %%")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="facta-load-") as scratch:
        db = args.db
        if db is None:
            db = Path(scratch) / "load.duckdb"
            began = time.perf_counter()
            found = build(db, args.articles)
            print(f"store: {found['articles']:,} articles, {found['events']:,} events, "
                  f"{found['clusters']:,} story clusters (built in {time.perf_counter() - began:.1f} s)")
        port = free_port()
        server = start_server(db, port)
        try:
            process = psutil.Process(server.pid)
            idle = process.memory_info().rss
            warmup = min(5.0, args.seconds / 10)
            server_cpu, client_cpu = sum(process.cpu_times()[:2]), sum(os.times()[:2])
            latencies, failures, samples = asyncio.run(load(port, args.clients, args.seconds, process))
            cpu = (sum(process.cpu_times()[:2]) - server_cpu, sum(os.times()[:2]) - client_cpu)
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(args, latencies, failures, samples, idle, warmup, cpu)


def report(args: argparse.Namespace, latencies: list[float], failures: list[str],
           samples: list[tuple[float, int]], idle: int, warmup: float, cpu: tuple[float, float]) -> None:
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000 if ordered else float("nan")

    warm = next((rss for at, rss in samples if at >= warmup), samples[0][1])
    end = samples[-1][1]
    peak = max(rss for _, rss in samples)
    growth = 100 * (end - warm) / warm
    mb = 1024 * 1024
    print(f"clients {args.clients}, {args.seconds:g} s on {os.cpu_count()} cores; CPU time: server {cpu[0]:.1f} s, "
          f"clients {cpu[1]:.1f} s")
    print(f"requests {len(latencies):,}, failures {len(failures):,}, "
          f"throughput {len(latencies) / args.seconds:,.1f} requests/s")
    print(f"latency p50 {pct(50):.1f} ms, p95 {pct(95):.1f} ms, p99 {pct(99):.1f} ms, "
          f"max {ordered[-1] * 1000 if ordered else float('nan'):.1f} ms, mean "
          f"{statistics.fmean(ordered) * 1000 if ordered else float('nan'):.1f} ms")
    print(f"server RSS: idle {idle / mb:.1f} MB, after {warmup:g} s warm-up {warm / mb:.1f} MB, "
          f"end {end / mb:.1f} MB, peak {peak / mb:.1f} MB; growth after warm-up {growth:+.1f}% "
          f"(from idle {100 * (end - idle) / idle:+.1f}%)")
    marks = [samples[int(i * (len(samples) - 1) / 6)] for i in range(7)]
    print("server RSS over the run: " + ", ".join(f"{at:.0f} s {rss / mb:.0f} MB" for at, rss in marks))
    for failure in failures[:10]:
        print(f"failed: {failure}")
    if failures:
        sys.exit(1)
    if growth > args.max_growth:
        print(f"memory grew {growth:.1f}% after the warm-up, over the {args.max_growth:g}% allowed")
        sys.exit(1)


if __name__ == "__main__":
    main()
