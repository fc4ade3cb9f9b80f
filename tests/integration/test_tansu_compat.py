"""The LeaveGroup workaround: a cleanly stopped consumer leaves a Tansu group whose generation is 0."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient

from pipeline.stream import kafka_compat

# A workaround for a Tansu defect: there is nothing to show on Apache Kafka, whose first generation is 1.
pytestmark = [pytest.mark.integration, pytest.mark.embedded_only("Tansu numbers a group's first generation 0")]


async def join_and_leave(bootstrap: str, topic: str, group: str) -> int:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        session_timeout_ms=6000,
        rebalance_timeout_ms=6000,
        heartbeat_interval_ms=1000,
    )
    await consumer.start()
    try:
        for _ in range(100):
            if consumer.assignment():
                break
            await asyncio.sleep(0.1)
        generation = consumer._coordinator.generation
    finally:
        await consumer.stop()
    return generation


async def members_of(bootstrap: str, group: str) -> int:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        (response,) = await admin.describe_consumer_groups([group])
        (described,) = response.groups
        return len(described[5])  # (error_code, group, state, protocol_type, protocol, members)
    finally:
        await admin.close()


@pytest.mark.parametrize("patched", [False, True])
def test_stopped_consumer_leaves_a_generation_zero_group(broker, patched: bool) -> None:
    topic, group = f"compat-{uuid.uuid4().hex[:8]}", f"g-{uuid.uuid4().hex[:8]}"
    if patched:
        kafka_compat.patch_leave_group()
    try:
        generation = asyncio.run(join_and_leave(broker.bootstrap, topic, group))
    finally:
        kafka_compat.unpatch_leave_group()
    assert generation == 0, "Tansu numbers the first generation 0; if this changes, the workaround can go"
    remaining = asyncio.run(members_of(broker.bootstrap, group))
    assert remaining == (0 if patched else 1)
