#!/usr/bin/env bash
# Smoke test of the installers built by installer/build.sh: does the packaged app open its window?
#   1. starts target/installer/odps-explorer/bin/odps-explorer (the app image) under Xvfb with a throwaway HOME,
#      waits (bounded) for a window titled "ODPS Explorer", screenshots the screen to target/installer/smoke.png,
#      stops the app; then runs `odps-explorer serve --port 0 --data <tmp>` without any display: it must print the
#      emulator's "listening on" line and stop on SIGTERM (serve must never touch JavaFX);
#   2. with --deb: installs target/installer/odps-explorer_*.deb with apt-get, checks the installed files and the
#      menu entry, repeats both checks with /opt/odps-explorer/bin/odps-explorer (screenshot smoke-deb.png), then
#      removes the package again, checks that /opt/odps-explorer and the menu entry are gone, and purges its record.
# Exit status 0 only if every check passed. No user data is touched: HOME and XDG dirs point into a temp dir.
#
# Usage: installer/smoke-test.sh [--deb] [--timeout SECONDS]   (default timeout 60 s per window wait)
# Needs (installed with apt-get if missing, as root or through sudo): xvfb xauth libgtk-3-0 xdotool imagemagick
# fonts-dejavu x11-utils. --deb installs and removes a system package: run it on a machine you may change.
set -euo pipefail

readonly NAME=odps-explorer
readonly TITLE="ODPS Explorer"

with_deb=false
timeout=60
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) with_deb=true ;;
    --timeout) timeout=$2; shift ;;
    -h|--help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

cd "$(dirname "$0")/.."
out=$(pwd)/target/installer
image_launcher=$out/$NAME/bin/$NAME
installed_launcher=/opt/$NAME/bin/$NAME
[ -x "$image_launcher" ] || { echo "no app image at $out/$NAME: run installer/build.sh first" >&2; exit 1; }

log() { printf '[smoke] %s\n' "$*"; }
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }
missing=()
for pkg in xvfb xauth libgtk-3-0 xdotool imagemagick fonts-dejavu x11-utils; do installed "$pkg" || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

work=$(mktemp -d /tmp/odps-explorer-smoke.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
pass() { log "PASS: $*"; }
fail() { log "FAIL: $*"; failures=$((failures + 1)); }

# The part that runs inside Xvfb: start the launcher, poll for the window while the app is alive, screenshot, stop.
# Exit 0 if the window appeared. Polling (rather than `xdotool search --sync`) notices an app that dies early.
cat >"$work/in-xvfb.sh" <<'INNER'
#!/usr/bin/env bash
set -u
launcher=$1 title=$2 timeout=$3 shot=$4 applog=$5
"$launcher" >"$applog" 2>&1 &
app=$!
start=$(date +%s%N)
deadline=$(( $(date +%s) + timeout ))
window=
while [ "$(date +%s)" -lt "$deadline" ] && kill -0 "$app" 2>/dev/null; do
  window=$(xdotool search --onlyvisible --name "^${title}\$" 2>/dev/null | head -1) && [ -n "$window" ] && break
  sleep 0.25
done
if [ -n "$window" ]; then
  echo "window $window after $(( ($(date +%s%N) - start) / 1000000 )) ms; geometry: $(xdotool getwindowgeometry "$window" | sed -n 's/ *Geometry: //p')"
  echo "WM_CLASS: $(xprop -id "$window" WM_CLASS | sed 's/.*= //')"
  sleep 2 # let the first frames render before the screenshot
  import -window root "$shot"
else
  kill -0 "$app" 2>/dev/null && echo "no window titled '$title' within ${timeout} s" || echo "the app exited before showing a window"
fi
kill "$app" 2>/dev/null
for _ in $(seq 40); do kill -0 "$app" 2>/dev/null || break; sleep 0.25; done
kill -9 "$app" 2>/dev/null
wait "$app" 2>/dev/null
[ -n "$window" ]
INNER
chmod +x "$work/in-xvfb.sh"

# isolate DIR: sets `isolated` to the environment of a run that keeps all user data under DIR. Java takes user.home
# from the password database, not from $HOME, so HOME alone would still let JavaFX unpack its natives into the real
# ~/.openjfx: user.home (and java.io.tmpdir, where sqlite-jdbc unpacks) go in through JAVA_TOOL_OPTIONS, which every
# JVM reads, the jpackage launcher's included.
isolate() {
  local dir=$1
  mkdir -p "$dir/tmp"
  isolated=(HOME="$dir" XDG_CONFIG_HOME="$dir/.config" XDG_DATA_HOME="$dir/.local/share" XDG_CACHE_HOME="$dir/.cache"
    XDG_STATE_HOME="$dir/.local/state" TMPDIR="$dir/tmp"
    JAVA_TOOL_OPTIONS="-Duser.home=$dir -Djava.io.tmpdir=$dir/tmp")
}

# gui_check LAUNCHER LABEL SCREENSHOT [WM_CLASS]: one isolated run of the GUI under a fresh Xvfb; if WM_CLASS is
# given, the window's WM_CLASS must contain it.
gui_check() {
  local launcher=$1 label=$2 shot=$3 wm_class=${4:-}
  local home=$work/home-$label
  isolate "$home"
  rm -f "$shot"
  log "[$label] starting $launcher under Xvfb (HOME=$home)"
  if env "${isolated[@]}" xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
      "$work/in-xvfb.sh" "$launcher" "$TITLE" "$timeout" "$shot" "$work/app-$label.log" >"$work/gui-$label.out" 2>&1; then
    sed 's/^/[smoke]   /' "$work/gui-$label.out"
    pass "[$label] window '$TITLE' appeared; screenshot ${shot#"$(pwd)"/}"
    if [ -n "$wm_class" ]; then
      if grep -q "^WM_CLASS: .*\"$wm_class\"" "$work/gui-$label.out"; then
        pass "[$label] WM_CLASS matches the menu entry's StartupWMClass=$wm_class"
      else
        fail "[$label] WM_CLASS does not match the menu entry's StartupWMClass=$wm_class"
      fi
    fi
  else
    sed 's/^/[smoke]   /' "$work/gui-$label.out"
    fail "[$label] no window '$TITLE'; app output:"
    sed 's/^/[smoke]   | /' "$work/app-$label.log" | tail -40
  fi
  if [ -d "$home/.openjfx" ]; then
    log "[$label] JavaFX unpacked its natives into the isolated home ($(du -sh "$home/.openjfx" | cut -f1))"
  fi
  return 0
}

# serve_check LAUNCHER LABEL: `serve --port 0 --data DIR` with no display must start the emulator (not JavaFX): pass
# if it prints "ODPS Explorer emulator listening on" within the timeout and then stops on SIGTERM within 10 s.
serve_check() {
  local launcher=$1 label=$2
  local home=$work/home-$label-cli logf=$work/serve-$label.log
  isolate "$home"
  env -u DISPLAY -u WAYLAND_DISPLAY "${isolated[@]}" "$launcher" serve --port 0 --data "$home/emulator-data" >"$logf" 2>&1 &
  local pid=$! listening=false stopped=false rc=0
  local start deadline
  start=$(date +%s%N)
  deadline=$(( $(date +%s) + timeout ))
  while [ "$(date +%s)" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null; do
    grep -q '^ODPS Explorer emulator listening on ' "$logf" && { listening=true; break; }
    sleep 0.25
  done
  $listening || grep -q '^ODPS Explorer emulator listening on ' "$logf" && listening=true
  local ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || { stopped=true; break; }; sleep 0.25; done
  $stopped || kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || rc=$?
  sed -i '/^Picked up JAVA_TOOL_OPTIONS:/d' "$logf" # the JVM's echo of our isolation options, not app output
  if grep -q -i -E 'javafx|DISPLAY|Gtk' "$logf"; then
    fail "[$label] 'serve --port 0' reached JavaFX instead of the emulator:"
  elif ! $listening; then
    fail "[$label] 'serve --port 0' printed no 'listening on' line (exit $rc):"
  elif ! $stopped; then
    fail "[$label] 'serve --port 0' did not stop within 10 s of SIGTERM (killed):"
  else
    pass "[$label] 'serve --port 0' listening after ${ready_ms} ms, stopped on SIGTERM (exit $rc)"
  fi
  sed 's/^/[smoke]   | /' "$logf" | head -20
}

# --- 1. the app image ------------------------------------------------------------------------------------------
gui_check "$image_launcher" image "$out/smoke.png"
serve_check "$image_launcher" image

# --- 2. the .deb -----------------------------------------------------------------------------------------------
if $with_deb; then
  debs=("$out"/"$NAME"_*.deb)
  [ -f "${debs[0]}" ] || { echo "no .deb in $out: run installer/build.sh without --image-only" >&2; exit 1; }
  installed "$NAME" && log "note: $NAME was already installed; it is reinstalled from ${debs[0]##*/} and removed at the end"
  log "[deb] apt-get install -y ${debs[0]}"
  t0=$(date +%s)
  if DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --reinstall "${debs[0]}" >"$work/apt-install.log" 2>&1; then
    pass "[deb] installed in $(( $(date +%s) - t0 )) s ($(dpkg-query -W -f='${Version}, Installed-Size ${Installed-Size} KiB' "$NAME"))"
    grep -h "xdg-desktop-menu failed" "$work/apt-install.log" | sed 's/^/[smoke] note: postinst: /' || true
  else
    tail -20 "$work/apt-install.log"
    fail "[deb] apt-get install failed"
  fi
  if [ -x "$installed_launcher" ]; then
    desktop=/usr/share/applications/$NAME-$NAME.desktop
    if [ -f "$desktop" ] && grep -q "^Name=$TITLE\$" "$desktop" && grep -q '^Categories=Development;' "$desktop"; then
      pass "[deb] menu entry $desktop (Name=$TITLE, Categories=Development)"
      if command -v desktop-file-validate >/dev/null 2>&1; then
        if desktop-file-validate "$desktop"; then pass "[deb] desktop-file-validate $desktop"; else fail "[deb] desktop-file-validate $desktop"; fi
      fi
    else
      fail "[deb] menu entry $desktop missing or wrong"
    fi
    gui_check "$installed_launcher" deb "$out/smoke-deb.png" "$(sed -n 's/^StartupWMClass=//p' "$desktop")"
    serve_check "$installed_launcher" deb
  else
    fail "[deb] $installed_launcher not installed"
  fi
  log "[deb] apt-get remove -y $NAME"
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get remove -y "$NAME" >"$work/apt-remove.log" 2>&1 \
    || { tail -20 "$work/apt-remove.log"; fail "[deb] apt-get remove failed"; }
  if [ ! -e "/opt/$NAME" ] && [ ! -e "/usr/share/applications/$NAME-$NAME.desktop" ]; then
    pass "[deb] removed: /opt/$NAME and the menu entry are gone"
  else
    fail "[deb] leftovers after removal: $(find "/opt/$NAME" "/usr/share/applications/$NAME-$NAME.desktop" -maxdepth 0 2>/dev/null | tr '\n' ' ')"
  fi
  # remove leaves dpkg's record of the package (state "rc", its postrm); purge drops it so the next run starts clean
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get purge -y "$NAME" >>"$work/apt-remove.log" 2>&1 || true
fi

if [ "$failures" -eq 0 ]; then log "all checks passed"; else log "$failures check(s) failed"; fi
[ "$failures" -eq 0 ]
