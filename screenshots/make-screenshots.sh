#!/usr/bin/env bash
# Regenerates the PNGs in this folder by running the real app under Xvfb. Each scenario starts the app with fresh
# temporary directories (embedded emulator, demo resources), drives it into one state, snapshots the scene and exits.
# Every scenario is shot in both themes: NAME.png (light) and NAME-dark.png (dark).
# Usage: screenshots/make-screenshots.sh [scenario...]   (default: all; THEMES="dark" for one theme only)
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for pkg in xvfb libgtk-3-0 imagemagick xdotool fonts-dejavu; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update
    $SUDO apt-get install -y "${missing[@]}"
fi

OFFLINE=${MVN_OFFLINE:--o}
# the scenarios and javafx-swing (PNG writing) are test code, not part of the shipped app: test classpath
./mvnw -B $OFFLINE test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -DincludeScope=test \
    >target/screenshots-build.log
CP="target/test-classes:target/classes:$(cat target/cp.txt)"

scenarios=("$@")
[ "${#scenarios[@]}" -eq 0 ] && scenarios=(main-window hex-editor upload-progress conflict-dialog table-grid table-staging archive-view used-by-warning history-panel recovery-prompt)
read -r -a themes <<<"${THEMES:-light dark}"
for s in "${scenarios[@]}"; do
    for theme in "${themes[@]}"; do
        name=$s
        [ "$theme" = light ] || name="$s-$theme"
        echo "== $name"
        xvfb-run -a -s "-screen 0 1280x800x24" \
            java -Dprism.order=sw -cp "$CP" org.odpsexplorer.app.shell.ScreenshotMain --theme "$theme" \
            --scenario "$s" --out "screenshots/$name.png" >"target/screenshot-$name.log" 2>&1 \
            || { echo "scenario $name failed, see target/screenshot-$name.log"; tail -20 "target/screenshot-$name.log"; exit 1; }
        ls -l "screenshots/$name.png"
    done
done
