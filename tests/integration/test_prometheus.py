"""A real Prometheus (Debian's package) scrapes a worker that processes the seeds and a contradiction.

It loads deploy/prometheus/rules.yml unchanged, with 1 s scrape and evaluation intervals, and the
test asserts through Prometheus' HTTP API that wiretally's series are present and that
WiretallyContradictionSeen fires.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from pipeline.stream.broker import free_port, wait_for_port
from tests.factories import flood_report

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def prometheus_binary() -> str:
    found = shutil.which("prometheus")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("prometheus is not installed (deploy/install-tools.sh installs it)")
        pytest.skip("prometheus is not installed; run `make tools`")
    return found


@pytest.fixture
def prometheus(tmp_path: Path):
    """Start Prometheus; yield a function that sets the scrape target and returns the API base URL."""
    binary = prometheus_binary()
    port = free_port()
    config_path = tmp_path / "prometheus.yml"
    processes: list[subprocess.Popen[bytes]] = []

    def start(target_port: int) -> str:
        config_path.write_text(
            json.dumps(
                {
                    "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
                    "rule_files": [str(ROOT / "deploy" / "prometheus" / "rules.yml")],
                    "scrape_configs": [
                        {"job_name": "wiretally-worker", "static_configs": [{"targets": [f"127.0.0.1:{target_port}"]}]}
                    ],
                }
            )
        )
        log = (tmp_path / "prometheus.log").open("wb")
        processes.append(
            subprocess.Popen(
                [
                    binary,
                    f"--config.file={config_path}",
                    f"--storage.tsdb.path={tmp_path / 'data'}",
                    f"--web.listen-address=127.0.0.1:{port}",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        wait_for_port("127.0.0.1", port, 30)
        return f"http://127.0.0.1:{port}"

    yield start
    for process in processes:
        process.terminate()
        process.wait(10)


def api(base: str, path: str, **params: str) -> dict:
    url = f"{base}{path}?{urllib.parse.urlencode(params)}" if params else f"{base}{path}"
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def wait_until(condition, what: str, timeout_seconds: float = 60.0):
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def test_prometheus_scrapes_the_worker_and_fires_on_a_contradiction(
    make_session, seed_articles, prometheus, capsys
) -> None:
    session = make_session()
    worker = session.start_worker()
    session.wait_ready(worker)
    base = prometheus(worker.web_port)

    session.publish(
        seed_articles
        + [
            flood_report("ctk-1", "ctk", "1,200", "the interior minister Jan Novak", 10),
            flood_report("dpa-1", "dpa", "2,500", "the Red Cross", 12),
        ]
    )
    session.wait_processed(len(seed_articles) + 2)

    def consumed() -> float:
        result = api(base, "/api/v1/query", query="sum(wiretally_articles_consumed_total)")["data"]["result"]
        return float(result[0]["value"][1]) if result else 0.0

    wait_until(lambda: consumed() >= len(seed_articles) + 2, "the consumed counter to reach the articles sent")
    expected = {
        "wiretally_articles_consumed_total",
        "wiretally_figures_extracted_total",
        "wiretally_updates_emitted_total",
        "wiretally_publish_to_update_latency_seconds_bucket",
        "wiretally_claims_table_keys",
    }

    def missing() -> set[str]:
        # A labelled series exists once its first update is emitted, which can follow the last article's
        # extraction by a scrape interval: wait for the scrape that has them all.
        return expected - set(api(base, "/api/v1/label/__name__/values")["data"])

    wait_until(lambda: not missing(), "every wiretally series to be scraped")

    def firing() -> list[dict]:
        alerts = api(base, "/api/v1/alerts")["data"]["alerts"]
        return [
            a for a in alerts if a["labels"]["alertname"] == "WiretallyContradictionSeen" and a["state"] == "firing"
        ]

    fired = wait_until(firing, "WiretallyContradictionSeen to fire")
    contradictions = api(
        base, "/api/v1/query", query='sum by (measure) (wiretally_updates_emitted_total{kind="contradiction"})'
    )
    with capsys.disabled():
        print(
            f"\nprometheus: consumed={consumed():.0f}; contradictions by measure="
            f"{[(r['metric'].get('measure'), r['value'][1]) for r in contradictions['data']['result']]}; "
            f"firing={[(a['labels']['alertname'], a['labels'].get('measure')) for a in fired]}"
        )
    assert fired[0]["labels"]["measure"] == "deaths"
