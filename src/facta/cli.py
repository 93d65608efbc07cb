"""The command line: thin commands over the library; the only place that prints or exits."""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from facta import __version__
from facta.config import DEFAULT_MODEL, Settings
from facta.errors import FactaError, InputError

app = typer.Typer(
    name="facta", no_args_is_help=True, add_completion=False,
    help="Political event data from news: who did what to whom, when and where (CAMEO/PLOVER).",
)
out = Console(soft_wrap=True)
err = Console(stderr=True)


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


ModelOption = Annotated[str, typer.Option("--model", help="Any installed spaCy pipeline.")]
ProcessesOption = Annotated[int, typer.Option("--processes", "-p", min=1, help="Worker processes.")]
DateOption = Annotated[str | None, typer.Option("--date", help="Article date (YYYY-MM-DD) for every input.")]
ActorsOption = Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor vocabulary (YAML).")]
VerbsOption = Annotated[list[Path] | None, typer.Option("--verbs", help="Extra verb patterns (YAML).")]


def _error_line(message: object) -> None:
    """One line on standard error, never wrapped, so scripts can grep it."""
    text = " ".join(str(message).split())
    sys.stderr.write(f"facta: error: {text}\n")
    sys.stderr.flush()


def _fail(message: str, code: int = 1) -> typer.Exit:
    _error_line(message)
    return typer.Exit(code)


def _report(error: InputError) -> None:
    _error_line(error)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
        MofNCompleteColumn(), TextColumn("{task.fields[events]} events"), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )


def _settings(
    model: str, processes: int, date: str | None, actors: list[Path] | None, verbs: list[Path] | None,
    allow_private_urls: bool = False,
) -> Settings:
    if date is not None:
        from facta.read.formats import parse_date

        iso = parse_date(date)
        if iso is None:
            raise _fail(f"--date {date!r}: not a date (use YYYY-MM-DD)", 2)
        date = iso
    for path in (*(actors or ()), *(verbs or ())):
        if not path.is_file():
            raise _fail(f"{path}: no such file", 2)
    return Settings(
        model=model, processes=processes, date=date, actor_files=tuple(actors or ()),
        verb_files=tuple(verbs or ()), allow_private_urls=allow_private_urls,
    )


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for standard input.")],
    date: DateOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    model: ModelOption = DEFAULT_MODEL,
    processes: ProcessesOption = 1,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    allow_private_urls: Annotated[bool, typer.Option(help="Allow URLs on private addresses.")] = False,
) -> None:
    """Code events from news and write them to standard output."""
    from facta.output import CsvWriter, events_table, write_jsonl
    from facta.pipeline import extract as run

    settings = _settings(model, processes, date, actors, verbs, allow_private_urls)
    failures = 0
    collected = []
    writer = CsvWriter(sys.stdout) if fmt is Format.csv else None
    try:
        with _progress() as progress:
            task = progress.add_task("coding", total=None, events=0)
            count = 0
            for item in run(paths, settings=settings):
                if isinstance(item, InputError):
                    failures += 1
                    _report(item)
                    continue
                count += len(item.events)
                progress.update(task, advance=1, events=count)
                if fmt is Format.jsonl:
                    write_jsonl(item.events, sys.stdout)
                elif writer is not None:
                    writer.write(item.events)
                else:
                    collected.extend(item.events)
    except FactaError as error:
        raise _fail(str(error)) from None
    if fmt is Format.table:
        out.print(events_table(collected))
    sys.stdout.flush()
    if failures:
        raise typer.Exit(1)


@app.command()
def demo(
    model: ModelOption = DEFAULT_MODEL,
) -> None:
    """Code the built-in example articles end to end and show their events."""
    from facta.output import events_table
    from facta.pipeline import code_articles
    from facta.read.formats import make_article

    examples = _examples_dir()
    dates = json.loads(examples.joinpath("dates.json").read_text(encoding="utf-8"))
    settings = Settings(model=model)
    articles = []
    for name in sorted(dates):
        text = examples.joinpath(name).read_text(encoding="utf-8")
        title, _, body = text.partition("\n\n")
        articles.append(make_article(body, name, settings, title=title.strip(), date=dates[name]))
    try:
        for coded in code_articles(articles, settings=settings):
            out.rule(f"[bold]{coded.article.title}[/bold]  ({coded.article.date})")
            out.print(events_table(coded.events))
    except FactaError as error:
        raise _fail(str(error)) from None


def _examples_dir() -> Traversable:
    """The example articles: inside the installed wheel, or beside the package in a source checkout."""
    packaged = resources.files("facta").joinpath("examples")
    if packaged.joinpath("dates.json").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "examples"
    if not (checkout / "dates.json").is_file():
        raise _fail("the example articles are missing from this installation")
    return checkout


@app.command(name="eval")
def eval_(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSON Lines files.")],
    model: ModelOption = DEFAULT_MODEL,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Score the coder on gold sets: tuple P/R/F1, PLOVER and actor accuracy, five-way class."""
    from facta.evaluate import evaluate, load_gold

    items = []
    failures = 0
    for path in gold:
        for item in load_gold(path):
            if isinstance(item, InputError):
                failures += 1
                _report(item)
            else:
                items.append(item)
    if not items:
        raise _fail("no gold records to score")
    try:
        with err.status(f"coding {len(items)} gold sentences"):
            figures = evaluate(items, settings=Settings(model=model))
    except FactaError as error:
        raise _fail(str(error)) from None
    if as_json:
        print(json.dumps(figures, indent=2))
    else:
        out.print(_figures_table(figures))
    if failures:
        raise typer.Exit(1)


def _figures_table(figures: list[dict[str, object]]) -> Table:
    table = Table(title="facta eval")
    table.add_column("figure")
    for entry in figures:
        table.add_column(str(entry["set"]), justify="right")
    for key in figures[0]:
        if key == "set":
            continue
        values = [entry.get(key) for entry in figures]
        if all(v is None for v in values):
            continue
        table.add_row(key, *("—" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))
                             for v in values))
    return table


@app.callback(invoke_without_command=True)
def main(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what facta does.")] = False,
) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(name)s: %(message)s")
    if version:
        out.print(f"facta {__version__}")
        raise typer.Exit()


def run() -> None:
    """Console entry point: facta's own errors as one line, never a traceback."""
    try:
        app()
    except FactaError as error:
        _error_line(error)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("facta: interrupted")
        sys.exit(130)
