"""The command line: thin commands over the library; the only place that prints or exits."""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from facta import __version__
from facta.config import DEFAULT_MODEL, Settings, cores
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
ProcessesOption = Annotated[
    int | None, typer.Option("--processes", "-p", min=1, help="Worker processes (default: all cores).")
]


class Engine(str, Enum):
    local = "local"
    dask = "dask"


EngineOption = Annotated[Engine, typer.Option("--engine", help="Code on this machine, or on a Dask cluster.")]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); without it a LocalCluster starts."),
]
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
    model: str, processes: int | None, date: str | None, actors: list[Path] | None, verbs: list[Path] | None,
    allow_private_urls: bool = False, engine: Engine = Engine.local, scheduler: str | None = None,
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
    if scheduler is not None:
        engine = Engine.dask
    return Settings(
        model=model, processes=processes or cores(), date=date, actor_files=tuple(actors or ()),
        verb_files=tuple(verbs or ()), allow_private_urls=allow_private_urls, engine=engine.value,
        scheduler=scheduler,
    )


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for standard input.")],
    date: DateOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    model: ModelOption = DEFAULT_MODEL,
    processes: ProcessesOption = None,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    allow_private_urls: Annotated[bool, typer.Option(help="Allow URLs on private addresses.")] = False,
    engine: EngineOption = Engine.local,
    scheduler: SchedulerOption = None,
) -> None:
    """Code events from news and write them to standard output."""
    from facta.output import CsvWriter, events_table, write_jsonl
    from facta.pipeline import extract as run

    settings = _settings(model, processes, date, actors, verbs, allow_private_urls, engine, scheduler)
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


DbOption = Annotated[Path, typer.Option("--db", help="The store (a DuckDB file).")]


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class ExportFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for standard input.")],
    db: DbOption = Path("facta.duckdb"),
    date: DateOption = None,
    model: ModelOption = DEFAULT_MODEL,
    processes: ProcessesOption = None,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    allow_private_urls: Annotated[bool, typer.Option(help="Allow URLs on private addresses.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per parse batch.")] = 16,
    engine: EngineOption = Engine.local,
    scheduler: SchedulerOption = None,
) -> None:
    """Code inputs and add them to the store; articles already stored are skipped (re-running adds nothing)."""
    import dataclasses
    import time

    from facta.store import connect, counts
    from facta.store import ingest as run

    settings = _settings(model, processes, date, actors, verbs, allow_private_urls, engine, scheduler)
    settings = dataclasses.replace(settings, batch_size=batch_size)
    started = time.monotonic()
    progress = Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"),
        TextColumn("{task.completed} articles"), TextColumn("{task.fields[events]} events"),
        TextColumn("{task.fields[rate]} articles/s"), TimeElapsedColumn(),
        console=err, transient=False, disable=not err.is_terminal,
    )
    try:
        with progress:
            task = progress.add_task("ingesting", total=None, events=0, rate="-")

            def advance(done: int, events: int) -> None:
                rate = done / max(time.monotonic() - started, 1e-6)
                progress.update(task, completed=done, events=events, rate=f"{rate:.1f}")

            report = run(paths, db=db, settings=settings, on_error=_report, on_progress=advance)
        connection = connect(db, read_only=True)
        totals = counts(connection)
        connection.close()
    except FactaError as error:
        raise _fail(str(error)) from None
    err.print(
        f"added {report.articles_added} articles and {report.events_added} events, skipped "
        f"{report.articles_skipped} already stored; the store holds {totals['articles']} articles, "
        f"{totals['events']} events in {totals['clusters']} story clusters", highlight=False, soft_wrap=True,
    )
    if report.errors:
        raise typer.Exit(1)


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="Source: country (USA), actor code (USAGOV) or a person's name.")],
    b: Annotated[str, typer.Argument(help="Target, likewise.")],
    db: DbOption = Path("facta.duckdb"),
    by: Annotated[Period, typer.Option("--by", help="Period.")] = Period.month,
    start: Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).")] = None,
    both_directions: Annotated[bool, typer.Option("--both-directions", help="A→B and B→A together.")] = False,
    by_actor: Annotated[bool, typer.Option("--by-actor", help="Split A into the named leader and the rest.")] = False,
    articles: Annotated[bool, typer.Option("--articles", help="Count articles, not story clusters.")] = False,
    plot: Annotated[Path | None, typer.Option("--plot", help="Draw the series to a PNG file.")] = None,
) -> None:
    """The relation between two actors over time: QuadClass counts, Goldstein, the words-vs-deeds gap."""
    from facta import analysis

    _require_store(db)
    try:
        with analysis.open(db) as store:
            frame = analysis.dyad(store.connection, a, b, by=by.value, start=start, end=end,
                                  both_directions=both_directions, by_actor=by_actor, articles=articles)
    except FactaError as error:
        raise _fail(str(error)) from None
    if not frame.rows:
        raise _fail(f"no affirmed events from {a} to {b} in {db}")
    table = Table(title=f"{a} → {b} by {by.value}", caption="words = verbal coop − conflict; "
                  "deeds = material coop − conflict; gap = words − deeds")
    for column in frame.columns:
        label = _SHORT.get(column, column)
        if column in ("period", "actor"):
            table.add_column(label, no_wrap=True, min_width=10)
        else:
            table.add_column(label, justify="right", no_wrap=True)
    for row in frame.rows:
        table.add_row(*(_cell(v) for v in row))
    out.print(table)
    if plot is not None:
        analysis.plot(frame, plot, title=f"{a} → {b}: QuadClass per {by.value} and the words − deeds gap")
        err.print(f"wrote {plot}", highlight=False)


@app.command()
def top(
    db: DbOption = Path("facta.duckdb"),
    start: Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 10,
) -> None:
    """The most active actors and dyads of a period."""
    from facta import analysis

    _require_store(db)
    with analysis.open(db) as store:
        found = store.top(start=start, end=end, limit=limit)
    for name, frame in found.items():
        out.print(_frame_table(frame, title=f"top {name}"))


@app.command()
def events(
    db: DbOption = Path("facta.duckdb"),
    dyad_: Annotated[tuple[str, str] | None, typer.Option("--dyad", help="Source and target.")] = None,
    code: Annotated[str | None, typer.Option("--code", help="CAMEO code or prefix (17, 174).")] = None,
    start: Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 50,
) -> None:
    """The events behind a number, with their sentence and article."""
    from facta import analysis

    _require_store(db)
    a, b = dyad_ if dyad_ else (None, None)
    with analysis.open(db) as store:
        frame = store.events(a, b, code=code, start=start, end=end, limit=limit)
    columns = ["date", "source_code", "code", "target_code", "trigger", "sentence", "title", "url"]
    out.print(_frame_table(frame[columns], title="events"))


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="csv, parquet or gdelt (GDELT 2.0 layout).")],
    out_path: Annotated[Path, typer.Option("--out", help="File to write.")],
    db: DbOption = Path("facta.duckdb"),
) -> None:
    """Export the stored events."""
    from facta.export import export as run

    _require_store(db)
    rows = run(fmt.value, out_path, db=db)
    err.print(f"wrote {rows} rows to {out_path}", highlight=False)


@app.command()
def serve(
    db: DbOption = Path("facta.duckdb"),
    host: Annotated[str, typer.Option("--host", help="Address to bind; loopback unless told otherwise.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    read_only: Annotated[bool, typer.Option("--read-only", help="Never write to the store.")] = False,
    max_body: Annotated[int, typer.Option("--max-body", min=1, help="Largest request body, in bytes.")] = 5_242_880,
    model: ModelOption = DEFAULT_MODEL,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    allow_private_urls: Annotated[bool, typer.Option(help="Allow URLs on private addresses.")] = False,
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/) over the store.

    Writes (POST /api/code with store=true) need 'Authorization: Bearer <token>' when FACTA_TOKEN is set."""
    import os

    import uvicorn

    from facta.web import create_app

    settings = _settings(model, 1, None, actors, verbs, allow_private_urls)
    try:
        application = create_app(db, settings=settings, writable=not read_only, max_body=max_body,
                                 preload_model=True)
    except FactaError as error:
        raise _fail(str(error)) from None
    state = application.state.facta
    if not state.db.writable and not read_only:
        err.print(f"facta: serving {db} read-only: {state.db.read_only_reason}", highlight=False)
    if state.db.writable and not os.environ.get("FACTA_TOKEN") and host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"facta: warning: {host} is not loopback and FACTA_TOKEN is not set: anyone who reaches "
                  "the server can write to the store", highlight=False)
    err.print(f"facta: serving {db} on http://{host}:{port}/ (API docs at /docs)", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning", workers=1)


_SHORT = {
    "verbal_coop": "v.coop", "material_coop": "m.coop", "verbal_conflict": "v.confl",
    "material_conflict": "m.confl", "mean_goldstein": "goldst.", "n_events": "events",
}


def _require_store(db: Path) -> None:
    if not db.exists():
        raise _fail(f"{db}: no such store (create it with facta ingest)")


def _frame_table(frame: Any, *, title: str) -> Table:
    table = Table(title=title)
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    return table


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "hour"):  # pandas Timestamp: a period or an event date
        return str(value.date())
    return str(value)


# Libraries that log at WARNING and ERROR about malformed pages, which facta already reports as input errors.
_PARSER_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")


@app.callback(invoke_without_command=True)
def main(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what facta does.")] = False,
) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(name)s: %(message)s")
    if not verbose:  # parsers log their own complaints about each bad page; facta reports every bad input once
        for name in _PARSER_LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL)
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
