"""The stage cores offline: extract and dedup a file, and score them (eval)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline.cli.base import (
    articles_argument,
    articles_or_fail,
    benchdata_option,
    eval_group,
    gold_option,
    load_settings,
    main,
    make_extractor,
)
from pipeline.settings import Settings, SettingsError


# ---- extract ----
@main.command(name="extract")
@articles_argument
@click.option("--all-quantities", is_flag=True, help="Keep quantities that are not claims (claim filter off).")
def extract_command(articles_path: str, all_quantities: bool) -> None:
    """Print the figure records of each article as JSONL (no broker).

    Each article is read in its story's country as the stream's dedup gives it (dedup runs first, in publication
    order), so the figures are the stream's.
    """
    from pipeline.dedup import story_contexts

    extractor = make_extractor(claims_only=not all_quantities)
    articles = articles_or_fail(articles_path)
    stories = story_contexts(articles, load_settings())
    for _, figures in extractor.extract_many(articles, stories=stories):
        for figure in figures:
            click.echo(json.dumps(figure.to_message(), ensure_ascii=False))


@eval_group.command(name="extract")
@gold_option("Gold figures JSONL.")
@articles_argument
def eval_extract_command(gold_path: str, articles_path: str) -> None:
    """Score extraction: P/R/F1 of value+measure+subject, accuracy of qualifier, speaker, as_of, key grouping."""
    from pipeline.evaluation.extract import evaluate, read_jsonl

    score = evaluate(make_extractor(), articles_or_fail(articles_path), read_jsonl(Path(gold_path)), load_settings())
    for line in score.lines():
        click.echo(line)


@eval_group.command(name="newsquant")
@benchdata_option("newsquant", "Directory holding formatted_test_set/NewsQuant.json.")
def eval_newsquant_command(data_dir: str) -> None:
    """Score the quantity layer (claim filter off) on NewsQuant, matching as its score.py does."""
    from pipeline.evaluation.extract import score_newsquant

    path = Path(data_dir) / "formatted_test_set" / "NewsQuant.json"
    if not path.is_file():
        raise click.ClickException(f"{path} not found; pass --data DIR (the newsquant directory of shared/benchdata)")
    data = json.loads(path.read_text(encoding="utf-8"))
    scores = score_newsquant(make_extractor(claims_only=False), data)
    click.echo(f"NewsQuant: {len(data)} sentences, {sum(len(i['quantities']) for i in data)} gold quantities")
    for name, (p, r, f) in scores.items():
        click.echo(f"{name:13} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}")


# ---- dedup ----
def _dedup_settings(threshold: float | None) -> Settings:
    settings = load_settings()
    if threshold is None:
        return settings
    try:
        return settings.replace(story_threshold=threshold)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc


_threshold_option = click.option(
    "--threshold",
    type=float,
    default=None,
    help="Story threshold (TF-IDF cosine) for this run; default WIRETALLY_STORY_THRESHOLD.",
)

_shards_option = click.option(
    "--shards",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Run the index as this many shards, passing messages between them as the stream's partitions do.",
)


@main.command(name="dedup")
@articles_argument
@_threshold_option
@_shards_option
def dedup_command(articles_path: str, threshold: float | None, shards: int) -> None:
    """Print one dedup verdict per article as JSONL, deciding each using only earlier ones (no broker)."""
    from pipeline.dedup import Deduplicator, Shards

    settings = _dedup_settings(threshold)
    deduplicator = Deduplicator(settings) if shards == 1 else Shards(settings, shards)
    for article in articles_or_fail(articles_path):
        click.echo(json.dumps(deduplicator.observe(article).to_message(), ensure_ascii=False))


@eval_group.command(name="dedup")
@gold_option("Gold clusters JSONL (article_id, story_id, duplicate_of, is_new_version).")
@articles_argument
@_threshold_option
@_shards_option
def eval_dedup_command(gold_path: str, articles_path: str, threshold: float | None, shards: int) -> None:
    """Score dedup: B-cubed and pairwise P/R/F1 of stories, pairwise P/R/F1 of near-verbatim copies, articles/s."""
    from pipeline.evaluation.dedup import evaluate_gold, read_clusters

    try:
        articles = articles_or_fail(articles_path)
        report = evaluate_gold(articles, read_clusters(Path(gold_path)), _dedup_settings(threshold), shards=shards)
    except (ValueError, KeyError) as exc:
        raise click.ClickException(str(exc)) from exc
    for line in report.lines():
        click.echo(line)


@eval_group.command(name="uci")
@benchdata_option("uci_news_aggregator_prefix", "Directory holding uci-news-aggregator.prefix.csv.")
@click.option(
    "--threshold",
    type=float,
    default=0.1,
    show_default=True,
    help="Headline-level story threshold (score.py's baseline uses cosine >= 0.10).",
)
@click.option(
    "--boost/--no-boost", default=True, show_default=True, help="Boost name and figure terms (off: plain TF-IDF terms)."
)
@_shards_option
def eval_uci_command(data_dir: str, threshold: float, boost: bool, shards: int) -> None:
    """Stories on the UCI News Aggregator prefix (headlines only), scored like its score.py: pairwise and B-cubed."""
    from pipeline.dedup import DedupParams
    from pipeline.evaluation.dedup import evaluate_uci

    params = DedupParams() if boost else DedupParams(entity_boost=1.0, figure_boost=1.0)
    try:
        report = evaluate_uci(Path(data_dir), _dedup_settings(threshold), params, shards)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in report.lines():
        click.echo(line)


@eval_group.command(name="alerts")
@gold_option("Gold events JSONL (after_article_id, key, kind, old_value, new_value), as wire_dev's gold_events.jsonl.")
@articles_argument
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the updates and alerts as JSONL, as `wiretally replay` prints them (score.py alerts reads it).",
)
def eval_alerts_command(gold_path: str, articles_path: str, out_path: Path | None) -> None:
    """Score updates and contradictions offline (ingest, dedup, extract, claims, alerts cores; no broker).

    Articles go in published_at order (ties by id). Prints precision, recall and F1 by kind and
    overall, matching as wire_dev's score.py does, then every false and missed event explained.
    """
    from pipeline.claims import Policy
    from pipeline.dedup import Deduplicator
    from pipeline.evaluation.alerts import published_bytes, read_gold, run_offline, score

    settings = load_settings()
    try:
        gold = read_gold(Path(gold_path))
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{gold_path}: {exc}") from exc
    run = run_offline(
        published_bytes(articles_or_fail(articles_path)),
        make_extractor(),
        Deduplicator(settings),
        Policy.from_settings(settings),
        settings.alert_min_confidence,
        settings.max_article_bytes,
    )
    if out_path is not None:
        out_path.write_text("".join(line + "\n" for line in run.output_lines()), encoding="utf-8")
    for line in score(gold, run.updates, run).lines():
        click.echo(line)
