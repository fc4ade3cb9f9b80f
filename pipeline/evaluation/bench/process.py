"""A process's CPU time and memory, read from /proc (Linux)."""

from __future__ import annotations

import os
from pathlib import Path


def parse_cpu_ticks(stat_text: str) -> int:
    """utime + stime (clock ticks) from the text of /proc/<pid>/stat."""
    # The command name may hold spaces and parentheses; fields after it start at the last ')'.
    fields = stat_text[stat_text.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5), counted from state (3)


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
