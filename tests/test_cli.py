"""The command line end to end: real model, real files, one-line errors, exit codes."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def facta(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facta", *args], capture_output=True, text=True, input=stdin, timeout=300,
        check=False,
    )


def events_of(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_extract_codes_the_sanctions_praise_and_clash_article() -> None:
    result = facta("extract", str(EXAMPLES / "cyberattack_sanctions.txt"), "--date", "2024-03-15")
    assert result.returncode == 0, result.stderr
    events = events_of(result.stdout)
    found = {(e["source"]["country"] if e["source"] else None, e["root"],
              e["target"]["country"] if e["target"] else None) for e in events
             if not e["negated"] and e["modality"] == "asserted"}
    assert ("USA", "16", "RUS") in found  # imposed sanctions on Russia
    assert ("HUN", "05", "RUS") in found  # Orban praised Russia
    assert any(src in ("IND", "CHN") and root == "19" for src, root, _ in found)  # troops clashed
    sanction = next(e for e in events if e["root"] == "16" and e["source"]["country"] == "USA")
    assert sanction["code"] == "163" and sanction["quad_class"] == 4
    assert sanction["plover"] == {"type": "SANCTION", "mode": "discontinue"}  # the PLOVER manual, not the crosswalk
    text = (EXAMPLES / "cyberattack_sanctions.txt").read_text(encoding="utf-8").split("\n\n", 1)[1].strip()
    start, end = sanction["evidence"]["trigger_span"]
    assert text[start:end] == sanction["evidence"]["trigger"] == "imposed"
    assert sanction["date"] == "2024-03-14"  # "on Thursday" before Friday 15 March


def test_extract_formats_csv_and_table() -> None:
    path = str(EXAMPLES / "cyberattack_sanctions.txt")
    csv_out = facta("extract", path, "--format", "csv")
    assert csv_out.returncode == 0 and csv_out.stdout.startswith("article_id,sentence_index,date")
    table = facta("extract", path, "--format", "table")
    assert table.returncode == 0 and "163" in table.stdout


def test_extract_reads_standard_input() -> None:
    result = facta("extract", "-", "--date", "2020-01-10", stdin="Germany condemned Iran on Thursday.\n")
    assert result.returncode == 0, result.stderr
    (event,) = events_of(result.stdout)
    assert (event["source"]["code"], event["code"], event["target"]["code"]) == ("DEU", "111", "IRN")


def test_bad_inputs_get_one_line_errors_and_the_rest_is_still_coded(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    packed = tmp_path / "packed.txt"
    packed.write_bytes(gzip.compress(b"Germany condemned Iran."))
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        '{"id": "a", "text": "Germany condemned Iran on Monday.", "date": "2021-06-02"}\n'
        '{"id": "b", "text": broken\n'
        '{"id": "c", "text": "France praised Chile on Tuesday.", "date": "2021-06-02"}\n'
    )
    result = facta(
        "extract", str(empty), str(binary), str(packed), str(corpus), "http://127.0.0.1:9/nothing",
        "--allow-private-urls",
    )
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert len(errors) == 5, result.stderr
    assert all(line.startswith("facta: error: ") for line in errors)
    assert any(str(empty) in line and "empty" in line for line in errors)
    assert any(str(binary) in line and "binary" in line for line in errors)
    assert any(f"{corpus}:2" in line and "malformed JSON" in line for line in errors)
    assert any("127.0.0.1:9" in line for line in errors)
    codes = {e["article_id"]: e["code"] for e in events_of(result.stdout)}
    assert codes == {"a": "111", "c": "051"}


def test_unknown_model_is_a_clear_error() -> None:
    result = facta("extract", str(EXAMPLES / "summit_talks.txt"), "--model", "no_such_pipeline")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "no_such_pipeline" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_bad_date_option_is_refused() -> None:
    result = facta("extract", str(EXAMPLES / "summit_talks.txt"), "--date", "not a date")
    assert result.returncode == 2 and "--date" in result.stderr


def test_demo_runs_end_to_end() -> None:
    result = facta("demo")
    assert result.returncode == 0, result.stderr
    assert "Macron" in result.stdout and "163" in result.stdout


def test_two_processes_give_the_same_events_as_one(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = []
    for number, path in enumerate(sorted(EXAMPLES.glob("*.txt")) * 3):
        lines.append(json.dumps({"id": f"{number}", "text": path.read_text(encoding="utf-8"), "date": "2020-05-05"}))
    corpus.write_text("\n".join(lines) + "\n")
    one = facta("extract", str(corpus))
    two = facta("extract", str(corpus), "--processes", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert events_of(one.stdout) == events_of(two.stdout) and events_of(one.stdout)


def test_store_commands_end_to_end(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "x", "text": broken\n')
    first = facta("ingest", str(EXAMPLES / "words_and_deeds.txt"), str(bad), "--db", str(db), "--date", "2018-04-02")
    assert first.returncode == 1 and "broken.jsonl:1" in first.stderr and "Traceback" not in first.stderr
    assert "added 1 articles" in first.stderr
    second = facta("ingest", str(EXAMPLES / "words_and_deeds.txt"), "--db", str(db), "--date", "2018-04-02")
    assert second.returncode == 0 and "added 0 articles" in second.stderr
    dyad = facta("dyad", "USA", "RUS", "--db", str(db), "--plot", str(tmp_path / "d.png"))
    assert dyad.returncode == 0, dyad.stderr
    assert "2018-03-01" in dyad.stdout and (tmp_path / "d.png").exists()
    top = facta("top", "--db", str(db))
    assert top.returncode == 0 and "USA" in top.stdout
    exported = facta("export", "--format", "gdelt", "--out", str(tmp_path / "g.tsv"), "--db", str(db))
    assert exported.returncode == 0 and (tmp_path / "g.tsv").read_text().count("\t") > 0


def test_analysis_on_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = facta("dyad", "USA", "RUS", "--db", str(tmp_path / "nothing.duckdb"))
    assert result.returncode == 1 and "no such store" in result.stderr and "Traceback" not in result.stderr
