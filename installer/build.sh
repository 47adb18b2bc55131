#!/usr/bin/env bash
# Builds the Linux installers of ODPS Explorer with JDK 17's jpackage:
#   target/installer/odps-explorer/                 self-contained app image (bin/odps-explorer, lib/runtime, lib/app)
#   target/installer/odps-explorer_<ver>-1_amd64.deb  Debian package of that image, installs to /opt/odps-explorer
# from the shaded fat jar target/odps-explorer.jar (built with Maven if missing or with --rebuild).
#
# Usage: installer/build.sh [--rebuild] [--image-only] [--no-install]
#   --rebuild     run `./mvnw -B package -DskipTests` even if target/odps-explorer.jar exists
#   --image-only  build the app image, skip the .deb
#   --no-install  never call apt-get; fail if a needed Debian package is missing
# Environment: MVN_FLAGS (extra Maven flags, e.g. -o for offline), JAVA_HOME (a JDK 17 with jmods; default: the
# Debian openjdk-17 one), DEB_MAINTAINER_EMAIL (the .deb's Maintainer address; default a .invalid placeholder).
# Needs (Debian 12): openjdk-17-jdk-headless (jpackage, jlink, jdeps, jmods), fakeroot and dpkg (.deb), maven (only to
# build the jar). Missing ones are installed with apt-get (as root, or through sudo).
set -euo pipefail

readonly NAME=odps-explorer
readonly APP_TITLE="ODPS Explorer"
readonly MAIN_CLASS=org.odpsexplorer.app.Launcher
readonly DESCRIPTION="Desktop explorer for MaxCompute (ODPS) resources, with an embedded MaxCompute-compatible emulator"
readonly VENDOR="ODPS Explorer project"
# The app's heap cap, as pom.xml's app.heap (javafx:run) and installer/odps-explorer.sh (the fat jar); HeapCapTest
# checks all three agree. Every write path streams (HexSaveHeapTest edits 300 MB in a 128 MiB heap), so this is room
# for the UI, not for content.
readonly HEAP=512m
# Modules the app needs that jdeps cannot see, because they are only reached through service loading or reflection:
#   jdk.crypto.ec   elliptic-curve TLS (ECDHE) for HTTPS to real MaxCompute endpoints
#   java.desktop    JavaFX's AWT/ImageIO interop (javafx-swing snapshot export); also pulled by jdk.unsupported.desktop
#   java.xml, java.logging, jdk.unsupported  XML bodies (StAX/Woodstox), JUL behind SLF4J/Jetty, sun.misc.Unsafe users
#   jdk.zipfs       zip file systems (FileSystems.newFileSystem on a jar/zip, e.g. to list an archive resource)
# java.net.http, java.sql and jdk.httpserver are statically referenced when used, so jdeps lists them by itself.
# Left out on purpose: jdk.localedata (10 MB; without it dates and numbers format with English/root locale data only)
# and jdk.charsets (on Linux java.base already has GBK, GB18030, Big5, EUC-JP/KR; checked on a java.base-only
# runtime; jdk.charsets adds EBCDIC and other rare ones).
readonly EXTRA_MODULES="java.desktop,java.xml,java.logging,jdk.crypto.ec,jdk.unsupported,jdk.zipfs"
# jlink: drop debug attributes, man pages and headers; zip-compress the modules image (smaller install; start-up cost
# is within noise); give the runtime its own base CDS archive (lib/server/classes.jsa: the JDK classes it holds,
# pre-parsed and verified, mapped at start; a jlinked runtime has none otherwise, so every start loaded java.base from
# the modules image). --generate-cds-archive runs the runtime's bin/java, so the runtime keeps its bin/ commands
# (--strip-native-commands, used before, removed them; the jpackage launcher itself loads libjli directly).
readonly JLINK_OPTIONS="--strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive"
# JavaFX's natives sit inside jars, so jpackage's ldd scan of the runtime cannot see what they link. Their NEEDED
# entries (objdump -p on javafx-graphics-21.0.11-linux.jar's .so files) are GTK 3 and its stack (pango, cairo, atk,
# gdk-pixbuf, glib, fontconfig, freetype, X11: all dependencies of libgtk-3-0), plus three that libgtk-3-0 does not
# pull in: libGL (prism es2), libXxf86vm (prism es2) and libXtst (glass). Fonts come through libfontconfig1's
# fontconfig-config, which depends on a font package. No libasound2 for JavaFX (no javafx-media).
readonly PACKAGE_DEPS="libgtk-3-0, libgl1, libxxf86vm1, libxtst6"

rebuild=false
image_only=false
may_install=true
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    --image-only) image_only=true ;;
    --no-install) may_install=false ;;
    -h|--help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/target/installer
start_all=$(date +%s)

log() { printf '[build.sh] %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------------------------
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }
ensure_packages() {
  local missing=()
  for pkg in "$@"; do installed "$pkg" || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! $may_install; then
    echo "missing Debian packages: ${missing[*]} (install them: apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  local sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  log "installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}
needed=(openjdk-17-jdk-headless)
$image_only || needed+=(fakeroot)
ensure_packages "${needed[@]}"

java_home=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
for tool in jpackage jdeps; do
  [ -x "$java_home/bin/$tool" ] || { echo "$java_home/bin/$tool not found; set JAVA_HOME to a JDK 17" >&2; exit 1; }
done
[ -d "$java_home/jmods" ] || { echo "$java_home/jmods not found (jlink needs the JDK's jmods)" >&2; exit 1; }
jpackage=$java_home/bin/jpackage

# --- the fat jar -----------------------------------------------------------------------------------------------
jar=$root/target/$NAME.jar
if $rebuild || [ ! -f "$jar" ]; then
  log "building the fat jar: ./mvnw -B ${MVN_FLAGS:-} package -DskipTests"
  t0=$(date +%s)
  # shellcheck disable=SC2086  # MVN_FLAGS is a list of flags
  "$root/mvnw" -B -f "$root/pom.xml" ${MVN_FLAGS:-} package -DskipTests
  log "maven: $(( $(date +%s) - t0 )) s"
fi
[ -f "$jar" ] || { echo "$jar was not built" >&2; exit 1; }

# --- jpackage input and modules --------------------------------------------------------------------------------
rm -rf "$out"
mkdir -p "$out/input" "$out/props"
cp "$jar" "$out/input/"

# Version: the project version recorded in the jar itself (so a stale jar cannot be labelled with a newer pom's
# version), without its qualifier: jpackage wants 1 to 3 dot-separated numbers (0.1.0-SNAPSHOT -> 0.1.0).
props=META-INF/maven/org.odpsexplorer/odps-explorer/pom.properties
(cd "$out/props" && "$java_home/bin/jar" xf "$jar" "$props")
jar_version=$(sed -n 's/^version=//p' "$out/props/$props")
rm -rf "$out/props"
version=${jar_version%%-*}
[[ "$version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || { echo "cannot derive an installer version from '$jar_version'" >&2; exit 1; }
log "version $version (jar: $jar_version)"
log "jdeps on $NAME.jar"
jdeps_modules=$("$java_home/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 "$jar" | tail -1)
modules=$(printf '%s,%s' "$jdeps_modules" "$EXTRA_MODULES" | tr ',' '\n' | sed '/^$/d' | sort -u | paste -sd, -)
log "modules: $modules"

# --- app image -------------------------------------------------------------------------------------------------
log "jpackage app-image"
t0=$(date +%s)
"$jpackage" --type app-image \
  --name "$NAME" --app-version "$version" --vendor "$VENDOR" --description "$DESCRIPTION" \
  --copyright "ODPS Explorer contributors" \
  --icon icons/png/odps-explorer-256.png \
  --input "$out/input" --main-jar "$NAME.jar" --main-class "$MAIN_CLASS" \
  --java-options "-Dfile.encoding=UTF-8 -Xmx$HEAP" \
  --add-modules "$modules" --jlink-options "$JLINK_OPTIONS" \
  --dest "$out"
image_seconds=$(( $(date +%s) - t0 ))
rm -rf "$out/input"
log "app image: $out/$NAME ($(du -sh "$out/$NAME" | cut -f1), ${image_seconds} s)"

# --- .deb ------------------------------------------------------------------------------------------------------
if ! $image_only; then
  # Our desktop entry: APP_TITLE as the menu name (jpackage would show the package name); jpackage fills in
  # the launcher path, the icon path, the description and the menu group.
  resources=$out/resources
  mkdir -p "$resources"
  # StartupWMClass lets docks group the window under this entry: JavaFX's GTK glass sets WM_CLASS to the class
  # that extends Application (pom property fx.app.class), not to the main class.
  fx_app_class=$(sed -n 's/.*<fx.app.class>\([^<]*\)<\/fx.app.class>.*/\1/p' pom.xml)
  [ -n "$fx_app_class" ] || { echo "pom.xml has no <fx.app.class> property" >&2; exit 1; }
  sed -e "s/STARTUP_WM_CLASS/$fx_app_class/" -e "s/@APP_TITLE@/$APP_TITLE/" installer/resources/$NAME.desktop \
    >"$resources/$NAME.desktop"
  # Maintainer scripts that survive a failing xdg-desktop-menu (see the comment in installer/resources/postinst).
  # jpackage names the installed desktop file <package>-<launcher>.desktop and keeps it in /opt/<package>/lib.
  desktop_file=/opt/$NAME/lib/$NAME-$NAME.desktop
  menu_entry=/usr/share/applications/$NAME-$NAME.desktop
  for script in postinst prerm; do
    sed -e "s|@DESKTOP_FILE@|$desktop_file|g" -e "s|@MENU_ENTRY@|$menu_entry|g" installer/resources/$script \
      >"$resources/$script"
  done
  log "jpackage deb"
  t0=$(date +%s)
  "$jpackage" --type deb \
    --app-image "$out/$NAME" \
    --name "$NAME" --app-version "$version" --vendor "$VENDOR" --description "$DESCRIPTION" \
    --icon icons/png/odps-explorer-256.png \
    --resource-dir "$resources" \
    --linux-package-name "$NAME" \
    --linux-deb-maintainer "${DEB_MAINTAINER_EMAIL:-maintainers@odps-explorer.invalid}" \
    --linux-package-deps "$PACKAGE_DEPS" \
    --linux-app-category devel \
    --linux-menu-group "Development;" \
    --linux-shortcut \
    --dest "$out"
  deb_seconds=$(( $(date +%s) - t0 ))
  rm -rf "$resources"
  deb=$(ls "$out"/"$NAME"_*.deb)
  log "deb: $deb ($(du -h "$deb" | cut -f1), ${deb_seconds} s)"
  dpkg-deb --field "$deb" Package Version Section Depends Installed-Size
fi
log "done in $(( $(date +%s) - start_all )) s"
