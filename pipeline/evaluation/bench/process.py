"""A process's CPU time and memory, read from /proc (Linux); a worker's with its extraction processes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def _stat_fields(stat_text: str) -> list[str]:
    # The command name may hold spaces and parentheses; fields after it start at the last ')'.
    return stat_text[stat_text.rindex(")") + 2 :].split()


def parse_cpu_ticks(stat_text: str) -> int:
    """utime + stime (clock ticks) from the text of /proc/<pid>/stat."""
    fields = _stat_fields(stat_text)
    return int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5), counted from state (3)


def parse_parent_pid(stat_text: str) -> int:
    """The parent's pid (field 4 of proc(5)) from the text of /proc/<pid>/stat."""
    return int(_stat_fields(stat_text)[1])


def parse_status_bytes(status_text: str, name: str) -> int:
    """A kB field (VmRSS, VmHWM) of /proc/<pid>/status, in bytes."""
    for line in status_text.splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) * 1024
    raise ValueError(f"{name} not in /proc status")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used."""
    return parse_cpu_ticks(Path(f"/proc/{pid}/stat").read_text()) / os.sysconf("SC_CLK_TCK")


def memory_bytes(pid: int) -> tuple[int, int]:
    """(current RSS, peak RSS) of a process."""
    text = Path(f"/proc/{pid}/status").read_text()
    return parse_status_bytes(text, "VmRSS"), parse_status_bytes(text, "VmHWM")


def process_tree(pid: int) -> list[int]:
    """pid and every live process under it (a worker's forkserver and extraction processes)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            children.setdefault(parse_parent_pid(stat.read_text()), []).append(int(stat.parent.name))
        except (OSError, ValueError):
            continue  # ended meanwhile
    tree, queue = [], [pid]
    while queue:
        current = queue.pop()
        tree.append(current)
        queue.extend(children.get(current, []))
    return tree


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of pid and the live processes under it (those that ended and were replaced are not counted)."""
    return sum(_or_zero(cpu_seconds, p) for p in process_tree(pid))


def tree_memory_bytes(pid: int) -> tuple[int, int]:
    """(RSS, peak RSS) of pid and the live processes under it, summed.

    Pages the extraction processes share with their forkserver count once per process, and each peak is
    its own process's, reached at its own time: both sums are upper bounds.
    """
    sizes = [_or_none(memory_bytes, p) for p in process_tree(pid)]
    return sum(s[0] for s in sizes if s), sum(s[1] for s in sizes if s)


def _or_zero(read: Callable[[int], float], pid: int) -> float:
    try:
        return read(pid)
    except (OSError, ValueError):
        return 0.0


def _or_none(read: Callable[[int], tuple[int, int]], pid: int) -> tuple[int, int] | None:
    try:
        return read(pid)
    except (OSError, ValueError):
        return None
