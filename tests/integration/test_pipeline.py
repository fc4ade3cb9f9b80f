"""The whole pipeline on the real embedded broker: seeds in, an update for 55,000 out; bad input to the DLQ."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse

import pytest

from pipeline.ingest import Article

pytestmark = pytest.mark.integration


def deaths_entry(claims: list[dict]) -> dict:
    """The claims entry whose latest value is the 55,000 military deaths figure."""
    matches = [e for e in claims if e["measure"] == "deaths" and e["latest"]["value"] == 55000]
    assert len(matches) == 1, [(e["key"], e["latest"]["value"]) for e in claims]
    return matches[0]


def test_seeds_raise_update_to_55000_after_43000_and_46000(make_session, seed_articles: list[Article]) -> None:
    session = make_session()
    worker = session.start_worker()
    session.wait_ready(worker)
    session.publish(seed_articles)
    session.wait_processed(len(seed_articles))

    entry = deaths_entry(session.claims())
    assert "ukraine" in entry["key"].lower() and "military" in (entry["subject"] or "").lower()
    history_values = {claim["value"] for claim in entry["history"]}
    assert {43000, 46000} <= history_values
    assert len(entry["sources"]) >= 2

    # The read API: one entry by its (URL-encoded) key, filters, and a 400 for a malformed query.
    assert worker.get_json("/claims/" + urllib.parse.quote(entry["key"], safe="")) == entry
    by_entity = worker.get_json("/claims?" + urllib.parse.urlencode({"entity": "zelensk", "measure": "deaths"}))
    assert entry["key"] in [e["key"] for e in by_entity["claims"]]
    with pytest.raises(urllib.error.HTTPError) as bad:
        worker.get_json("/claims?kind=explosion")
    assert bad.value.code == 400 and "kind must be one of" in json.loads(bad.value.read())["error"]

    updates = [r.value for r in session.read("updates")]
    to_55000 = [u for u in updates if u["key"] == entry["key"] and u["kind"] == "update" and u["new"]["value"] == 55000]
    assert len(to_55000) == 1, updates
    assert to_55000[0]["old"]["value"] in (43000, 46000)
    assert not [u for u in updates if u["key"] == entry["key"] and u["kind"] == "contradiction"]
    assert len({u["id"] for u in updates}) == len(updates)


def test_malformed_message_goes_to_dlq_and_next_good_one_is_processed(make_session, seed_articles) -> None:
    session = make_session()
    worker = session.start_worker()
    session.wait_ready(worker)
    bad = [
        (b"broken-json", b'{"id": "x", "body": '),
        (b"bad-utf8", b"\xff\xfe\x00garbage"),
        (b"missing-fields", json.dumps({"schema_version": 1, "id": "only-an-id"}).encode()),
        (b"blank-body", json.dumps(dict(seed_articles[0].to_message(), id="blank", body="   ")).encode()),
    ]
    from pipeline.stream import clients

    clients.publish_raw(session.settings, session.broker_url, bad)
    session.publish(seed_articles[:1])
    session.wait_processed(len(bad) + 1)

    dead = {r.value["original_base64"]: r.value for r in session.read("articles.dlq")}
    reasons = {key: dead[base64.b64encode(value).decode()]["reason"] for key, value in bad}
    assert reasons == {
        b"broken-json": "not_json",
        b"bad-utf8": "not_utf8",
        b"missing-fields": "schema_violation",
        b"blank-body": "empty_body",
    }
    assert all(d["detail"] and d["topic"].endswith("articles") for d in dead.values()), list(dead.values())
    status = session.status()
    assert status["articles_extracted"] == 1
    assert status["figures_classified"] >= 1
    assert session.claims(), "the good article after the bad ones reached the claims table"
