"""A worker and the processes under it: its extraction pool's process ids and the memory of them all."""

from __future__ import annotations

import threading
import time

import psutil


def descendants(pid: int) -> list[psutil.Process]:
    """Every live process under pid (the forkserver, its extraction processes, the resource tracker)."""
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def pool_pids(worker_pid: int) -> set[int]:
    """The extraction processes of a worker: the children of its multiprocessing forkserver."""
    pids: set[int] = set()
    for process in descendants(worker_pid):
        try:
            if process.ppid() != worker_pid and "forkserver" in " ".join(process.cmdline()):
                pids.add(process.pid)
        except psutil.NoSuchProcess:
            continue
    return pids


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of pid and every process under it, summed.

    A sum of RSS counts the pages the forked processes share with the forkserver once per process, so it
    overstates what the machine spends; it is what a per-process limit or a container's view adds up.
    """
    total = 0
    for process in [psutil.Process(pid), *descendants(pid)]:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


class PeakRss(threading.Thread):
    """Samples tree_rss_bytes every `interval_seconds` until stopped; `peak` is the largest sample."""

    def __init__(self, pid: int, interval_seconds: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval_seconds = pid, interval_seconds
        self.peak = 0
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.is_set():
            try:
                self.peak = max(self.peak, tree_rss_bytes(self.pid))
            except psutil.NoSuchProcess:
                return
            self._stopped.wait(self.interval_seconds)

    def finish(self) -> int:
        """Stop sampling; the peak."""
        self._stopped.set()
        self.join(10)
        return self.peak


def settled_rss_bytes(pid: int, processes: int, timeout_seconds: float = 60.0, tolerance: float = 0.02) -> int:
    """The tree's RSS once the pool has `processes` processes again and two readings a second apart agree."""
    deadline = time.monotonic() + timeout_seconds
    previous = -1
    while time.monotonic() < deadline:
        current = tree_rss_bytes(pid)
        if len(pool_pids(pid)) == processes and previous > 0 and abs(current - previous) <= tolerance * previous:
            return current
        previous = current
        time.sleep(1.0)
    raise AssertionError(f"worker {pid}'s memory did not settle in {timeout_seconds} s (last {previous} bytes)")
