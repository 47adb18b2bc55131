#!/bin/sh
# Runs the fat jar (target/odps-explorer.jar, from ./mvnw package) with the app's heap cap; any arguments are passed
# on (e.g. `serve --demo` for the emulator alone). JAVA picks the java binary (default: java on the PATH); JAVA_OPTS
# adds JVM options. The cap equals pom.xml's app.heap and installer/build.sh's HEAP (HeapCapTest checks them).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jar=${ODPS_EXPLORER_JAR:-$here/../target/odps-explorer.jar}
[ -f "$jar" ] || { echo "$jar not found: run ./mvnw package -DskipTests first" >&2; exit 1; }
# shellcheck disable=SC2086
exec "${JAVA:-java}" -Xmx512m ${JAVA_OPTS:-} -jar "$jar" "$@"
