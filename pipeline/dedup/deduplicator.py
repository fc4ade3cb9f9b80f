"""The stateful core: `Deduplicator`, one shard of the dedup index.

One article goes through four steps. `start` (at the article's home shard) shingles it, builds
its TF-IDF vector and counts its terms; `search` (at every shard) finds the best near-verbatim
original and the best story among that shard's own entries; `finalize` (back at home) decides
and indexes the article's signature; `commit` (at the chosen story's home shard) joins or
founds the story and gives the verdict. Offline, one Deduplicator is the only shard and
`observe` runs the four steps in a row; the stream runs one shard per partition and carries
Probe, Findings and Commit between partitions as messages.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import datetime
from operator import itemgetter
from typing import Any

from pipeline.dedup.context import add_votes, article_votes, inherited, winners
from pipeline.dedup.copies import (
    CopyMatch,
    band_keys,
    decode_ints,
    number_keys,
    overlap,
    shingles,
    signature_record,
)
from pipeline.dedup.frequencies import DocumentFrequencies
from pipeline.dedup.messages import Commit, Findings, Probe, better, older
from pipeline.dedup.params import DedupParams
from pipeline.dedup.state import DedupState, article_ref, epoch
from pipeline.dedup.stories import (
    StoryMatch,
    add_to_centroid,
    background_frequencies,
    cosine,
    df_key,
    l2_norm,
    term_counts,
    tfidf,
)
from pipeline.dedup.verdict import Verdict
from pipeline.ingest import Article
from pipeline.settings import Settings

_HOUR_SECONDS = 3600
_BUCKET_SECONDS = 60

# Members a story notes in its own record, with the outlets counted for each (see commit).
_RECENT_MEMBERS = 8
# The meta key of the last decision this shard made, applied again if the article is seen again (see finalize).
_INTENT = "intent"


def story_contexts(articles: Iterable[Article], settings: Settings) -> dict[str, Mapping[str, str]]:
    """Each article's story context as the stream's dedup gives it, deciding in publication order (offline runs)."""
    deduplicator = Deduplicator(settings)
    ordered = sorted(articles, key=lambda a: (a.published_at, a.id))
    return {v.article_id: v.story_context for v in deduplicator.observe_all(ordered)}


def _append_capped(values: list[str] | None, item: str, cap: int) -> list[str]:
    # A new list, never the stored one mutated: a table only sees a value that is assigned.
    if not values:
        return [item]
    if item in values:
        return values
    return (values[1 - cap :] if len(values) >= cap else values) + [item]


class Deduplicator:
    """One shard of the dedup index: decides each article against the earlier ones, then indexes it."""

    def __init__(
        self,
        settings: Settings,
        state: DedupState | None = None,
        params: DedupParams | None = None,
        shard: int = 0,
        shards: int = 1,
    ) -> None:
        self.settings = settings
        self.state = state if state is not None else DedupState()
        self.frequencies = DocumentFrequencies(self.state.document_frequencies)
        self.params = params or DedupParams()
        self.shard = shard
        # With several shards, a new story is checked again before its verdict (see `recheck`).
        self.shards = shards
        self.near_window_seconds = int(settings.near_duplicate_window_hours * _HOUR_SECONDS)
        self.story_window_seconds = int(settings.story_window_hours * _HOUR_SECONDS)
        self.storyline_window_seconds = int(settings.storyline_window_days * 24 * _HOUR_SECONDS)
        self.storyline_threshold = self.params.storyline_threshold or settings.story_threshold
        if self.params.background_scale > 0:
            background_frequencies(self.params.stem_chars)  # load once (~0.5 s), not in the first article

    # -- offline: this shard is the only one

    def observe(self, article: Article) -> Verdict:
        """Decide using earlier articles, then index this one; seeing an article again repeats its verdict."""
        verdict = self.commit(self.finalize(self.start(article), Findings()))
        assert isinstance(verdict, Verdict), "a lone shard's stories never lose their founder"
        return verdict

    def observe_all(self, articles: Iterable[Article]) -> list[Verdict]:
        """Observe articles in the order given (offline runs and tests)."""
        return [self.observe(article) for article in articles]

    def lookup(self, article: Article) -> CopyMatch | None:
        """The earlier article this one copies near-verbatim, without indexing it."""
        probe = self.probe(article)
        return self.find_copy(probe, probe.published)

    # -- the four steps

    def start(self, article: Article) -> Probe:
        """At the article's home shard: its probe, with a TF-IDF vector from this shard's document frequencies."""
        counts = term_counts(article, self.params)
        documents = int(self.state.meta.get("documents", 0))
        vector = tfidf(counts, self.frequencies.load(documents), documents, self.params)
        return self.probe(article, vector, counts)

    def search(self, probe: Probe, found: Findings | None = None, recheck: bool = False) -> Findings:
        """Merge this shard's best near-verbatim original and stories for a probe into what was found so far.

        A recheck looks only for stories founded before the probe's own (see `recheck`).
        """
        if recheck:
            earliest = self._earliest_story(probe.vector, probe.published, before=(probe.published, probe.ref))
            return (found or Findings()).merge(Findings(earliest=earliest))
        copy = self.find_copy(probe, probe.published)
        active, linked = self._nearest_stories(probe.vector, probe.published)
        return (found or Findings()).merge(Findings(copy, active, linked))

    def found_here(self, decision: Commit) -> bool:
        """True when a decision founds a story that, with several shards, must be rechecked before its verdict."""
        return self.shards > 1 and decision.mode == "found" and decision.story_home == self.shard

    def recheck(self, probe: Probe, found: Findings) -> Verdict | Commit:
        """At home, after searching every shard again for the story this article just founded.

        Two first reports of a new event that arrive together search the shards at the same
        time, and neither finds the other's story, which does not exist yet: each founds one. So
        a founder's story is made visible at once, and its search runs once more before the
        verdict. If stories founded earlier (by publication time, then ref) are now similar
        enough, the article leaves its own story, unless another article joined it meanwhile,
        and joins the oldest of them, whose founder stays. Offline, one article at a time, a
        recheck never finds anything.
        """
        found = self.search(probe, found, recheck=True)
        story = self.state.stories.get(probe.ref)
        target = found.earliest
        if story is not None and (target is None or story["n"] > 1):
            return self.commit(self._commit_for(probe, "join", probe.ref, self.shard))
        if story is not None:
            self._drop_story(probe.ref, cutoff=None)
        if target is None:  # the story expired meanwhile (a replay of old copy): found it again
            return self.commit(self._commit_for(probe, "found", probe.ref, self.shard))
        record = self.state.signatures.get(probe.ref)
        if record is not None:
            # Copies of this article follow it into the story it joined.
            self.state.signatures[probe.ref] = dict(record, s=target.ref, h=target.home, s0=target.start)
        decision = self._commit_for(probe, "join", target.ref, target.home)
        return self.commit(decision) if target.home == self.shard else decision

    def _commit_for(
        self,
        probe: Probe,
        mode: str,
        story_ref: str,
        story_home: int,
        line: str | None = None,
        line_context: Mapping[str, str] | None = None,
        copy: Mapping[str, Any] | None = None,
    ) -> Commit:
        """A decision about the probe's article; `copy` gives duplicate_of, similarity and is_new_version."""
        return Commit(
            article_id=probe.article_id,
            ref=probe.ref,
            source=probe.source,
            published=probe.published,
            mode=mode,
            story_ref=story_ref,
            story_home=story_home,
            line=line or probe.article_id,
            vector=probe.vector,
            home=self.shard,
            votes=probe.votes,
            line_context=dict(line_context or {}),
            **(copy or {}),
        )

    def finalize(self, probe: Probe, found: Findings, article: Article | None = None) -> Commit:
        """At home, after every other shard's search: decide, index the signature, say where the story is.

        `article` is needed when the probe came as a message (without its term counts). The
        commit returned goes to its story's home shard: this one or another.

        The decision is written first, as the shard's intent, then applied (document frequencies,
        signature, bands). A crash can cut those writes off after any of them; the article, seen
        again, is not decided afresh (its own writes have already changed the counts and the index it
        would be decided on) but applies the intent again, each write once.
        """
        intent = self.state.meta.get(_INTENT) or {"commit": {}}
        decided = intent["commit"]
        if decided.get("ref") == probe.ref and decided.get("article_id") == probe.article_id:
            decision = Commit.from_message(decided)
            self._apply(probe, decision, intent["record"], int(intent["document"]), article)
            return decision
        known = self._known(probe)
        if known is not None:
            repeated = {
                "duplicate_of": known.get("d"),
                "similarity": known.get("m"),
                "is_new_version": bool(known.get("v")),
            }
            return self._commit_for(probe, "join", known["s"], int(known.get("h", self.shard)), copy=repeated)
        found = self.search(probe, found)
        now, copy = probe.published, found.copy
        line = found.linked.line if found.linked is not None else probe.article_id
        line_context = found.linked.context if found.linked is not None else {}
        if copy is not None and copy.story_ref is not None and abs(now - copy.story_start) <= self.story_window_seconds:
            # A copy is not an independent report: it joins its original's story unchanged.
            mode, story_ref, home, story_start = "copy", copy.story_ref, copy.story_home, copy.story_start
        elif found.active is not None:
            mode, story_ref, home, story_start = "join", found.active.ref, found.active.home, found.active.start
        else:
            mode, story_ref, home, story_start = "found", probe.ref, self.shard, now
        record = signature_record(
            probe.article_id, now, len(probe.shingles.hashes), probe.shingles.sketch, probe.shingles.minhash,
            probe.numbers, story_ref,
        )  # fmt: skip
        record.update(h=home, s0=story_start)
        copied: dict[str, Any] | None = None
        if copy is not None:
            # CopyMatch.similarity is already at most 1.
            copied = {"duplicate_of": copy.article_id, "similarity": round(copy.similarity, 4)}
            copied["is_new_version"] = copy.new_version
            record.update(d=copied["duplicate_of"], m=copied["similarity"], v=int(copy.new_version))
        decision = self._commit_for(probe, mode, story_ref, home, line=line, line_context=line_context, copy=copied)
        document = int(self.state.meta.get("documents", 0))
        # One value per shard, overwritten by the next article: only the last one decided can be cut off.
        self.state.meta[_INTENT] = {"commit": decision.to_message(), "record": record, "document": document}
        self._apply(probe, decision, record, document, article)
        return decision

    def _apply(
        self, probe: Probe, decision: Commit, record: dict[str, Any], document: int, article: Article | None
    ) -> None:
        """Count the article's terms as document number `document` (unless a copy, or counted), index its signature."""
        if decision.mode != "copy" and int(self.state.meta.get("documents", 0)) == document:
            # Document frequencies count independent reports; a copy would count its words twice.
            counts = probe.counts
            if counts is None:
                if article is None:
                    raise ValueError("finalize needs the article when the probe has no term counts")
                counts = term_counts(article, self.params)
            self.frequencies.count_document({df_key(term) for term in counts}, document)
            self.state.meta["documents"] = document + 1
        # A signature already written stays as it is: a recheck may have moved it to another story since.
        self.index_record(probe.ref, dict(self._known(probe) or record), probe.shingles.keys)

    def commit(self, decision: Commit) -> Verdict | Commit:
        """At the story's home shard: found or join the story (once, however often this is redelivered).

        Returns the verdict, or the commit to send on when the story's founder has left it for another.
        """
        story_ref = decision.story_ref
        story = self.state.stories.get(story_ref)
        now = decision.published
        if story is None and decision.mode != "found" and not decision.redirected:
            # The story's founder may have left it on a recheck: follow the founder (its signature is here).
            founder = self.state.signatures.get(story_ref)
            if founder is not None and founder.get("s") not in (None, story_ref):
                redirected = replace(decision, story_ref=founder["s"], story_home=int(founder["h"]), redirected=True)
                return self.commit(redirected) if redirected.story_home == self.shard else redirected
        applied = self.state.members.get(decision.ref)
        if story is not None and applied is None:
            # The story's own note of its newest members is written with it, in one value: a crash
            # between the story's write and the member note's cannot make a repeat apply twice.
            applied = next(([story_ref, *note] for ref, *note in story.get("mem", ()) if ref == decision.ref), None)
        if applied is not None and applied[0] in self.state.stories:
            # Already applied: a repeat of this article or a redelivered message. The verdict is
            # repeated as it was, with the outlets counted and the country known then (a crash must not
            # change a claim).
            story_ref, sources, *known = applied
            story = self.state.stories[story_ref]
            context = known[0] if known else winners(story.get("cx", {}))
            if decision.ref not in self.state.members:
                # A crash cut the commit off after the story's write: the writes after it, again.
                self._schedule("t", story_ref, now)
                self._remember(decision.ref, story_ref, sources, context, now)
        elif story is None or decision.mode == "found":
            # Also when the chosen story expired in the meantime: the article founds its own.
            story_ref = decision.ref if story is None else story_ref
            centroid = {t: round(w, 4) for t, w in decision.vector.items()}
            story = {
                "id": decision.article_id,
                "line": decision.line,
                "t0": now,
                "t": now,
                "n": 1,
                "c": centroid,
                "nm": round(l2_norm(centroid), 6),
                "ix": [],
                "src": [decision.source],
                "cx": add_votes(inherited(decision.line_context), decision.votes),
            }
            context = winners(story["cx"])
            story["mem"] = [[decision.ref, 1, context]]
            story["ix"] = self._index_terms(story_ref, story)
            self._store_story(story_ref, story, now)
            sources = 1
            self._remember(decision.ref, story_ref, sources, context, now)
        else:
            story = dict(story, t=max(story["t"], now), n=story["n"] + 1)
            if decision.mode == "join":
                centroid = add_to_centroid(story["c"], decision.vector, self.params.centroid_terms)
                story.update(c=centroid, nm=round(l2_norm(centroid), 6))
                if decision.source not in story["src"]:
                    story["src"] = story["src"] + [decision.source]
                if story["n"] <= 4 or story["n"] % 4 == 0:
                    # A big centroid's top terms move slowly: re-posting on every fourth article is enough.
                    story["ix"] = self._index_terms(story_ref, story)
            story["cx"] = add_votes(story.get("cx", {}), decision.votes)
            sources = max(1, len(story["src"]))
            context = winners(story["cx"])
            story["mem"] = [*story.get("mem", ())[1 - _RECENT_MEMBERS :], [decision.ref, sources, context]]
            self._store_story(story_ref, story, now)
            self._remember(decision.ref, story_ref, sources, context, now)
        return Verdict(
            article_id=decision.article_id,
            duplicate_of=decision.duplicate_of,
            similarity=decision.similarity,
            story_id=story["id"],
            storyline_id=story["line"],
            is_new_version=decision.is_new_version,
            story_sources=sources,
            story_context=context,
        )

    def expire(self, now: datetime) -> int:
        """Drop signatures older than the near-duplicate window and stories idle past the storyline window."""
        moment = epoch(now)
        dropped = self._expire_kind("s", moment - self.near_window_seconds, self._drop_signature)
        self._expire_kind("m", moment - self.near_window_seconds, self._drop_member)
        dropped += self._expire_kind("t", moment - self.storyline_window_seconds, self._drop_story)
        return dropped

    # -- near-verbatim

    def probe(
        self, article: Article, vector: dict[str, float] | None = None, counts: Mapping[str, float] | None = None
    ) -> Probe:
        """An article's probe from this shard: shingles, sketches and figures (and its TF-IDF vector when given)."""
        sh = shingles(article, self.params)
        numbers = frozenset(number_keys(article.text))
        published = epoch(article.published_at)
        ref = article_ref(article.id)
        votes = article_votes(article)
        return Probe(ref, article.id, article.source, published, sh, numbers, vector or {}, self.shard, votes, counts)

    def _known(self, probe: Probe) -> Mapping[str, Any] | None:
        known = self.state.signatures.get(probe.ref)
        return known if known is not None and known["id"] == probe.article_id else None

    def find_copy(self, probe: Probe, now: int) -> CopyMatch | None:
        """The best earlier article in this shard that the probe's article copies near-verbatim."""
        candidates: set[str] = set()
        for key in probe.shingles.keys:
            candidates.update(self.state.bands.get(key, ()))
        candidates.discard(probe.ref)
        best: CopyMatch | None = None
        for candidate in candidates:
            record = self.state.signatures.get(candidate)
            if record is None or abs(now - record["t"]) > self.near_window_seconds:
                continue
            found = overlap(probe.shingles, decode_ints(record["k"], 4), record["n"], self.params.sketch_size)
            score = max(found.similarity, found.jaccard)
            if score >= self.settings.near_duplicate_threshold:
                # A write-through brings a figure that no earlier copy had; a trim only loses some,
                # and a late copy of the first version is not new because a write-through came between.
                covered = not probe.numbers - set(decode_ints(record["f"], 2))
                match = CopyMatch(
                    ref=candidate,
                    article_id=record["id"],
                    similarity=min(1.0, score),
                    published=record["t"],
                    new_version=not covered,
                    story_ref=record.get("s"),
                    story_home=int(record.get("h", self.shard)),
                    story_start=int(record.get("s0", record["t"])),
                )
                best = better(best, match)
        return best

    def index_record(self, ref: str, record: dict[str, Any], keys: Iterable[str]) -> None:
        """Store a signature record and post it under its band keys (also used to fill benchmarks)."""
        self.state.signatures[ref] = record
        for key in keys:
            self.state.bands[key] = _append_capped(self.state.bands.get(key), ref, self.params.bucket_cap)
        self._schedule("s", ref, record["t"])

    # -- stories

    def _store_story(self, story_ref: str, story: dict[str, Any], now: int) -> None:
        self.state.stories[story_ref] = story
        self._schedule("t", story_ref, now)

    def forget_cached(self) -> None:
        """Read the state's mappings again: another worker may have changed them (the partition moved away and back)."""
        self.frequencies.forget()

    def _candidates(self, vector: Mapping[str, float]) -> list[str]:
        """Stories posted under the vector's top terms, the most promising first."""
        scores: defaultdict[str, float] = defaultdict(float)
        query = heapq.nlargest(self.params.query_terms, vector.items(), key=itemgetter(1))
        for term, weight in query:
            for story_ref in self.state.postings.get(term, ()):
                scores[story_ref] += weight
        return [ref for ref, _ in heapq.nlargest(self.params.max_candidates, scores.items(), key=itemgetter(1))]

    def _scored(self, vector: Mapping[str, float]) -> Iterator[tuple[str, dict[str, Any], float]]:
        """The candidate stories that still exist, each with its cosine to the vector."""
        stories = self.state.stories
        for story_ref in self._candidates(vector):
            story = stories.get(story_ref)
            if story is not None:
                yield story_ref, story, cosine(vector, story["c"], story["nm"])

    def _nearest_stories(self, vector: Mapping[str, float], now: int) -> tuple[StoryMatch | None, StoryMatch | None]:
        """The best story to join (still in its news cycle) and, failing that, the best earlier one to link."""
        active: tuple[float, str] | None = None  # (similarity, ref): StoryMatch.rank of the best
        linked: tuple[float, str] | None = None
        threshold = self.settings.story_threshold
        for story_ref, story, similarity in self._scored(vector):
            rank = (similarity, story_ref)
            if abs(now - story["t0"]) <= self.story_window_seconds and rank[0] >= threshold:
                if active is None or rank > active:
                    active = rank
            elif abs(now - story["t"]) <= self.storyline_window_seconds and rank[0] >= self.storyline_threshold:
                # Also a story of this news cycle too far to join: the same event told another way continues it.
                if linked is None or rank > linked:
                    linked = rank
        return self._story_match(active), self._story_match(linked)

    def _story_match(self, rank: tuple[float, str] | None) -> StoryMatch | None:
        if rank is None:
            return None
        story = self.state.stories[rank[1]]
        return StoryMatch(rank[1], self.shard, rank[0], story["t0"], story["line"], winners(story.get("cx", {})))

    def _earliest_story(self, vector: Mapping[str, float], now: int, before: tuple[int, str]) -> StoryMatch | None:
        """The oldest story in its news cycle, founded before `before` (t0, ref), that the vector would join."""
        earliest: StoryMatch | None = None
        for story_ref, story, similarity in self._scored(vector):
            if (story["t0"], story_ref) >= before or abs(now - story["t0"]) > self.story_window_seconds:
                continue
            if similarity >= self.settings.story_threshold:
                earliest = older(earliest, StoryMatch(story_ref, self.shard, similarity, story["t0"], story["line"]))
        return earliest

    def _index_terms(self, story_ref: str, story: Mapping[str, Any]) -> list[str]:
        # A story is (re)posted under its current top terms, so a busy story is never crowded out
        # of a capped posting list by newer ones.
        indexed = list(story.get("ix", []))
        top = heapq.nlargest(self.params.index_terms, story["c"].items(), key=itemgetter(1))
        for term, _ in top:
            refs = self.state.postings.get(term) or []
            if not refs or refs[-1] != story_ref:
                # Move to the end: the list is capped by dropping the stories idle longest.
                refs = [r for r in refs if r != story_ref][-(self.params.posting_cap - 1) :] + [story_ref]
                self.state.postings[term] = refs
            if term not in indexed:
                indexed.append(term)
        return indexed

    # -- expiry

    def _schedule(self, kind: str, ref: str, now: int) -> None:
        # Minute buckets keep each list short; a late article goes to the oldest live bucket.
        minute = now // _BUCKET_SECONDS
        start = self.state.meta.get(f"from_{kind}")
        if start is None:
            self.state.meta[f"from_{kind}"] = start = minute
        key = f"{kind}{max(minute, start)}"
        refs = self.state.timeline.get(key) or []
        if ref not in refs:
            self.state.timeline[key] = refs + [ref]

    def _expire_kind(self, kind: str, cutoff: int, drop: Any) -> int:
        start = self.state.meta.get(f"from_{kind}")
        if start is None:
            return 0
        last = cutoff // _BUCKET_SECONDS
        dropped = 0
        for minute in range(start, last):
            for ref in self.state.timeline.pop(f"{kind}{minute}", []):
                dropped += drop(ref, cutoff)
        self.state.meta[f"from_{kind}"] = max(start, last)
        return dropped

    def _remember(self, ref: str, story_ref: str, sources: int, context: Mapping[str, str], now: int) -> None:
        # Kept as long as a signature: a message is not redelivered later than that. Written last:
        # a member noted means the commit's every write is done.
        self._schedule("m", ref, now)
        self.state.members[ref] = [story_ref, sources, context]

    def _drop_member(self, ref: str, cutoff: int) -> int:
        # Not counted: a member is a note about an applied commit, not an indexed entry.
        self.state.members.pop(ref, None)
        return 0

    def _drop_signature(self, ref: str, cutoff: int) -> int:
        record = self.state.signatures.get(ref)
        if record is None or record["t"] >= cutoff:
            return 0
        for key in band_keys(decode_ints(record["b"], 4), self.params.rows_per_band):
            remaining = [r for r in self.state.bands.get(key, ()) if r != ref]
            if remaining:
                self.state.bands[key] = remaining
            elif key in self.state.bands:
                del self.state.bands[key]
        del self.state.signatures[ref]
        return 1

    def _drop_story(self, ref: str, cutoff: int | None) -> int:
        """Drop a story idle since before cutoff (any story when cutoff is None) and its postings."""
        story = self.state.stories.get(ref)
        if story is None or (cutoff is not None and story["t"] >= cutoff):
            return 0
        for term in story["ix"]:
            remaining = [r for r in self.state.postings.get(term, ()) if r != ref]
            if remaining:
                self.state.postings[term] = remaining
            elif term in self.state.postings:
                del self.state.postings[term]
        del self.state.stories[ref]
        return 1
