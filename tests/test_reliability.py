"""Bad, hostile and broken input through ``facta extract`` and ``facta ingest``, end to end.

Each bad input is checked against the design's reliability rules: exactly one line on standard error naming
the input and the reason, no traceback, exit status 1, the other inputs of the same run still coded, and for
ingest a store that already held articles keeps exactly them plus the good articles of the run. Inputs that
are only unusual (UTF-16, Latin-1, mixed encodings) must be decoded and coded, not refused.

The commands run in this process through Typer's CliRunner, so the spaCy model loads once for the module; the
cases that need a process of their own (peak memory, a file-size limit, a second writer) run ``python -m facta``.
Every text is our own; no test leaves the loopback interface.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from facta import cli as cli_module
from facta.cli import app
from facta.config import Settings
from facta.store import connect, counts
from tests.read.conftest import LocalServer, redirect, respond, serve

pytestmark = pytest.mark.slow

COMMANDS = ("extract", "ingest")
MARKER = "FACTA-SECRET-7Q2X"  # a secret that must never reach any output

# ---------------------------------------------------------------------------------------------------------------
# Texts (our own) and the records that hold them
# ---------------------------------------------------------------------------------------------------------------

SEED = [
    {"id": "seed-1", "text": "Norway condemned Peru on Monday over the arrest of two aid workers, the foreign ministry "
                             "said.", "date": "2022-03-07"},
    {"id": "seed-2", "text": "Japan praised Mexico for its handling of the migration talks, officials in Tokyo said on "
                             "Tuesday.", "date": "2022-03-08"},
    {"id": "seed-3", "text": "Egypt accused Sudan of violating the ceasefire along the border on Wednesday.",
     "date": "2022-03-09"},
    {"id": "seed-4", "text": "Poland met Lithuania in Vilnius on Thursday and agreed to cooperate on energy.",
     "date": "2022-03-10"},
]
GOOD = {"id": "good-1", "text": "Portugal condemned Vietnam on Wednesday after the border incident, the foreign "
                                "ministry in Lisbon said.", "date": "2022-03-09"}
SPANISH_TEXT = (
    "Canadá y Jordania firmaron el martes un acuerdo para ampliar la cooperación en materia de agua, según "
    "informaron los ministerios de ambos países en un comunicado conjunto."
)
GERMAN_TEXT = (
    "Die Regierung in Wien hat am Montag die Verhaftung von zwei Journalisten in Minsk scharf verurteilt, wie "
    "ein Sprecher des Außenministeriums mitteilte. Die Gespräche mit der Regierung sollen im Herbst fortgesetzt "
    "werden, hieß es weiter."
)
SWEDEN_TEXT = (
    "Sweden criticised Belarus on Monday for the arrest of a journalist, Ambassador Björn Åkesson said in "
    "Stockholm. Officials said the envoy in Minsk had been summoned."
)
SPAIN_TEXT = (
    "Foreign Minister Inés Peña of Spain condemned Morocco on Thursday over the detention of fishermen, officials "
    "in Málaga said. The ministry said talks with Rabat would resume in the spring."
)
QUOTED_TEXT = (
    "“We condemn this attack,” said the Danish foreign minister — Denmark condemned Syria on Friday, the ministry "
    "in Copenhagen said. Søren Ågård, a spokesman, said talks would follow."
)
MIXED = [
    {"id": "m1", "text": "Canada accused Jordan of obstructing the inquiry, Minister Zoë Côté said on Friday."},
    {"id": "m2", "text": "Austria praised Chile on Tuesday for the trade accord, a spokesman in Wien said after "
                         "Señor Peña spoke."},
    {"id": "m3", "text": "Kenya met Ghana in Nairobi on Friday to discuss the dispute over fishing rights."},
]
ARTICLE_PAGE = (
    "<html><head><title>Talks in Oslo</title></head><body><article><h1>Talks in Oslo</h1>"
    "<p>Iceland condemned Russia on Monday over the seizure of a fishing trawler, the foreign ministry in "
    "Reykjavik said in a statement.</p><p>Officials said the crew had been held for three days before the "
    "vessel was escorted out of the disputed waters, and that talks would continue in Oslo next week.</p>"
    "</article></body></html>"
)


def jsonl(*records: dict[str, object] | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def unpunctuated(length: int, seed: int) -> str:
    """One sentence of news words and no punctuation at all, exactly ``length`` characters long."""
    rng = random.Random(seed)
    words = ("France condemned Iran and Germany met Chile while officials said the ministers did not expel "
             "diplomats from Japan but Russia accused Britain of interference in its affairs and talks would "
             "continue").split()
    parts: list[str] = []
    size = 0
    while size <= length:
        word = rng.choice(words)
        parts.append(word)
        size += len(word) + 1
    text = " ".join(parts)[:length]
    return text[:-1] + "s" if text.endswith(" ") else text


# ---------------------------------------------------------------------------------------------------------------
# Running the command line and reading the store
# ---------------------------------------------------------------------------------------------------------------

RUNNER = CliRunner()


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("facta: error: ")]

    @property
    def other_stderr(self) -> list[str]:
        """Standard error besides the error lines and ingest's closing summary."""
        return [line for line in self.stderr.splitlines()
                if line.strip() and not line.startswith(("facta: error: ", "added "))]

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]

    def coded_ids(self) -> set[str]:
        return {str(event["article_id"]) for event in self.events()}


def run_cli(*args: str) -> Run:
    """The command line in this process. Any exception but the exit Typer raises fails the test: from the real
    entry point it would be a traceback."""
    result = RUNNER.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"facta {' '.join(args)} raised {result.exception!r}") from result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def command(name: str, inputs: list[Path | str], db: Path) -> list[str]:
    args = [name, "--processes", "1", *map(str, inputs)]
    return [*args, "--db", str(db)] if name == "ingest" else args


@dataclass(frozen=True)
class Stored:
    totals: dict[str, int]
    articles: dict[str, tuple[object, ...]]  # id -> (text, n_events)
    events: dict[str, int]  # article id -> events stored

    @property
    def texts(self) -> str:
        return "\n".join(str(row[0]) for row in self.articles.values())


def stored(db: Path) -> Stored:
    connection = connect(db, read_only=True)
    try:
        articles = {row[0]: tuple(row[1:]) for row in
                    connection.execute("SELECT id, text, n_events FROM articles").fetchall()}
        events = {row[0]: int(row[1]) for row in
                  connection.execute("SELECT article_id, count(*) FROM events GROUP BY article_id").fetchall()}
        return Stored(counts(connection), articles, events)
    finally:
        connection.close()


def assert_store_kept(before: Stored, db: Path, *, added: int) -> Stored:
    """Every article stored before is there unchanged with its events; ``added`` new ones, whole, beside them."""
    after = stored(db)
    for article_id, row in before.articles.items():
        assert after.articles.get(article_id) == row, f"stored article {article_id} changed"
        assert after.events.get(article_id, 0) == before.events.get(article_id, 0)
    new = set(after.articles) - set(before.articles)
    assert len(new) == added == after.totals["articles"] - before.totals["articles"], sorted(new)
    for article_id in new:  # a whole article: its events are all there
        assert after.events.get(article_id, 0) == after.articles[article_id][1]
    assert after.totals["events"] == before.totals["events"] + sum(after.events.get(i, 0) for i in new)
    return after


def assert_one_clean_error(run: Run, origin: str, reason: str) -> None:
    """Exit 1, no traceback, and exactly one error line, naming ``origin`` and matching ``reason``."""
    assert "Traceback" not in run.stdout + run.stderr
    assert run.exit_code == 1, run.stderr
    assert len(run.errors) == 1, run.stderr
    (line,) = run.errors
    assert line.startswith(f"facta: error: {origin}: "), line
    assert re.search(reason, line[len(f"facta: error: {origin}: "):]), line
    assert not run.other_stderr, run.stderr


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seed")
    corpus = folder / "seed.jsonl"
    corpus.write_text(jsonl(*SEED), encoding="utf-8")
    db = folder / "seed.duckdb"
    run = run_cli(*command("ingest", [corpus], db))
    assert run.exit_code == 0, run.stderr
    totals = stored(db).totals
    assert totals["articles"] == len(SEED) and totals["events"] >= len(SEED)
    return db


@pytest.fixture
def store(seed_store: Path, tmp_path: Path) -> Path:
    """A store already holding the seed articles, for one test to run against."""
    db = tmp_path / "facta.duckdb"
    shutil.copy(seed_store, db)
    wal = seed_store.with_name(seed_store.name + ".wal")
    if wal.exists():
        shutil.copy(wal, db.with_name(db.name + ".wal"))
    return db


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A good input that goes into every bad run: it must still be coded."""
    path = tmp_path / "good.jsonl"
    path.write_text(jsonl(GOOD), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------------------------
# Bad input: one clean error line, the rest still coded, the store untouched
# ---------------------------------------------------------------------------------------------------------------


def _billion_laughs() -> bytes:
    levels = ['<!ENTITY lol0 "Chile condemned Peru on Monday, officials said. ">']
    levels += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(levels) + "\n]>\n"
        '<rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Laughs</title><link>http://news.example/lol</link><description>&lol9;</description></item>"
        "<item><title>Talks</title><link>http://news.example/talks</link><description>Germany praised Chile on "
        "Tuesday, the ministry said.</description></item></channel></rss>\n"
    ).encode("utf-8")


def _external_entity(folder: Path, markup: str) -> bytes:
    secret = folder / "secret.txt"
    secret.write_text(f"{MARKER} Germany condemned Chile on Monday, officials said.\n", encoding="utf-8")
    if markup == "rss":
        return (
            f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
            '<rss version="2.0"><channel><title>Wire &xxe;</title><item><title>Talks &xxe;</title>'
            "<link>http://news.example/1</link><description>Germany praised Chile on Tuesday, the ministry said. "
            "&xxe;</description></item></channel></rss>\n"
        ).encode()
    return (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        "<html><head><title>Talks &xxe;</title></head><body><article><p>Germany praised Chile on Tuesday for the "
        "trade accord, the ministry in Berlin said in a statement. &xxe;</p><p>Officials said talks on fishing "
        "rights would continue next month in Santiago.</p></article></body></html>\n"
    ).encode()


@dataclass(frozen=True)
class Bad:
    """A bad input: its file name, its bytes (built in the test's folder), what the error line names after the
    path (":2" for a JSON line), the reason it gives, and the records in it that are good and still coded."""

    name: str
    content: Callable[[Path], bytes]
    reason: str
    where: str = ""
    coded: tuple[str, ...] = ()


def const(data: bytes) -> Callable[[Path], bytes]:
    return lambda _folder: data


BAD = [
    Bad("empty.txt", const(b""), r"^empty input$"),
    Bad("blank.txt", const(b" \n\t \r\n   \n"), r"^empty input$"),
    Bad("unicode_blank.txt", const(" \u00a0\u3000\u2003\n\u2029 ".encode()), r"^no text to code"),
    Bad("chart.png", const(b"\x89PNG\r\n\x1a\n" + random.Random(3).randbytes(2048)), r"binary file \(a PNG image\)"),
    Bad("wire.txt.gz", const(gzip.compress(GOOD["text"].encode())), r"binary file \(gzip-compressed data\)"),
    Bad("noise.dat", const(random.Random(4).randbytes(8192)), r"binary"),
    Bad("corpus.jsonl", const(jsonl(
        {"id": "j1", "text": SEED[0]["text"].replace("Norway", "Finland")}, '{"id": "j2", "text": "Chile recalled',
        {"id": "j3", "text": SEED[1]["text"].replace("Japan", "Nepal")}).encode()),
        r"^malformed JSON \(JSONDecodeError", where=":2", coded=("j1", "j3")),
    Bad("record.json", const(json.dumps({"id": "r1", "title": "Kenya and Ghana hold talks"}).encode()),
        r'neither a JSON Feed nor records with a "text" field'),
    Bad("headlines.jsonl", const(jsonl(
        {"id": "h1", "text": SEED[2]["text"].replace("Egypt", "Libya")}, {"id": "h2", "title": "Headline only"}
    ).encode()), r'^record has no "text"$', where=":2", coded=("h1",)),
    Bad("deep.json", const(b"[" * 200_000), r"^malformed JSON \(nested too deeply\)$"),
    Bad("nothing.json", const(b"[]"), r"^no records in the JSON document"),
    Bad("nachrichten.txt", const(GERMAN_TEXT.encode()), r"^not English text"),
    Bad("languages.jsonl", const(jsonl(
        {"id": "l1", "text": SEED[3]["text"].replace("Poland", "Latvia")}, {"id": "l2", "text": SPANISH_TEXT}
    ).encode()), r"^not English text", where=":2", coded=("l1",)),
    Bad("front_page.html", const(
        b'<!DOCTYPE html><html><head><title>Example News - Home</title></head><body><nav><a href="/">Home</a> '
        b'<a href="/world">World</a> <a href="/sport">Sport</a></nav><script>var edition = "uk";</script>'
        b"<footer>Example News. All rights reserved.</footer></body></html>"), r"^no article text found"),
    Bad("laughs.xml", const(_billion_laughs()), r"declares XML entities"),
    Bad("xxe.rss", functools.partial(_external_entity, markup="rss"), r"declares XML entities"),
    Bad("xxe.html", functools.partial(_external_entity, markup="html"), r"declares XML entities"),
    Bad("book.txt", lambda _folder: unpunctuated(2_500_000, seed=5).encode(),
        r"^text of 2,500,000 characters is over the 100,000-character limit"),
]


@pytest.mark.parametrize("bad", BAD, ids=[b.name for b in BAD])
@pytest.mark.parametrize("name", COMMANDS)
def test_bad_input_is_one_error_line_and_the_rest_is_coded(
    name: str, bad: Bad, tmp_path: Path, store: Path, good: Path
) -> None:
    path = tmp_path / bad.name
    path.write_bytes(bad.content(tmp_path))
    before = stored(store)
    started = time.monotonic()
    run = run_cli(*command(name, [path, good], store))
    assert time.monotonic() - started < 60
    assert_one_clean_error(run, f"{path}{bad.where}", bad.reason)
    assert MARKER not in run.stdout + run.stderr
    expected = {str(GOOD["id"]), *bad.coded}
    if name == "extract":
        assert run.coded_ids() == expected
    else:
        after = assert_store_kept(before, store, added=len(expected))
        assert set(after.articles) - set(before.articles) == expected
        assert MARKER not in after.texts


def test_entity_declared_only_in_an_external_dtd_is_never_expanded(tmp_path: Path) -> None:
    """A feed that names an external DTD declaring a file entity: the DTD is not fetched, the entity not read."""
    _external_entity(tmp_path, "rss")
    dtd = tmp_path / "wire.dtd"
    dtd.write_text(f'<!ENTITY xxe SYSTEM "{(tmp_path / "secret.txt").as_uri()}">\n', encoding="utf-8")
    feed = tmp_path / "wire.rss"
    feed.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "{dtd.as_uri()}">\n<rss version="2.0"><channel><title>Wire'
        "</title><item><title>Talks</title><link>http://news.example/1</link><description>Germany praised Chile "
        "on Tuesday, the ministry said. &xxe;</description></item></channel></rss>\n", encoding="utf-8",
    )
    run = run_cli("extract", "--processes", "1", str(feed))
    assert "Traceback" not in run.stdout + run.stderr
    assert MARKER not in run.stdout + run.stderr
    assert run.exit_code == 0 and not run.errors
    assert any(e["code"] == "051" for e in run.events())  # the item itself was read and coded


# ---------------------------------------------------------------------------------------------------------------
# Unusual encodings: decoded and coded, not refused
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Readable:
    """An input in an unusual encoding: its events (source country, code, target country), each found in a
    sentence holding the given non-ASCII word intact, and the number of articles it holds."""

    name: str
    content: bytes
    expected: tuple[tuple[str, str, str, str], ...]
    articles: int = 1


def _mixed_encodings() -> bytes:
    return b"".join([
        json.dumps(MIXED[0], ensure_ascii=False).encode("utf-8") + b"\n",
        json.dumps(MIXED[1], ensure_ascii=False).encode("cp1252") + b"\n",  # a line from a Windows-1252 source
        b"\xef\xbb\xbf" + json.dumps(MIXED[2]).encode("utf-8") + b"\n",  # a concatenated file's BOM mid-corpus
    ])


READABLE = [
    Readable("utf16_bom.txt", SWEDEN_TEXT.encode("utf-16"), (("SWE", "111", "BLR", "Åkesson"),)),
    Readable("utf16le.txt", SWEDEN_TEXT.encode("utf-16-le"), (("SWE", "111", "BLR", "Åkesson"),)),
    Readable("utf16be.txt", SWEDEN_TEXT.encode("utf-16-be"), (("SWE", "111", "BLR", "Åkesson"),)),
    Readable("latin1.txt", SPAIN_TEXT.encode("latin-1"), (("ESP", "111", "MAR", "Inés Peña"),)),
    Readable("windows1252.txt", QUOTED_TEXT.encode("cp1252"), (("DNK", "111", "SYR", "“We condemn"),)),
    Readable("mixed.jsonl", _mixed_encodings(), (
        ("CAN", "112", "JOR", "Zoë Côté"), ("AUT", "051", "CHL", "Señor Peña"), ("KEN", "040", "GHA", "Nairobi"),
    ), articles=3),
    Readable("powershell.jsonl", jsonl(*MIXED).encode("utf-16"), (
        ("CAN", "112", "JOR", "Zoë Côté"), ("AUT", "051", "CHL", "Señor Peña"),
    ), articles=3),
]


@pytest.mark.parametrize("readable", READABLE, ids=[r.name for r in READABLE])
@pytest.mark.parametrize("name", COMMANDS)
def test_unusual_encodings_are_decoded_and_coded(name: str, readable: Readable, tmp_path: Path, store: Path) -> None:
    path = tmp_path / readable.name
    path.write_bytes(readable.content)
    before = stored(store)
    run = run_cli(*command(name, [path], store))
    assert "Traceback" not in run.stdout + run.stderr
    assert run.exit_code == 0 and not run.errors and not run.other_stderr, run.stderr
    if name == "extract":
        found = {(e["source"]["country"] if e["source"] else None, e["code"],
                  e["target"]["country"] if e["target"] else None, e["sentence"]) for e in run.events()}
        for source, code, target, word in readable.expected:
            assert any(f[:3] == (source, code, target) and word in str(f[3]) for f in found), (word, found)
        assert "\ufffd" not in run.stdout
    else:
        after = assert_store_kept(before, store, added=readable.articles)
        for *_, word in readable.expected:
            assert word in after.texts
        assert "\ufffd" not in after.texts


@pytest.mark.parametrize("name", COMMANDS)
def test_escaped_surrogates_and_control_characters_are_cleaned_not_fatal(
    name: str, tmp_path: Path, store: Path
) -> None:
    """JSON can spell characters UTF-8 cannot hold (a lone surrogate) and terminal commands (ESC)."""
    path = tmp_path / "escapes.jsonl"
    path.write_text('{"id": "e1\\ud800", "text": "Chile condemned Peru on Monday \\ud800 over the \\u001b[2Jdispute, '
                    'officials said.", "source": "Wire \\udfff"}\n', encoding="utf-8")
    before = stored(store)
    run = run_cli(*command(name, [path], store))
    assert "Traceback" not in run.stdout + run.stderr
    assert run.exit_code == 0 and not run.errors, run.stderr
    if name == "extract":
        (event,) = [e for e in run.events() if e["code"] == "111"]
        assert event["article_id"] == "e1\ufffd" and "\x1b" not in event["sentence"]
    else:
        after = assert_store_kept(before, store, added=1)
        assert "Chile condemned Peru on Monday \ufffd over the [2Jdispute" in after.texts


# ---------------------------------------------------------------------------------------------------------------
# Long text: a sentence without punctuation, and files far over the limits (peak memory measured)
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", COMMANDS)
def test_hundred_thousand_character_sentence_is_coded_in_bounded_time(name: str, tmp_path: Path, store: Path) -> None:
    path = tmp_path / "run_on.txt"
    text = unpunctuated(100_000, seed=6)
    assert len(text) == 100_000 and "." not in text and "," not in text
    path.write_text(text, encoding="utf-8")
    before = stored(store)
    started = time.monotonic()
    run = run_cli(*command(name, [path], store))
    assert time.monotonic() - started < 120
    assert "Traceback" not in run.stdout + run.stderr
    assert run.exit_code == 0 and not run.errors, run.stderr
    if name == "extract":
        events = run.events()
        assert len(events) > 10
        assert all(0 <= e["evidence"]["trigger_span"][0] < 100_000 for e in events)
    else:
        after = assert_store_kept(before, store, added=1)
        assert after.totals["events"] > before.totals["events"] + 10


def _one_line_file(path: Path, size: int, *, head: bytes = b"", tail: bytes = b"") -> Path:
    block = b"Envoys from many capitals gathered again " * 25_000  # about 1 MB, no newline
    with path.open("wb") as handle:
        handle.write(head)
        left = size
        while left > 0:
            handle.write(block[:left])
            left -= len(block[:left])
        handle.write(tail)
    return path


@pytest.fixture(scope="module")
def huge_inputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Path]]:
    """200 MB of one line as text and as a JSON line between two good ones; 40 MB of one line as text (under
    the byte limit, over the character limit). Deleted afterwards: pytest keeps old temporary folders."""
    folder = tmp_path_factory.mktemp("huge")
    first = json.dumps({"id": "big-1", "text": SEED[0]["text"].replace("Norway", "Ireland")}).encode()
    last = json.dumps({"id": "big-2", "text": SEED[1]["text"].replace("Japan", "Chile")}).encode()
    files = [
        _one_line_file(folder / "huge.txt", 200_000_000),
        _one_line_file(folder / "huge.jsonl", 200_000_000, head=first + b'\n{"id": "big-x", "text": "',
                       tail=b'"}\n' + last + b"\n"),
        _one_line_file(folder / "long.txt", 40_000_000),
    ]
    yield files
    for path in files:
        path.unlink()


def run_child(args: list[str], folder: Path, *, prelude: str = "", timeout: float = 300) -> tuple[Run, int]:
    """``python -m facta ARGS`` in a child process (after ``prelude``), and the child's peak resident memory in
    bytes: its own, from wait4, so that no other test's children count."""
    launcher = f"{prelude}\nimport runpy, sys\nsys.argv = ['facta', *sys.argv[1:]]\n" \
               "runpy.run_module('facta', run_name='__main__', alter_sys=True)\n"
    out_path, err_path = folder / "child.out", folder / "child.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        child = subprocess.Popen([sys.executable, "-c", launcher, *args], stdout=out, stderr=err)
        watchdog = threading.Timer(timeout, child.kill)  # a hang fails the test instead of stalling the suite
        watchdog.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            watchdog.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
    run = Run(child.returncode, out_path.read_text(encoding="utf-8"), err_path.read_text(encoding="utf-8"))
    return run, usage.ru_maxrss * 1024


@pytest.mark.parametrize("name", COMMANDS)
def test_huge_single_line_files_are_refused_or_streamed_in_bounded_memory(
    name: str, huge_inputs: list[Path], tmp_path: Path, store: Path
) -> None:
    before = stored(store)
    started = time.monotonic()
    run, peak = run_child(command(name, list(huge_inputs), store), tmp_path, timeout=180)
    assert time.monotonic() - started < 180
    assert peak < 1.5 * 2**30, f"peak resident memory {peak / 2**20:.0f} MB"
    assert "Traceback" not in run.stdout + run.stderr and not run.other_stderr, run.stderr
    huge_txt, huge_jsonl, long_txt = huge_inputs
    assert run.exit_code == 1
    assert run.errors == [
        f"facta: error: {huge_txt}: file of 200,000,000 bytes is over the 52,428,800-byte limit",
        f"facta: error: {huge_jsonl}:2: line longer than 52,428,800 bytes, skipped",
        f"facta: error: {long_txt}: text of 40,000,000 characters is over the 100,000-character limit of one "
        "article; split it into articles",
    ]
    if name == "extract":
        assert run.coded_ids() == {"big-1", "big-2"}  # the lines around the huge one were streamed and coded
    else:
        after = assert_store_kept(before, store, added=2)
        assert {"big-1", "big-2"} <= set(after.articles)


def test_bad_pages_give_only_facta_error_lines_from_the_real_entry_point(tmp_path: Path) -> None:
    """In a process of its own, where logging reaches standard error (under pytest it is captured)."""
    front_page = tmp_path / "front_page.html"
    front_page.write_bytes(next(b for b in BAD if b.name == "front_page.html").content(tmp_path))
    broken = tmp_path / "broken.html"
    broken.write_bytes(b"<svg><p></p><p></p></svg>")
    run, _ = run_child(["extract", "--processes", "1", str(front_page), str(broken)], tmp_path)
    assert run.exit_code == 1 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        f"facta: error: {front_page}: no article text found in the HTML page",
        f"facta: error: {broken}: unreadable HTML page (AssertionError)",
    ]


# ---------------------------------------------------------------------------------------------------------------
# Hostile URLs: redirects to private addresses, servers that never finish
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    with serve(monkeypatch) as local:
        yield local


def pretend_localhost_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """The address check sees "localhost" as a public address; connections still go to 127.0.0.1, so a
    redirect from a 'public' page to a private one can be served from this machine."""
    real = socket.getaddrinfo

    def resolve(host: str, port: object, *args: object, **kwargs: object) -> object:
        if host == "localhost":
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("93.184.216.34", 80))]
        return real(host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("facta.read.urls.socket", types.SimpleNamespace(
        getaddrinfo=resolve, gaierror=socket.gaierror, IPPROTO_TCP=socket.IPPROTO_TCP))


PRIVATE_TARGETS = {
    "loopback": ("{base}/internal", "127.0.0.1"),
    "private-network": ("http://10.0.0.1/news/today", "10.0.0.1"),
    "cloud-metadata": ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
}


@pytest.mark.parametrize("target", sorted(PRIVATE_TARGETS))
@pytest.mark.parametrize("name", COMMANDS)
def test_redirect_to_a_private_address_is_refused(
    name: str, target: str, server: LocalServer, monkeypatch: pytest.MonkeyPatch, store: Path, good: Path
) -> None:
    pretend_localhost_is_public(monkeypatch)
    location, address = PRIVATE_TARGETS[target]
    server.routes["/start"] = lambda h: redirect(h, location.format(base=server.base))
    server.routes["/internal"] = lambda h: respond(h, ARTICLE_PAGE.encode())
    start = server.url("/start").replace("127.0.0.1", "localhost")
    before = stored(store)
    run = run_cli(*command(name, [start, good], store))
    assert_one_clean_error(run, start, rf"^refused: .* private address {re.escape(address)} "
                                       r"\(use --allow-private-urls\)$")
    assert server.hits == ["/start"]  # the private address was never asked for anything
    if name == "extract":
        assert run.coded_ids() == {GOOD["id"]}
    else:
        assert_store_kept(before, store, added=1)


@pytest.mark.parametrize("name", COMMANDS)
def test_redirect_to_loopback_is_followed_with_allow_private_urls(
    name: str, server: LocalServer, store: Path
) -> None:
    server.routes["/start"] = lambda h: redirect(h, server.url("/internal"))
    server.routes["/internal"] = lambda h: respond(h, ARTICLE_PAGE.encode())
    before = stored(store)
    run = run_cli(*command(name, [server.url("/start"), "--allow-private-urls"], store))
    assert run.exit_code == 0 and not run.errors, run.stderr
    assert server.hits == ["/start", "/internal"]
    if name == "extract":
        assert any(e["code"] == "111" and e["source"]["country"] == "ISL" for e in run.events())
    else:
        assert "Iceland condemned Russia" in assert_store_kept(before, store, added=1).texts


# The slow servers give up after 30 s, so that a client with no overall deadline fails the test, not hangs it.
DRIP_TICKS = 300


def _silent(server: LocalServer) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        server.stop.wait(DRIP_TICKS / 10)  # accepts the connection, never answers

    return answer


def _dripping_headers(server: LocalServer) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Padding: ")
        for _ in range(DRIP_TICKS):  # a header byte at a time, each well inside any read timeout
            if server.stop.wait(0.1):
                return
            handler.wfile.write(b"a")
            handler.wfile.flush()

    return answer


def _dripping_body(server: LocalServer) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", "1000000")
        handler.end_headers()
        for _ in range(DRIP_TICKS):
            if server.stop.wait(0.1):
                return
            handler.wfile.write(b"Talks resumed. ")
            handler.wfile.flush()

    return answer


SLOW = {"silent": _silent, "dripping-headers": _dripping_headers, "dripping-body": _dripping_body}


@pytest.mark.parametrize("kind", sorted(SLOW))
@pytest.mark.parametrize("name", COMMANDS)
def test_slow_loris_url_times_out(
    name: str, kind: str, server: LocalServer, monkeypatch: pytest.MonkeyPatch, store: Path, good: Path
) -> None:
    # The command line has no timeout option, so its Settings get a short one (the default is 20 s).
    monkeypatch.setattr(cli_module, "Settings", functools.partial(Settings, url_timeout=1.0))
    server.routes["/slow"] = SLOW[kind](server)
    url = server.url("/slow")
    before = stored(store)
    started = time.monotonic()
    run = run_cli(*command(name, [url, good, "--allow-private-urls"], store))
    assert time.monotonic() - started < 15
    assert_one_clean_error(run, url, r"^timed out after 1 s$")
    if name == "extract":
        assert run.coded_ids() == {GOOD["id"]}
    else:
        assert_store_kept(before, store, added=1)


# ---------------------------------------------------------------------------------------------------------------
# Faults: a full disk, a second writer
# ---------------------------------------------------------------------------------------------------------------


def _corpus(path: Path, n: int) -> Path:
    countries = ["Portugal", "Kenya", "Vietnam", "Canada", "Morocco", "Sweden", "Mexico", "Ghana", "Poland", "Jordan"]
    verbs = ["condemned", "praised", "met", "criticised", "visited", "accused"]
    lines = []
    for i in range(n):
        a, b = countries[i % 10], countries[(i * 7 + 3) % 10]
        b = countries[(i + 1) % 10] if a == b else b
        lines.append({"id": f"disk-{i}", "date": f"2021-05-{1 + i % 28:02d}",
                      "text": f"{a} {verbs[i % 6]} {b} on Tuesday, the foreign ministry said. Officials from {b} met "
                              f"envoys from {a} in the capital and agreed to keep talking."})
    path.write_text(jsonl(*lines), encoding="utf-8")
    return path


# The ingest child may write no file beyond this size, as on a disk that is full: its writes fail with EFBIG.
FULL_DISK = """
import resource, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
"""


def _ingest_on_a_full_disk(tmp_path: Path, store: Path) -> tuple[Stored, Run]:
    corpus = _corpus(tmp_path / "corpus.jsonl", 120)
    before = stored(store)
    assert store.stat().st_size > 100_000  # the store itself is readable; only growing it fails
    run, _ = run_child(
        ["ingest", "--processes", "1", "--batch-size", "4", str(corpus), "--db", str(store)], tmp_path,
        prelude=FULL_DISK,
    )
    return before, run


def test_full_disk_during_ingest_keeps_the_store_readable_with_what_was_committed(
    tmp_path: Path, store: Path
) -> None:
    before, run = _ingest_on_a_full_disk(tmp_path, store)
    assert run.exit_code != 0  # the run could not store everything and says so
    after = stored(store)  # opens, read-only: not damaged
    added = set(after.articles) - set(before.articles)
    assert len(added) < 120  # the disk really filled up before the end
    assert all(a.startswith("disk-") for a in added)
    assert_store_kept(before, store, added=len(added))  # old articles intact, committed batches whole


def test_full_disk_during_ingest_is_one_error_line(tmp_path: Path, store: Path) -> None:
    _, run = _ingest_on_a_full_disk(tmp_path, store)
    assert "Traceback" not in run.stdout + run.stderr
    assert run.exit_code == 1
    assert len(run.errors) == 1, run.stderr
    assert run.errors[0].startswith(f"facta: error: {store}: ") and "File too large" in run.errors[0]


def test_second_writer_gets_one_error_line_and_the_store_is_unchanged(store: Path, good: Path) -> None:
    before = stored(store)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('open', flush=True); "
                               "sys.stdin.read(); c.close()", str(store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        run = run_cli(*command("ingest", [good], store))
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert_one_clean_error(run, str(store), r"^the store is in use by another process \(one writer at a time\)$")
    after = stored(store)
    assert after == before
    assert run_cli(*command("ingest", [good], store)).exit_code == 0  # once the other writer is gone, it works
    assert_store_kept(before, store, added=1)
