"""The read API's wiring: GET /claims, /claims/{key} and /updates answer for the whole table on any worker.

Faust tables are partitioned: each worker holds the claims of its assigned partitions, and its
alerts stage sees the updates of its partitions of `updates`. A request (scope=all, the default)
is answered from this worker's own partitions and, at the same time, from every other worker's,
asked over its own read API with scope=local. A worker asked so answers for its own partitions
only and never asks further, so a request fans out one level and cannot loop. Faust's assignor
knows the other workers by the web URL each advertises (WIRETALLY_WEB_HOST, WIRETALLY_WEB_PORT),
the same URLs it routes GET /claims/{key} to. A worker that does not answer within
WIRETALLY_PEER_TIMEOUT_SECONDS is left out, and the answer says it is partial (the `partial`
field and the X-Wiretally-Partial header) instead of hanging or failing. The merge itself is
pipeline/web/merge.py.
"""

from __future__ import annotations

import asyncio
import logging
import urllib.parse
from collections.abc import Mapping
from typing import Any

import aiohttp
import faust
from aiokafka.partitioner import DefaultPartitioner
from faust.web import Request, Response, View
from yarl import URL

from pipeline.settings import Settings
from pipeline.web import api, merge

log = logging.getLogger(__name__)

PARTIAL_HEADER = "X-Wiretally-Partial"
_PARTITIONER = DefaultPartitioner()


def claim_partition(key: str, partitions: int) -> int:
    """The partition of a claim key on `figures` and the claims changelog: Kafka's default partitioner, as Faust's."""
    every = list(range(partitions))
    return int(_PARTITIONER(key.encode("utf-8"), every, every))


def _ident(url: URL | str) -> tuple[str, int]:
    """Host and port of a worker's URL, as Faust's router compares them."""
    url = URL(url)
    return ((url.host if url.scheme else url.path) or "", int(url.port or 80))


class Reader:
    """This worker's share of the claims table and recent updates, and the other workers' over HTTP."""

    def __init__(self, app: faust.App, table: Any, settings: Settings, recent_updates: Any) -> None:
        self.app, self.table, self.settings = app, table, settings
        self.recent_updates = recent_updates
        self.figures_topic = settings.topic("figures")
        self.updates_topic = settings.topic("updates")

    @property
    def own_url(self) -> str:
        """The URL this worker advertises to the others."""
        return str(self.app.conf.canonical_url)

    def _recovered(self) -> bool:
        tables: Any = self.app.tables  # the TableManager type does not declare its recovery service
        return not self.app.rebalancing and tables.recovery.completed.is_set()

    def _assigned(self, topic: str) -> frozenset[int]:
        return frozenset(tp.partition for tp in self.app.assignor.assigned_actives() if tp.topic == topic)

    def other_workers(self) -> list[str]:
        """The other workers' web URLs, from the last partition assignment."""
        own = _ident(self.own_url)
        try:
            urls = list(self.app.router.tables_metadata())
        except (KeyError, AttributeError):
            urls = []
        return sorted(url for url in urls if _ident(url) != own)

    def owner(self, key: str) -> str | None:
        """The URL of the worker holding a claim key, or None when the assignment does not say (yet)."""
        try:
            return str(self.app.router.key_store(self.table.name, key))
        except KeyError:
            return None

    def is_self(self, url: str) -> bool:
        """True when the URL is this worker's own."""
        return _ident(url) == _ident(self.own_url)

    def local_claims(self, query: api.ClaimsQuery) -> merge.LocalAnswer:
        """The entries of this worker's partitions matching the query.

        The answer covers the partitions only once their tables are recovered; before then (and
        during a rebalance) it still returns what it has, but covers none, so a merge says partial.
        """
        assigned = self._assigned(self.figures_topic)
        partitions = self.settings.partitions
        entries = merge.own_entries(self.table.values(), lambda key: claim_partition(key, partitions), assigned)
        covered = assigned if self._recovered() else frozenset()
        return merge.LocalAnswer(self.own_url, api.select_entries(entries, query), covered)

    def local_updates(self, query: api.UpdatesQuery) -> merge.LocalAnswer:
        """The updates this worker's alerts stage has seen, newest first."""
        newest_first = list(reversed(self.recent_updates))[: query.limit]
        covered = self._assigned(self.updates_topic) if self._recovered() else frozenset()
        return merge.LocalAnswer(self.own_url, newest_first, covered)

    async def get_json(self, url: URL) -> tuple[int, Any] | None:
        """GET a JSON document from another worker: its status and body, or None when it did not answer in time."""
        timeout_seconds = self.settings.peer_timeout_seconds
        try:
            async with asyncio.timeout(timeout_seconds):
                async with self.app.http_client.get(url, headers={"Accept": "application/json"}) as response:
                    return response.status, await response.json(content_type=None)
        except TimeoutError:
            log.warning("worker %s did not answer %s within %.1f s", url.origin(), url.path, timeout_seconds)
        except (aiohttp.ClientError, OSError, ValueError) as exc:
            log.warning("worker %s did not answer %s: %s: %s", url.origin(), url.path, type(exc).__name__, exc)
        return None

    async def _ask(self, worker: str, path: str, params: Mapping[str, str], field: str) -> merge.LocalAnswer | None:
        result = await self.get_json(URL(worker).with_path(path).with_query(api.local_parameters(params)))
        if result is None or result[0] != 200:
            return None
        return merge.parse_local_answer(worker, result[1], field)

    async def fan_out(
        self, path: str, params: Mapping[str, str], field: str, own: merge.LocalAnswer
    ) -> tuple[list[merge.LocalAnswer], merge.Coverage]:
        """This worker's answer and every other worker's (asked at once, scope=local), and what they cover."""
        others = self.other_workers()
        replies = await asyncio.gather(*(self._ask(url, path, params, field) for url in others))
        answers = [own, *(reply for reply in replies if reply is not None)]
        unanswered = [url for url, reply in zip(others, replies, strict=True) if reply is None]
        return answers, merge.coverage(answers, unanswered, self.settings.partitions)


def _whole(web: View, field: str, items: list[dict[str, Any]], covered: merge.Coverage) -> Response:
    """A scope=all answer, with its coverage in the body and the X-Wiretally-Partial header."""
    return web.json({field: items, **covered.to_message()}, headers={PARTIAL_HEADER: str(covered.partial).lower()})


def register(app: faust.App, reader: Reader) -> None:
    """Add GET /claims, /claims/{key} and /updates, each answering for the whole table unless scope=local."""

    @app.page("/claims")
    async def claims_view(web: View, request: Request) -> Response:
        params = dict(request.query)
        query = api.parse_claims_query(params)
        if isinstance(query, str):
            return web.json({"error": query}, status=400)
        own = reader.local_claims(query)
        if query.scope == "local":
            return web.json(own.to_message("claims"))
        answers, covered = await reader.fan_out("/claims", params, "claims", own)
        return _whole(web, "claims", merge.merge_claims(answers, query), covered)

    @app.page("/updates")
    async def updates_view(web: View, request: Request) -> Response:
        """Recent updates and contradictions, newest first: every worker's, or this worker's with scope=local."""
        params = dict(request.query)
        query = api.parse_updates_query(params)
        if isinstance(query, str):
            return web.json({"error": query}, status=400)
        own = reader.local_updates(query)
        if query.scope == "local":
            return web.json(own.to_message("updates"))
        answers, covered = await reader.fan_out("/updates", params, "updates", own)
        return _whole(web, "updates", merge.merge_updates(answers, query.limit), covered)

    @app.page("/claims/{key:.+}")
    async def claim_view(web: View, request: Request, key: str) -> Response:
        """One entry, from the worker holding its key (asked with scope=local, so it answers from its own table)."""
        scope = api.parse_key_query(dict(request.query))
        if scope not in ("all", "local"):
            return web.json({"error": scope}, status=400)
        owner = reader.owner(key) if scope == "all" else None
        if owner is not None and not reader.is_self(owner):
            path = "/claims/" + urllib.parse.quote(key, safe="")
            target = URL(owner).with_path(path, encoded=True).with_query({api.SCOPE_PARAMETER: "local"})
            result = await reader.get_json(target)
            if result is not None:
                return web.json(result[1], status=result[0])
            timeout_seconds = reader.settings.peer_timeout_seconds
            error = f"the worker holding this key ({owner}) did not answer within {timeout_seconds} s"
            return web.json({"error": error, "partial": True}, status=503, headers={PARTIAL_HEADER: "true"})
        entry = reader.table.get(key)
        if entry is None and scope == "all" and owner is None:
            # No assignment names the key's worker (yet): during a rebalance, "not found" would be wrong.
            error = "no worker holds this key's partition at the moment (a rebalance?); try again"
            return web.json({"error": error, "partial": True}, status=503, headers={PARTIAL_HEADER: "true"})
        if entry is None:
            return web.json({"error": f"no claim with key {key!r}"}, status=404)
        return web.json(entry)
