"""Message size limits: a dead letter for a 1 MB message fits, and a too-large record is refused and handled.

Apache Kafka refuses a record batch over `message.max.bytes` (1 MB by default); the embedded broker
accepts any size. Clients refuse a record over their `max_request_size` (1 MiB) before sending it.
Neither may lose a message silently: the publisher of a refused record gets the error, and a worker
whose output for an accepted article is refused dead-letters the article with its reason.
"""

from __future__ import annotations

import base64
import json

import pytest
from kafka.errors import KafkaError

from pipeline.ingest import Article
from pipeline.stream import clients
from pipeline.stream.app import DLQ_ORIGINAL_MAX_BYTES
from tests.integration.streaming import article_json

pytestmark = pytest.mark.integration

# Kafka's default broker limit for a record batch (message.max.bytes) and the clients' request limit.
KAFKA_MESSAGE_MAX_BYTES = 1_048_588
CLIENT_MAX_REQUEST_BYTES = 1_048_576


def test_dead_letter_of_a_1_mb_message_fits_the_default_message_size(
    make_session, make_settings, seed_articles: list[Article]
) -> None:
    settings = make_settings(partitions=1)
    session = make_session(settings)
    session.wait_ready(session.start_worker())
    sentence = "Floods killed 12 people in Tabriz, the governor said. "
    big = article_json("one-megabyte", sentence * (1_040_000 // len(sentence)))
    assert settings.max_article_bytes < len(big) < CLIENT_MAX_REQUEST_BYTES

    clients.publish_raw(settings, session.broker_url, [(b"one-megabyte", big)])
    session.publish(seed_articles[:1])
    session.wait_processed(2)

    (dead,) = [r.value for r in session.read("articles.dlq")]
    assert dead["reason"] == "too_large" and dead["offset"] == 0
    assert dead["original_truncated"] is True and dead["original_size_bytes"] == len(big)
    assert base64.b64decode(dead["original_base64"]) == big[:DLQ_ORIGINAL_MAX_BYTES]
    assert len(json.dumps(dead).encode()) < KAFKA_MESSAGE_MAX_BYTES
    assert session.status()["articles_extracted"] == 1, "the article after it was processed"


@pytest.mark.kafka_only("the embedded broker has no message size limit")
def test_kafka_refuses_a_record_over_its_limit_and_the_publisher_is_told(make_session, make_settings) -> None:
    settings = make_settings(partitions=1)
    session = make_session(settings)
    too_large = article_json("too-large", "x" * 1_200_000)
    with pytest.raises(KafkaError) as refused:
        # The client's own limit raised, so that the broker's limit is what refuses it.
        clients.publish_raw(settings, session.broker_url, [(b"too-large", too_large)], max_request_size=4 << 20)
    assert "TooLarge" in type(refused.value).__name__, repr(refused.value)
    assert session.read("articles") == [], "a refused record is not on the topic"


def test_article_whose_output_is_refused_as_too_large_is_dead_lettered_not_lost(make_session, make_settings) -> None:
    """An article within WIRETALLY_MAX_ARTICLE_BYTES whose JSON envelope grows past 1 MiB (\\u escapes).

    The ingest stage's send to articles.accepted is refused (MessageSizeTooLargeError); the article
    goes to articles.dlq as processing_error, with its original bytes (truncated), and the stream goes on.
    """
    settings = make_settings(partitions=1)
    session = make_session(settings)
    worker = session.start_worker()
    session.wait_ready(worker)
    # 600 KB of UTF-8; each "é" becomes the 6-byte escape \u00e9 in the worker's JSON: 1.8 MB.
    escaped = article_json("escapes-to-megabytes", "Floods in Tabriz killed 12 people. " + "é" * 300_000)
    assert len(escaped) < settings.max_article_bytes
    following = article_json("after-it", "Floods in Tabriz have killed 12 people, the governor said on Monday.")
    clients.publish_raw(settings, session.broker_url, [(b"escapes-to-megabytes", escaped), (b"after-it", following)])
    session.wait_processed(2)

    (dead,) = [r.value for r in session.read("articles.dlq")]
    assert dead["reason"] == "processing_error" and dead["offset"] == 0, dead["detail"]
    assert "TooLarge" in dead["detail"], dead["detail"]
    assert dead["original_size_bytes"] == len(escaped) and dead["original_truncated"] is True
    deduped = [r.value["article"]["id"] for r in session.read("articles.deduped")]
    assert deduped == ["after-it"]
    assert worker.alive()
