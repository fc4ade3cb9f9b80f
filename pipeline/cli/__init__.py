"""The `wiretally` command: one click group; every option shows its WIRETALLY_* variable.

`base` holds the group and what the commands share; each other module adds the commands of one concern:
`stream` (worker, publish, tail, demo, replay), `offline` (extract, dedup and their evals), `bench`, `kafka`.
"""

from pipeline.cli import bench, kafka, offline, stream  # noqa: F401  (each registers its commands on `main`)
from pipeline.cli.base import main

__all__ = ["main"]
