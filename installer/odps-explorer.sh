#!/bin/sh
# Runs the fat jar (target/odps-explorer.jar, from ./mvnw package) with the app's heap cap; any arguments are passed
# on (e.g. `serve --demo` for the emulator alone). JAVA picks the java binary (default: java on the PATH); JAVA_OPTS
# adds JVM options. The cap equals pom.xml's app.heap and installer/build.sh's HEAP (HeapCapTest checks them).
#
# AppCDS: the first start of a given jar with a given java records the classes it loads into an archive
# (-XX:ArchiveClassesAtExit, written when the app quits); later starts map that archive (-XX:SharedArchiveFile) instead
# of loading and verifying those classes again, which brings the window up sooner (docs/benchmarks.md, "Start-up").
# The archive lives in ${XDG_CACHE_HOME:-~/.cache}/odps-explorer/cds/, one per jar (size and modification time) and
# java binary; delete the folder to record a new one. ODPS_EXPLORER_CDS=off runs without it. `serve` never uses it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jar=${ODPS_EXPLORER_JAR:-$here/../target/odps-explorer.jar}
[ -f "$jar" ] || { echo "$jar not found: run ./mvnw package -DskipTests first" >&2; exit 1; }
java=${JAVA:-java}
cds=
if [ "${ODPS_EXPLORER_CDS:-on}" != off ] && [ "${1:-}" != serve ]; then
  java_path=$(command -v "$java" 2>/dev/null || true)
  cache=${XDG_CACHE_HOME:-$HOME/.cache}/odps-explorer/cds
  if [ -n "$java_path" ] && mkdir -p "$cache" 2>/dev/null; then
    java_real=$(readlink -f "$java_path")
    key=$(printf '%s %s %s' "$(stat -c '%s-%Y' "$jar")" "$java_real" "$(stat -c '%s-%Y' "$java_real")" | cksum | cut -d' ' -f1)
    cds=$cache/odps-explorer-$key.jsa
  fi
fi
if [ -z "$cds" ]; then
  # shellcheck disable=SC2086
  exec "${JAVA:-java}" -Xmx512m ${JAVA_OPTS:-} -jar "$jar" "$@"
elif [ -f "$cds" ]; then
  # shellcheck disable=SC2086
  exec "$java" -Xmx512m "-XX:SharedArchiveFile=$cds" '-Xlog:cds*=off' ${JAVA_OPTS:-} -jar "$jar" "$@"
fi
# the training start: the archive is written to a temporary name at exit and renamed once complete, so a start that is
# killed, or two first starts at once, never leave a partial archive under the real name
tmp=$cds.$$.tmp
status=0
# shellcheck disable=SC2086
"$java" -Xmx512m "-XX:ArchiveClassesAtExit=$tmp" '-Xlog:cds*=off' ${JAVA_OPTS:-} -jar "$jar" "$@" || status=$?
if [ -s "$tmp" ]; then
  mv -f "$tmp" "$cds"
else
  rm -f "$tmp"
fi
exit "$status"
