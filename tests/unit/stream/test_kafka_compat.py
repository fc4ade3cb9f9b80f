"""The embedded profile's fetch-wait cap applies to consumers created while patched, and only then."""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaConsumer

from pipeline.stream import kafka_compat


def make_consumer(**kwargs: int) -> AIOKafkaConsumer:
    async def build() -> AIOKafkaConsumer:
        return AIOKafkaConsumer(bootstrap_servers="127.0.0.1:9", **kwargs)

    return asyncio.run(build())


def test_fetch_wait_is_capped_only_while_patched() -> None:
    kafka_compat.patch_fetch_wait(100)
    try:
        assert make_consumer(fetch_max_wait_ms=1500)._fetch_max_wait_ms == 100
        assert make_consumer(fetch_max_wait_ms=50)._fetch_max_wait_ms == 50
    finally:
        kafka_compat.unpatch_fetch_wait()
    assert make_consumer(fetch_max_wait_ms=1500)._fetch_max_wait_ms == 1500
