#!/usr/bin/env bash
# Installs the Apache Kafka broker as its own jars from Maven Central into .cache/kafka/<version>/libs.
# Idempotent: a complete install is detected by a marker written last.
source "$(dirname "$0")/lib.sh"

target="$CACHE_DIR/kafka/$KAFKA_VERSION"
marker="$target/.complete"
if [[ -f "$marker" ]]; then
  exit 0
fi
require java "Kafka needs a Java runtime (17 is tested)"
require mvn "Kafka's jars are resolved with Maven"

log "resolving Apache Kafka $KAFKA_VERSION from Maven Central"
staging="$(mktemp -d "$CACHE_DIR/kafka-staging.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
mvn -q -B -Dstyle.color=never -f "$REPO_ROOT/tools/kafka/pom.xml" \
  -Dmaven.repo.local="$CACHE_DIR/m2" \
  -Dkafka.version="$KAFKA_VERSION" -Dslf4j.version="$SLF4J_VERSION" \
  dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$staging/libs"
test -f "$staging/libs/kafka_2.13-$KAFKA_VERSION.jar"

rm -rf "$target"
mkdir -p "$(dirname "$target")"
mv "$staging" "$target"
trap - EXIT
touch "$marker"
log "Kafka $KAFKA_VERSION installed in $target"
