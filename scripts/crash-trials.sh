#!/usr/bin/env bash
# Repeats CrashRecoveryTest's random-moment kill trials: the app runs in a child JVM, saves in a loop and is killed
# with SIGKILL at a random moment, N times; after each kill the journal must have no torn entry, every recovery file
# must read, and every acknowledged save must be on the server and in the history.
# Usage: scripts/crash-trials.sh [N=100] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100}
SEED=${2:-$(date +%s)}
echo "== $N kill trials, seed $SEED"
./mvnw -B ${MVN_OFFLINE--o} test -Dtest='CrashRecoveryTest#killsAtRandomMoments*' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dcrash.trials="$N" -Dcrash.seed="$SEED"
grep -h '^trial ' target/surefire-reports/org.odpsexplorer.app.shell.CrashRecoveryTest-output.txt | tail -3
