"""Log levels: the worker's own loggers at WIRETALLY_LOG_LEVEL, the Kafka clients and Faust's machinery quieter.

kafka-python and aiokafka log every connection, metadata refresh and group join at INFO, and
Faust and mode log every service's start and stop: about a hundred lines per worker start that
bury the pipeline's own. They log at WARNING and above unless WIRETALLY_LOG_LEVEL=debug.
"""

from __future__ import annotations

import logging
from typing import Any

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Third-party loggers (and so all their children) held at WARNING or above.
QUIET_LOGGERS = ("kafka", "aiokafka", "mode", "faust")
# Children of those kept at the worker's level: the worker's own Starting / Ready / Stopping lines.
KEPT_LOGGERS = ("faust.worker",)


def library_levels(log_level: str) -> dict[str, str]:
    """Logger name -> level for the third-party loggers; empty at debug, where every logger speaks."""
    level = log_level.upper()
    if level == "DEBUG":
        return {}
    quiet = level if logging.getLevelName(level) > logging.WARNING else "WARNING"
    return {name: quiet for name in QUIET_LOGGERS} | {name: level for name in KEPT_LOGGERS}


def configure(log_level: str) -> None:
    """Log to stderr at `log_level` (from WIRETALLY_LOG_LEVEL), third-party loggers as library_levels says."""
    logging.basicConfig(level=log_level.upper(), format=FORMAT)
    for name, level in library_levels(log_level).items():
        logging.getLogger(name).setLevel(level)


def faust_logging_config(log_level: str) -> dict[str, Any]:
    """The Faust worker's `logging_config`: mode's default handler and root level, plus library_levels.

    The worker replaces the logging set-up with dictConfig when it starts; "merge" keeps mode's own
    handler and formatter and adds these loggers' levels.
    """
    return {"merge": True, "loggers": {name: {"level": level} for name, level in library_levels(log_level).items()}}
