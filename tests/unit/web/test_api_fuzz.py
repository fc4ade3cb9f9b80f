"""Fuzzing the read API of a running worker: no 500s, no stack traces or file paths, no traversal.

One worker (on its own embedded broker, with the seed articles in its claims table) serves the
whole module. Requests go over a raw socket, so the request line carries exactly the bytes
generated: unicode, %-escapes (valid or not), very long values, repeated parameters, dot segments.
"""

from __future__ import annotations

import re
import socket
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from pipeline.evaluation.runner import Session, WorkerProcess
from pipeline.settings import Settings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
# Text that, in a response body, would mean a file outside the API was served.
FOREIGN_CONTENT = [
    "root:x:0:0",  # /etc/passwd
    "def build(settings",  # pipeline/app.py
    "class Settings",  # pipeline/settings.py
    "[build-system]",  # pyproject.toml
]
# A stack trace or a server-side file path (an echo of the request's own text is not a leak).
LEAKS = re.compile(r"Traceback|File \"|site-packages|" + re.escape(str(ROOT)) + r"|/usr/lib/python|\.venv/|/\.pyenv/")
TRAVERSALS = [
    "/claims/../../etc/passwd",
    "/claims/%2e%2e/%2e%2e/etc/passwd",
    "/claims/%2e%2e/",
    "/claims/..%2f..%2fetc%2fpasswd",
    "/claims/%252e%252e/etc/passwd",
    "/static/../pipeline/app.py",
    "/static/%2e%2e/app.py",
    "/static/..%2fapp.py",
    "/static/..%2f..%2fpyproject.toml",
    "/static/app.js/../../settings.py",
    "/static/%2e%2e%2fsettings.py",
    "/static/....//....//etc/passwd",
    "/static/..\\app.py",
    "/static/%5c..%5capp.py",
    "//etc/passwd",
    "/./pipeline/app.py",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/claims/%00",
    "/claims/%ff%fe",
    "/claims/%ed%a0%80",
    "/static/%00app.js",
    "/claims/" + "a" * 5000,
    "/claims/" + "%2e%2e/" * 300 + "etc/passwd",
    "/pipeline/app.py",
    "/app.py",
    "/etc/passwd",
    "/claims/..;/..;/etc/passwd",
]


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerProcess]:
    """One worker with the seeds processed, on its own embedded broker."""
    from pipeline.evaluation import corpus

    tag = uuid.uuid4().hex[:10]
    settings = Settings(topic_prefix=f"t{tag}.", app_id=f"wiretally-{tag}", broker_profile="tansu", partitions=2)
    with Session.start(settings, tmp_path_factory.mktemp("api-fuzz")) as session:
        running = session.start_worker()
        session.wait_ready(running)
        seeds = corpus.by_publication(corpus.load_articles([ROOT / "seeds"]))
        session.publish(seeds)
        session.wait_processed(len(seeds), timeout_seconds=120)
        assert session.claims(running), "the seeds gave no claims to query"
        yield running


STATUSES: Counter[tuple[str, int]] = Counter()  # (test, status) over the module, for the last test


def raw_get(port: int, target: bytes, timeout_seconds: float = 10.0) -> tuple[int, bytes]:
    """GET target (sent as is) over a fresh connection; the status code and the body."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout_seconds) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    response = b"".join(chunks)
    head, _, body = response.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    STATUSES[(target.split(b"?")[0].split(b"/")[1].decode(errors="replace")[:10], status)] += 1
    if b"transfer-encoding: chunked" in head.lower():
        body = _unchunk(body)
    return status, body


def _unchunk(body: bytes) -> bytes:
    out, rest = [], body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out.append(rest[:size])
        rest = rest[size + 2 :]
    return b"".join(out)


def assert_safe(status: int, body: bytes, target: bytes) -> None:
    text = body.decode("utf-8", errors="replace")
    assert status < 500, (target[:200], status, text[:500])
    assert not LEAKS.search(text), (target[:200], status, text[:500])
    for marker in FOREIGN_CONTENT:
        assert marker not in text, (target[:200], marker)


ALLOWED_NAMES = st.sampled_from(["entity", "measure", "kind", "limit"])
# Mostly the allowed names, so that generated queries also reach the filters, not only the 400.
PARAMETER_NAMES = st.one_of(
    ALLOWED_NAMES,
    ALLOWED_NAMES,
    ALLOWED_NAMES,
    st.sampled_from(["LIMIT", "entity[]", "", "__class__"]) | st.text(max_size=8),
)
PARAMETER_VALUES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=10),
    st.sampled_from(
        [
            "new",
            "update",
            "contradiction",
            "0",
            "1",
            "1000",
            "1001",
            "-1",
            "1e3",
            "0x10",
            "٣",
            "²",
            "99999999999999999999999999",
            " 5",
            "deaths",
            "Ukraine",
            "\u202eUkraine",
            "%",
            "%%",
            "%zz",
            "%ff%fe",
            "%00",
            "%ed%a0%80",
            "%c0%ae%c0%ae",
            "..%2f..%2fetc%2fpasswd",
        ]
    ),
    st.integers(1, 20_000).map(lambda n: "x" * n),
)


def encode_component(text: str, how: str) -> bytes:
    data = text.encode("utf-8", errors="surrogatepass")
    if how == "percent":
        return b"".join(b"%%%02X" % byte for byte in data)
    if how == "raw":  # unescaped UTF-8 (and stray '%'): not valid in a URL, still must not break the server
        return bytes(b for b in data if b > 0x20 and b not in b"#&= \x7f")
    safe = b"-._~"
    return b"".join(
        bytes([byte]) if (chr(byte).isalnum() and byte < 0x80) or byte in safe else b"%%%02X" % byte for byte in data
    )


@hypothesis_settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    pairs=st.lists(
        st.tuples(PARAMETER_NAMES, PARAMETER_VALUES, st.sampled_from(["quoted", "percent", "raw"])), max_size=3
    ),
    repeat=st.booleans(),
)
def test_claims_query_strings_never_fail_or_leak(worker: WorkerProcess, pairs, repeat: bool) -> None:
    if repeat and pairs:
        pairs = pairs + pairs[:1]  # a repeated parameter
    query = b"&".join(encode_component(k, how) + b"=" + encode_component(v, how) for k, v, how in pairs)
    target = b"/claims?" + query if query else b"/claims"
    status, body = raw_get(worker.web_port, target)
    assert_safe(status, body, target)
    assert status in (200, 400, 414, 431), (target[:200], status)


@hypothesis_settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    segments=st.lists(
        st.sampled_from(
            [
                "..",
                "%2e%2e",
                ".%2e",
                "%2E.",
                "..%2f",
                "..%5c",
                ".",
                "%00",
                "etc",
                "passwd",
                "pipeline",
                "app.py",
                "settings.py",
                "static",
                "claims",
                "",
                "%ff",
            ]
        )
        | st.text(max_size=6).map(lambda t: encode_component(t, "percent").decode()),
        max_size=8,
    ),
    prefix=st.sampled_from(["/claims/", "/static/", "/", "/claims/x/"]),
)
def test_paths_never_fail_leak_or_traverse(worker: WorkerProcess, segments: list[str], prefix: str) -> None:
    target = (prefix + "/".join(segments)).encode()
    status, body = raw_get(worker.web_port, target)
    assert_safe(status, body, target)


@pytest.mark.parametrize("path", TRAVERSALS)
def test_known_traversals_are_refused(worker: WorkerProcess, path: str) -> None:
    status, body = raw_get(worker.web_port, path.encode())
    assert_safe(status, body, path.encode())
    assert status in (400, 404, 414), (path[:100], status, body[:200])


def test_a_valid_query_still_answers(worker: WorkerProcess) -> None:
    status, body = raw_get(worker.web_port, b"/claims?measure=deaths&limit=5")
    assert status == 200 and b'"claims"' in body


def test_the_fuzzing_reached_both_answers(capsys) -> None:
    """Runs last: the generated queries got both 200s and 400s, so both branches were exercised."""
    with capsys.disabled():
        print(f"\nread API statuses by first path segment: {dict(sorted(STATUSES.items()))}")
    assert STATUSES[("claims", 200)] > 20 and STATUSES[("claims", 400)] > 20
