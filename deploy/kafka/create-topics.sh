#!/bin/sh
# Create wiretally's topics with explicit partition counts and cleanup policies (idempotent).
#
# The worker also creates missing topics itself; this job fixes partition counts and cleanup
# policies up front, as pipeline/app.py declares them. Every topic gets WIRETALLY_PARTITIONS
# partitions: Faust requires a table's changelog to have as many partitions as its source topics,
# and the dedup index keeps one shard per partition of `articles.accepted` and `dedup.route`.
# Faust's internal topics are named after the app id (WIRETALLY_APP_ID), without the topic prefix.
# Used by docker-compose.yml (service `topics`) and deploy/k8s/topics-job.yaml (via a ConfigMap).
set -eu

# host:port list; by default WIRETALLY_BROKER without its kafka:// scheme(s), as the worker reads it.
BROKER_URL="${WIRETALLY_BROKER:-kafka://kafka:9092}"
BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-$(printf '%s' "$BROKER_URL" | sed 's#kafka://##g')}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"
PREFIX="${WIRETALLY_TOPIC_PREFIX:-}"
APP_ID="${WIRETALLY_APP_ID:-wiretally}"
PARTITIONS="${WIRETALLY_PARTITIONS:-1}"
REPLICATION_FACTOR="${WIRETALLY_REPLICATION_FACTOR:-1}"
WAIT_SECONDS="${KAFKA_WAIT_SECONDS:-120}"

echo "create-topics: waiting up to ${WAIT_SECONDS}s for ${BOOTSTRAP}"
deadline=$(( $(date +%s) + WAIT_SECONDS ))
until "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "create-topics: broker ${BOOTSTRAP} not reachable after ${WAIT_SECONDS}s" >&2
    exit 1
  fi
  sleep 2
done

# create NAME PARTITIONS CLEANUP_POLICY
create() {
  echo "create-topics: ${1} partitions=${2} replication-factor=${REPLICATION_FACTOR} cleanup.policy=${3}"
  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor "$REPLICATION_FACTOR" --config "cleanup.policy=$3"
}

for topic in articles articles.dlq articles.accepted dedup.route articles.deduped figures updates alerts; do
  create "${PREFIX}${topic}" "$PARTITIONS" delete
done
# Table changelogs keep only the latest entry per key, so they are compacted.
create "${APP_ID}-claims-changelog" "$PARTITIONS" compact
create "${APP_ID}-dedup-changelog" "$PARTITIONS" compact
create "${APP_ID}-retention-changelog" "$PARTITIONS" compact
create "${APP_ID}-__assignor-__leader" 1 delete

"$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --describe | grep -E '^Topic:' || true
echo "create-topics: done"
