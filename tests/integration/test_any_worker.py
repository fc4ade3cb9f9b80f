"""Issue 17: the whole claims table and every recent update from any worker, with two real workers.

Two workers share six partitions (six, as in test_rebalance.py: both then hold some). Articles
about many events put claim keys and updates on every partition. Then each worker is asked for
`/claims` and `/updates`: both answers must be equal, complete (every key in the claims changelog,
every update id on the updates topic, both read directly) and not partial, although each worker holds only its own
partitions (its scope=local answer is a strict part of the whole). `/claims/{key}` answers on
either worker for a key the other holds. Last, one worker is frozen (SIGSTOP): the other still
answers within the peer timeout, saying the answer is partial, instead of hanging or failing.
"""

from __future__ import annotations

import json
import re
import signal
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from pipeline.evaluation.runner import Session, WorkerProcess
from pipeline.ingest import Article
from pipeline.stream import clients
from tests.factories import synthetic_articles

pytestmark = pytest.mark.integration

PARTITIONS = 6
PEER_TIMEOUT_SECONDS = 2.0


def later_toll(article: Article) -> Article:
    """The same outlet's write-through an hour later with a higher toll: an update of the article's key."""
    body = re.sub(r"(kill\w* )(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + 7}", article.body, count=1)
    assert body != article.body, article.body
    return replace(article, id=article.id + "-v2", published_at=article.published_at + timedelta(hours=1), body=body)


def get(worker: WorkerProcess, path: str, timeout_seconds: float = 15.0) -> tuple[int, dict[str, str], Any]:
    """Status, headers and JSON body of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(worker.url(path), timeout=timeout_seconds) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), json.loads(exc.read())


def local(worker: WorkerProcess, path: str) -> dict[str, Any]:
    """A worker's scope=local answer: its own partitions only."""
    separator = "&" if "?" in path else "?"
    return dict(worker.get_json(f"{path}{separator}scope=local", timeout_seconds=10))


def split_between(session: Session, first: WorkerProcess, second: WorkerProcess) -> bool:
    """True once both workers hold recovered partitions of the claims table, together all of them."""
    try:
        mine, theirs = (set(local(w, "/claims?limit=1")["partitions"]) for w in (first, second))
    except (OSError, ValueError):
        return False
    return bool(mine) and bool(theirs) and not mine & theirs and mine | theirs == set(range(PARTITIONS))


def test_any_worker_answers_for_the_whole_table(make_session, make_settings, seed_articles, broker_kind, capsys):
    started = time.monotonic()
    session = make_session(make_settings(partitions=PARTITIONS, peer_timeout_seconds=PEER_TIMEOUT_SECONDS))
    first, second = session.start_worker(), session.start_worker()
    session.wait_ready(first)
    session.wait_ready(second)
    session.wait_for(lambda: split_between(session, first, second), "both workers to hold partitions", 120)

    stories = synthetic_articles(24, seed=17)
    articles = seed_articles + stories + [later_toll(a) for a in stories[:12]]
    session.publish(articles)
    session.wait_processed(len(articles))
    # Every key of the table, read from its changelog (a figure that is ignored makes no entry).
    changelog = f"{session.settings.app_id}-claims-changelog"
    keys = {r.key for r in clients.read_topic(session.broker_url, changelog, idle_seconds=0.5) if r.key}
    assert keys <= {r.value["key"] for r in session.read("figures", idle_seconds=0.5)}
    update_ids = {r.value["id"] for r in session.read("updates", idle_seconds=0.5)}
    assert len(keys) >= 40 and len(update_ids) >= 3, (len(keys), len(update_ids))

    def own(worker: WorkerProcess, path: str, field: str, name: str) -> set[str]:
        return {item[name] for item in local(worker, path)[field]}

    session.wait_for(
        lambda: (
            own(first, "/claims?limit=1000", "claims", "key") | own(second, "/claims?limit=1000", "claims", "key")
            >= keys
        ),
        "every claim key in the workers' own partitions",
        60,
    )
    session.wait_for(
        lambda: own(first, "/updates", "updates", "id") | own(second, "/updates", "updates", "id") >= update_ids,
        "every update seen by a worker",
        60,
    )

    # Each worker alone holds only part of the table; asked for the whole, both give all of it.
    claims_answers, updates_answers = [], []
    for worker in (first, second):
        assert own(worker, "/claims?limit=1000", "claims", "key") < keys
        status, headers, claims = get(worker, "/claims?limit=1000")
        assert status == 200 and claims["partial"] is False and headers["X-Wiretally-Partial"] == "false", claims
        assert {e["key"] for e in claims["claims"]} == keys
        assert len(claims["claims"]) == len(keys)
        claims_answers.append(claims)
        status, headers, updates = get(worker, "/updates")
        assert status == 200 and updates["partial"] is False, updates
        assert {u["id"] for u in updates["updates"]} == update_ids and len(updates["updates"]) == len(update_ids)
        updates_answers.append(updates)
    assert claims_answers[0] == claims_answers[1]
    assert updates_answers[0] == updates_answers[1]
    assert updates_answers[0]["updates"] == sorted(
        updates_answers[0]["updates"], key=lambda u: (u["emitted_at"], u["id"]), reverse=True
    )
    # The whole answer is the union of the workers' own answers, entry for entry.
    union = {e["key"]: e for w in (first, second) for e in local(w, "/claims?limit=1000")["claims"]}
    assert {e["key"]: e for e in claims_answers[0]["claims"]} == union
    filtered = get(first, "/claims?" + urllib.parse.urlencode({"measure": "deaths", "limit": "5"}))[2]
    assert filtered["claims"] == [e for e in claims_answers[0]["claims"] if e["measure"] == "deaths"][:5]

    # A single key held by the other worker.
    for asked, holder in ((first, second), (second, first)):
        key = sorted(own(holder, "/claims?limit=1000", "claims", "key"))[0]
        status, _, entry = get(asked, "/claims/" + urllib.parse.quote(key, safe=""))
        assert status == 200 and entry == union[key], key

    # A worker that does not answer: the other answers within the peer timeout, marked partial.
    second_key = sorted(own(second, "/claims?limit=1000", "claims", "key"))[0]
    second_keys = own(second, "/claims?limit=1000", "claims", "key")
    second.process.send_signal(signal.SIGSTOP)
    try:
        asked_at = time.monotonic()
        status, headers, partial = get(first, "/claims?limit=1000")
        partial_seconds = time.monotonic() - asked_at
        key_status, _, key_answer = get(first, "/claims/" + urllib.parse.quote(second_key, safe=""))
    finally:
        second.process.send_signal(signal.SIGCONT)
    assert status == 200 and partial["partial"] is True and headers["X-Wiretally-Partial"] == "true", partial
    assert partial["unanswered_workers"] == [f"http://127.0.0.1:{second.web_port}"], partial
    assert {e["key"] for e in partial["claims"]} == keys - second_keys
    assert partial_seconds < PEER_TIMEOUT_SECONDS + 3, partial_seconds
    assert key_status == 503 and key_answer["partial"] is True, key_answer
    with capsys.disabled():
        print(
            f"\nany worker on {broker_kind} ({time.monotonic() - started:.0f} s): {len(articles)} articles, "
            f"{len(keys)} claim keys and {len(update_ids)} updates, equal and complete on both workers; "
            f"with one frozen, a partial answer in {partial_seconds:.1f} s"
        )
