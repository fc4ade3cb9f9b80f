"""Where the extract agent runs the extractor: a pool of worker processes, or a thread of its own process.

A thread cannot be stopped: an article over its budget was dead-lettered while its thread ran on,
holding a core and its memory (issue 17). In the pool each process loads the extractor once and
extracts one article at a time; an article over its budget is ended by ending its process, which
the pool replaces. pebble's ProcessPool does exactly that (a per-task timeout that terminates the
worker, then a new one), so the pool is pebble's, not ours.

Processes fork from a forkserver that has imported the extractor's modules (spaCy, the lexicons), so
a replacement only loads the model (0.5 s): a new process takes the next article about a second after
the budget ran out (measured), where a fresh interpreter would first spend 1.5 s importing spaCy. Each
asks the kernel to kill it when its parent (the forkserver, which ends with the worker) dies, so a
worker killed with SIGKILL leaves no process behind.

Each process has its own extractor. An extractor's figures depend on the article and its story's context
alone (names are resolved within the article), so any number of processes gives the figures one does.

Nothing here imports Faust: the processes import this module to run `_load` and `_extract`.
"""

from __future__ import annotations

import asyncio
import ctypes
import functools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import TimeoutError as FutureTimeoutError
from typing import Any

from pipeline import extract
from pipeline.ingest import Article

log = logging.getLogger(__name__)

ExtractorFactory = Callable[[], extract.Extractor]
FigureMessages = list[dict[str, Any]]
StoryContext = Mapping[str, str]  # what dedup knows of the article's story (Extractor.extract)
# Modules the forkserver imports once, so that each process it forks starts with them.
PRELOAD_MODULES = ["pipeline.extract", "pipeline.stream.extraction"]
# Linux prctl option: the signal this process gets when its parent ends.
PR_SET_PDEATHSIG = 1
# Longest wait for the first process to load the extractor (spaCy) before the agent gives up.
LOAD_TIMEOUT_SECONDS = 300.0


class OverBudget(Exception):
    """The article took longer than its budget; its process (if any) was ended."""


class ProcessDied(Exception):
    """The process extracting the article ended abnormally (killed by the OOM killer, a crash)."""


class PoolBroken(RuntimeError):
    """The pool failed again right after it was rebuilt: the stage must stop, not dead-letter every article."""


def default_extractor(spacy_model: str) -> extract.Extractor:
    """The stream's extractor on a spaCy model (module level, so a pool process can be given it)."""
    return extract.Extractor(extract.load_nlp(spacy_model))


def default_factory(spacy_model: str) -> ExtractorFactory:
    """A picklable factory of the default extractor."""
    return functools.partial(default_extractor, spacy_model)


def resolve_processes(configured: int) -> int:
    """WIRETALLY_EXTRACT_PROCESSES as a count: -1 is one per CPU core this process may run on, at most 4."""
    if configured >= 0:
        return configured
    # The cores of this process's CPU set (a container's --cpuset-cpus), not the machine's; a CPU quota
    # (Kubernetes' limits.cpu) is not seen here, which is why the deployment sets the count itself.
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, 4))


# ---- inside a pool process ----
_extractor: extract.Extractor | None = None


def _die_with_parent() -> None:
    """End this process when its parent does, so a killed worker leaves no extraction running."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:  # no PDEATHSIG: watch the parent id, which changes when the parent ends and this one is adopted

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent ended before the signal was set
        os._exit(1)


def _load(make_extractor: ExtractorFactory) -> None:
    """A pool process's initializer: load the extractor once."""
    global _extractor
    _die_with_parent()
    _extractor = make_extractor()


def _extract(article: Article, story: StoryContext) -> FigureMessages:
    """The figures of one article read in its story's context, as `figures` messages (plain values, to cross
    the process boundary)."""
    assert _extractor is not None, "the pool's initializer loads the extractor"
    return [figure.to_message() for figure in _extractor.extract(article, story)]


def _pid() -> int:
    """This process's id: an answer means the process has loaded its extractor."""
    return os.getpid()


# ---- in the worker ----
class InProcess:
    """The extractor in a thread of the worker (WIRETALLY_EXTRACT_PROCESSES=0): an article over budget
    is dead-lettered, but its thread cannot be stopped and runs to its end."""

    parallelism = 1
    processes = 0

    def __init__(self, make_extractor: ExtractorFactory, budget_seconds: float) -> None:
        self.make_extractor, self.budget_seconds = make_extractor, budget_seconds
        self.extractor: extract.Extractor | None = None

    async def start(self) -> None:
        """Load the extractor in a thread, so the consumer keeps heartbeating meanwhile."""
        self.extractor = await asyncio.get_running_loop().run_in_executor(None, self.make_extractor)

    async def extract(self, article: Article, story: StoryContext | None = None) -> FigureMessages:
        """The article's figure messages, read in its story's context; OverBudget past the budget."""
        extractor = self.extractor
        assert extractor is not None, "start() first"

        def run() -> FigureMessages:
            return [figure.to_message() for figure in extractor.extract(article, story)]

        try:
            return await asyncio.wait_for(
                asyncio.get_running_loop().run_in_executor(None, run), timeout=self.budget_seconds
            )
        except TimeoutError as exc:
            raise OverBudget("its thread cannot be stopped and runs on") from exc

    async def stop(self) -> None:
        """Nothing to end: the thread belongs to the worker."""


class ProcessPool:
    """`processes` processes, each with its own extractor; one article per task, so a budget overrun
    ends one process and loses no other article's work."""

    def __init__(
        self,
        make_extractor: ExtractorFactory,
        processes: int,
        budget_seconds: float,
        on_replaced: Callable[[], None] = lambda: None,
    ) -> None:
        self.make_extractor = make_extractor
        self.processes = self.parallelism = processes
        self.budget_seconds = budget_seconds
        self.on_replaced = on_replaced
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(PRELOAD_MODULES)
        self.pool = self._new_pool()
        self.rebuilding = asyncio.Lock()
        self.stopped = False

    def _new_pool(self) -> Any:
        import pebble

        return pebble.ProcessPool(
            max_workers=self.processes, initializer=_load, initargs=(self.make_extractor,), context=self.context
        )

    async def start(self) -> None:
        """Start the processes and wait until one has loaded its extractor (the others load alongside)."""
        loop = asyncio.get_running_loop()
        # The first schedule starts the forkserver and the processes: seconds, off the event loop.
        future = await loop.run_in_executor(None, functools.partial(self.pool.schedule, _pid))
        pid = await asyncio.wait_for(asyncio.wrap_future(future), LOAD_TIMEOUT_SECONDS)
        log.info("extraction pool of %d processes started (process %d loaded first)", self.processes, pid)

    async def extract(self, article: Article, story: StoryContext | None = None) -> FigureMessages:
        """The article's figure messages, read in its story's context; OverBudget (its process ended and
        replaced) past the budget."""
        from concurrent.futures.process import BrokenProcessPool

        from pebble import ProcessExpired

        for attempt in (1, 2):
            pool = self.pool
            try:
                # The budget runs from the moment a process takes the article, not while it waits for one.
                future = pool.schedule(_extract, args=(article, dict(story or {})), timeout=self.budget_seconds)
            except RuntimeError as exc:  # pebble refuses tasks once it has given the pool up
                broken: BaseException = exc
            else:
                try:
                    return await asyncio.wrap_future(future)
                except FutureTimeoutError as exc:
                    self.on_replaced()
                    raise OverBudget("its process was ended and replaced") from exc
                except ProcessExpired as exc:
                    self.on_replaced()
                    raise ProcessDied(f"extraction process {exc.pid} ended with exit code {exc.exitcode}") from exc
                except BrokenProcessPool as exc:
                    broken = exc
            # pebble gives the whole pool up when a process dies while idle (killed from outside, the OOM
            # killer), and every task after that fails. Start a new pool, once, and try the article again.
            if attempt == 2 or self.stopped:
                raise PoolBroken(f"the extraction pool failed again after it was rebuilt: {broken}") from broken
            await self._rebuild(pool, broken)
        raise AssertionError("unreachable")

    async def _rebuild(self, broken: Any, error: BaseException) -> None:
        async with self.rebuilding:
            if self.pool is not broken:
                return  # another article's task rebuilt it meanwhile
            log.warning("extraction pool broken (%s: %s); starting a new one", type(error).__name__, error)
            broken.stop()
            await asyncio.get_running_loop().run_in_executor(None, broken.join)
            self.pool = self._new_pool()
            for _ in range(self.processes):
                self.on_replaced()
            await self.start()

    async def stop(self) -> None:
        """End the processes (pebble terminates them, then kills any that linger)."""
        self.stopped = True
        self.pool.stop()
        await asyncio.get_running_loop().run_in_executor(None, self.pool.join)


Extraction = InProcess | ProcessPool


def for_settings(
    make_extractor: ExtractorFactory, configured_processes: int, budget_seconds: float, on_replaced: Callable[[], None]
) -> Extraction:
    """A pool of WIRETALLY_EXTRACT_PROCESSES processes, or the worker's own process when it is 0."""
    processes = resolve_processes(configured_processes)
    if processes == 0:
        return InProcess(make_extractor, budget_seconds)
    return ProcessPool(make_extractor, processes, budget_seconds, on_replaced)
