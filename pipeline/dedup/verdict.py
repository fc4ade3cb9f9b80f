"""What dedup decides about an article: `Verdict`, and a summary of the stories in a run's verdicts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline.extract.places import story_names


@dataclass(frozen=True)
class Verdict:
    """What dedup decided about one article."""

    article_id: str
    duplicate_of: str | None
    similarity: float | None
    story_id: str
    storyline_id: str
    is_new_version: bool
    story_sources: int
    # The country and event the story's articles so far name most, and its names' countries (dedup.context),
    # read by extraction.
    story_context: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_near_duplicate(self) -> bool:
        """True for a near-verbatim copy that is not a new version: its figures add nothing."""
        return self.duplicate_of is not None and not self.is_new_version

    def to_message(self) -> dict[str, Any]:
        """The `verdict` message form (schemas/dedup.json)."""
        message = {
            "article_id": self.article_id,
            "duplicate_of": self.duplicate_of,
            "similarity": self.similarity,
            "story_id": self.story_id,
            "storyline_id": self.storyline_id,
            "is_new_version": self.is_new_version,
            "story_sources": self.story_sources,
            "story_country": self.story_context.get("country"),
            "story_event": self.story_context.get("event"),
            "story_names": story_names(self.story_context) or None,
        }
        # Not validated here, on the stream's hot path: tests check the form against schemas/dedup.json.
        return message


def story_context(message: Mapping[str, Any]) -> dict[str, str]:
    """The story context a `verdict` message carries, as `Extractor.extract` takes it."""
    names = message.get("story_names") or {}
    fields = {
        "country": message.get("story_country"),
        "event": message.get("story_event"),
        "names": ";".join(f"{name}={code}" for name, code in names.items()),
    }
    return {field: value for field, value in fields.items() if value}


def render_stories(deduped: Iterable[Mapping[str, Any]]) -> list[str]:
    """One line per story of articles.deduped messages: its articles, outlets, copies and new versions."""
    stories: dict[str, list[Mapping[str, Any]]] = {}
    for message in deduped:
        stories.setdefault(message["dedup"]["story_id"], []).append(message)
    lines = []
    for story_id, members in sorted(stories.items(), key=lambda item: (-len(item[1]), item[0])):
        outlets = sorted({m["article"]["source"] for m in members if not m["dedup"]["duplicate_of"]})
        copies = sum(1 for m in members if m["dedup"]["duplicate_of"] and not m["dedup"]["is_new_version"])
        versions = sum(1 for m in members if m["dedup"]["is_new_version"])
        line = f"{story_id}: {len(members)} article{'s' if len(members) != 1 else ''}"
        line += f" from {len(outlets)} outlet{'s' if len(outlets) != 1 else ''} ({', '.join(outlets)})"
        if copies:
            line += f", {copies} near-verbatim cop{'ies' if copies != 1 else 'y'}"
        if versions:
            line += f", {versions} new version{'s' if versions != 1 else ''}"
        lines.append(line)
    return lines
