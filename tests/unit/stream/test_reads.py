"""Read API wiring: a claim key's partition is the one Faust's producer sends it to (and routes reads to)."""

from __future__ import annotations

from aiokafka.partitioner import murmur2

from pipeline.stream.reads import claim_partition


def test_claim_partition_is_kafkas_default_partitioner() -> None:
    keys = ["nepal|deaths|event:earthquake@jajarkot", "ukraine/military|deaths|cumulative", "é|x", ""]
    for partitions in (1, 4, 6):
        for key in keys:
            expected = (murmur2(key.encode("utf-8")) & 0x7FFFFFFF) % partitions
            assert claim_partition(key, partitions) == expected
    assert {claim_partition(f"k{i}", 6) for i in range(100)} == set(range(6))
