"""The README source, pure part: one table of a model card -> observations with provenance.

Fetching the README is the caller's business; this module runs the table extractor (on the
spec's table, or on the tables `hfeval.choose` picks for `readme: {}`), applies the spec's
include/exclude/rename, and says where every number came from.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from hfeval.choose import choose
from hfeval.errors import SourceError
from hfeval.observations import Observation, Provenance, SourceResult
from hfeval.registry import Registry
from hfeval.sources.readme_cache import ExtractionCache, Picked, extraction_key
from hfeval.spec import ReadmeSource
from hfeval.tables import ExtractedScore, Extraction, SkippedCell, extract
from hfeval.tables.cells import match_key

SOURCE_NAME = "Model README"


def _names(label: str, benchmark_type: str | None) -> set[str]:
    """The forms a filter or rename may use for one score: its label or its registry id."""
    names = {match_key(label)}
    if benchmark_type:
        names.add(benchmark_type.casefold())
        names.add(match_key(benchmark_type))
    return names


def _selected(
    label: str,
    benchmark_type: str | None,
    include: Iterable[str] | None,
    exclude: Iterable[str] | None,
) -> bool:
    names = _names(label, benchmark_type)
    if include is not None and not any(_key(name) in names for name in include):
        return False
    return not (exclude is not None and any(_key(name) in names for name in exclude))


def _key(name: str) -> str:
    return match_key(name)


def _short_reason(skip: SkippedCell) -> str:
    reason = skip.reason.split(" '", 1)[0].removeprefix("not a score: ")
    return "composite" if reason == "composite value" else reason


def _provenance(
    extraction: Extraction,
    score: ExtractedScore,
    *,
    repo_id: str | None,
    file: str | None,
    revision: str | None,
    source_url: str,
    blob_url: str | None,
    chosen: bool = False,
) -> Provenance:
    # A table hfeval chose (`readme: {}`) says so, so a reviewer can check the choice.
    where = f"README table {extraction.table}" + (" (chosen)" if chosen else "")
    details: dict[str, object] = {
        "source": "readme",
        "repo": repo_id,
        "file": file,
        "revision": revision,
        "table": extraction.table,
    }
    if chosen:
        details["chosen"] = True
    if extraction.axis is not None and extraction.model is not None:
        where += f', {extraction.axis} "{extraction.model}"'
        details[extraction.axis] = extraction.model
    details["line"] = score.line
    return Provenance(
        kind="readme",
        description=f"{where}, line {score.line}",
        url=f"{blob_url}#L{score.line}" if blob_url else source_url,
        details=details,
    )


def _picks(
    markdown: str, source: ReadmeSource, card_repo: str | None, where: str | None
) -> list[tuple[int | str, str | int | None, str | None]]:
    """(table, model, why it was chosen) for each table to read: the spec's, or init's choice."""
    if source.table is not None:
        return [(source.table, source.model, None)]
    decision = choose(markdown, card_repo)
    if not decision.chosen:
        others = "; ".join(
            f"table {t.table}: {t.verdict} ({t.reason})" for t in decision.tables[:6]
        )
        raise SourceError(
            "readme: {} found no table with this model's own scores"
            + (f" ({others})" if others else " (the README has no tables)"),
            where=where,
            hint="run `hfeval init` or `hfeval tables` on the README and give `table:`/`model:`",
        )
    return [(t.table, t.model, t.reason) for t in decision.chosen]


def readme_source_result(
    markdown: str,
    source: ReadmeSource,
    *,
    repo_id: str | None,
    file: str | None,
    revision: str | None,
    source_url: str,
    registry: Registry,
    blob_url: str | None = None,
    card_repo: str | None = None,
    cache: ExtractionCache | None = None,
) -> SourceResult:
    """The observations one `readme:` spec source produces from its README text.

    `blob_url` is the README at the read revision (`…/blob/<sha>/README.md`); when given, each
    observation links to its own line there, so a reviewer lands on the cell the number came from.
    A source without `table:` reads the tables the chooser picks for the card's model
    (`card_repo`, else `repo_id`) and says so in a note and in each provenance. With a `cache`,
    the tables of a README already read (same text, table, model and registry) are not read again.
    """
    where = repo_id or file
    observations: list[Observation] = []
    notes: list[str] = []
    chooser_repo = repo_id or card_repo

    def read_tables() -> Picked:
        picks = _picks(markdown, source, chooser_repo, where)
        return [
            (extract(markdown, table, model, registry=registry), why) for table, model, why in picks
        ]

    if cache is None:
        extractions = read_tables()
    else:
        key = extraction_key(
            markdown,
            table=source.table,
            model=source.model,
            card_repo=chooser_repo,
            registry=registry,
        )
        extractions = cache.picked(key, read_tables)
    _check_filters([extraction for extraction, _ in extractions], source, where)
    for extraction, why in extractions:
        if why is not None:
            label = f', {extraction.axis} "{extraction.model}"' if extraction.model else ""
            notes.append(f"readme: {{}} chose README table {extraction.table}{label}: {why}")
        observations += _observations(
            extraction,
            source,
            registry,
            functools.partial(
                _provenance,
                extraction,
                repo_id=repo_id,
                file=file,
                revision=revision,
                source_url=source_url,
                blob_url=blob_url,
                chosen=why is not None,
            ),
        )
        notes += [
            f'skipped "{skip.cell}" ({_short_reason(skip)}) for {skip.label} '
            f"in README table {extraction.table}"
            for skip in extraction.skipped
            if skip.looked_like_score
            and _selected(skip.label, None, source.include, source.exclude)
        ]
    return SourceResult(
        source_name=SOURCE_NAME,
        source_url=source_url,
        observations=tuple(observations),
        task_type=source.task or "text-generation",
        notes=tuple(notes),
    )


def _observations(
    extraction: Extraction,
    source: ReadmeSource,
    registry: Registry,
    provenance: Callable[[ExtractedScore], Provenance],
) -> list[Observation]:
    """One table's scores after the spec's include/exclude/rename."""
    renames = {_key(old): new for old, new in (source.rename or {}).items()}
    observations: list[Observation] = []
    for score in extraction.scores:
        if not _selected(score.benchmark, score.type, source.include, source.exclude):
            continue
        names = _names(score.benchmark, score.type)
        new_label = next((renames[name] for name in names if name in renames), None)
        label = new_label or score.benchmark
        known = registry.lookup(label) if new_label else None
        benchmark_type = known.id if known else (None if new_label else score.type)
        observations.append(
            Observation(
                benchmark=label,
                metric=score.metric,
                value=score.value,
                provenance=provenance(score),
                benchmark_type=benchmark_type,
            )
        )
    return observations


def _check_filters(extractions: list[Extraction], source: ReadmeSource, where: str | None) -> None:
    """An include name that matches nothing in the tables is a spec mistake, not an empty result."""
    if not source.include:
        return
    available: set[str] = set()
    for extraction in extractions:
        for score in extraction.scores:
            available |= _names(score.benchmark, score.type)
        for skip in extraction.skipped:
            available |= _names(skip.label, None)
    for name in source.include:
        if _key(name) not in available:
            scores = [score for extraction in extractions for score in extraction.scores]
            labels = ", ".join(repr(score.benchmark) for score in scores[:12])
            tables = ", ".join(str(extraction.table) for extraction in extractions)
            raise SourceError(
                f"include names {name!r}, which is not a benchmark of README table {tables}",
                where=where,
                hint=f"the table has: {labels}" if labels else None,
            )
