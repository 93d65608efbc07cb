"""Memory: peak RSS of facta's processes while ingesting a corpus and the same corpus 20 times larger.

    python benchmarks/memory.py ../shared/corpora/news/bbc.jsonl [--base 150] [--times 20] [--processes 2]
                                                                  [--command ingest|extract] [--engine local|dask]

Writes the first ``--base`` articles of the corpus as a 1x file and the same articles repeated ``--times`` times
with new ids as a larger file (each copy is a new article to facta), runs the real command line on each
(``facta ingest`` into a fresh store, or ``facta extract`` to /dev/null), samples the resident memory of every
process of the run four times a second, and prints the peak of the main process and of each worker, and the
ratio larger/1x. Flat memory means the ratio stays near 1: the input is streamed, batches in flight are bounded.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil


def write_corpus(source: Path, target: Path, base: int, times: int) -> int:
    records = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
            if len(records) >= base:
                break
    with target.open("w", encoding="utf-8") as out:
        for copy in range(times):
            for number, record in enumerate(records):
                out.write(json.dumps({**record, "id": f"{record.get('id', number)}-copy{copy}"}) + "\n")
    return len(records) * times


def peak_rss(command: list[str]) -> tuple[float, dict[int, float], float]:
    """Run a command; seconds, peak RSS (MB) of each process of its tree by pid, and the main one's pid's."""
    started = time.perf_counter()
    job = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, float] = {}
    while job.poll() is None:
        try:
            tree = [job, *job.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for process in tree:
            try:
                rss = process.memory_info().rss / 2**20
            except psutil.NoSuchProcess:
                continue
            peaks[process.pid] = max(peaks.get(process.pid, 0.0), rss)
        time.sleep(0.25)
    seconds = time.perf_counter() - started
    stderr = job.stderr.read().decode("utf-8", "replace") if job.stderr else ""
    if job.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({job.returncode}): {stderr.strip().splitlines()[-1:]}")
    return seconds, peaks, peaks.pop(job.pid, 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--base", type=int, default=150, help="articles in the 1x corpus")
    parser.add_argument("--times", type=int, default=20)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--command", choices=("ingest", "extract"), default="ingest")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for times in (1, args.times):
            path = Path(work) / f"corpus-{times}x.jsonl"
            n = write_corpus(args.corpus, path, args.base, times)
            command = [sys.executable, "-m", "facta", args.command, str(path), "--processes", str(args.processes),
                       "--engine", args.engine]
            if args.command == "ingest":
                command += ["--db", str(Path(work) / f"store-{times}x.duckdb")]
            seconds, workers, main_peak = peak_rss(command)
            worker_peak = max(workers.values(), default=0.0)
            results[times] = (main_peak, worker_peak)
            print(f"{times:>3}x: {n:6d} articles ({path.stat().st_size / 2**20:6.1f} MB) in {seconds:6.1f} s; "
                  f"peak RSS main {main_peak:6.0f} MB, largest worker {worker_peak:6.0f} MB "
                  f"({len(workers)} child processes)", flush=True)
    (m1, w1), (mn, wn) = results[1], results[args.times]
    print(f"ratio {args.times}x/1x: main {mn / m1:.2f}, worker {wn / max(w1, 1e-9):.2f}"
          f" (flat = within 1.20); per worker under 1 GB: {'yes' if max(w1, wn) < 1024 else 'NO'}")


if __name__ == "__main__":
    main()
