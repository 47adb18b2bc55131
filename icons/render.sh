#!/usr/bin/env bash
# Renders every icon PNG from its SVG source and copies the PNGs the app loads into its resources.
#   icons/odps-explorer.svg        -> icons/png/odps-explorer-{32..512}.png
#   icons/odps-explorer-small.svg  -> icons/png/odps-explorer-{16,24}.png (simplified motif for tiny sizes)
#   icons/types/<name>.svg         -> icons/types/png/<name>-{16,32}.png (16 px grid, so both sizes are crisp)
# and copies all of them to src/main/resources/org/odpsexplorer/app/icons/ under the same names.
# Needs rsvg-convert (Debian package librsvg2-bin); installs it with apt-get if it is missing.
# --preview also writes target/icons-preview.png (needs ImageMagick): every type icon at 16 and 32 px and the app
# icon at 16..64 px, on white (left) and on a dark grey (right), magnified 2x, to judge legibility on both.
# The output is deterministic: the same SVGs give byte-identical PNGs, so re-running leaves git clean.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v rsvg-convert >/dev/null 2>&1; then
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y librsvg2-bin
fi

render() { # svg size out
  rsvg-convert --width "$2" --height "$2" --keep-aspect-ratio "$1" --output "$3"
}

mkdir -p png types/png
for size in 16 24; do
  render odps-explorer-small.svg "$size" "png/odps-explorer-$size.png"
done
for size in 32 48 64 128 256 512; do
  render odps-explorer.svg "$size" "png/odps-explorer-$size.png"
done
types=(file py jar archive table connection project folder function)
for name in "${types[@]}"; do
  for size in 16 32; do
    render "types/$name.svg" "$size" "types/png/$name-$size.png"
  done
done

resources=../src/main/resources/org/odpsexplorer/app/icons
mkdir -p "$resources"
cp png/odps-explorer-*.png types/png/*.png "$resources/"
if [ "${1:-}" = "--preview" ]; then
  im=/usr/bin/convert # not a bare `convert`: another program of that name may come first on the PATH
  [ -x "$im" ] || { echo "--preview needs ImageMagick (apt-get install imagemagick)" >&2; exit 1; }
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  row16=(); row32=()
  for name in "${types[@]}"; do row16+=("types/png/$name-16.png"); row32+=("types/png/$name-32.png"); done
  "$im" -background none "${row16[@]}" -bordercolor none -border 4 +append +repage "$tmp/r1.png"
  "$im" -background none "${row32[@]}" -bordercolor none -border 4 +append +repage "$tmp/r2.png"
  "$im" -background none png/odps-explorer-{16,24,32,48,64}.png -bordercolor none -border 4 \
    -gravity south +append +repage "$tmp/r3.png"
  for bg in white '#202225'; do
    "$im" -background none "$tmp"/r{1,2,3}.png -gravity west -append +repage -background "$bg" -flatten \
      "$tmp/on-${bg#\#}.png"
  done
  mkdir -p ../target
  "$im" "$tmp/on-white.png" "$tmp/on-202225.png" +append +repage -filter point -resize 200% ../target/icons-preview.png
  echo "wrote target/icons-preview.png"
fi
rendered=(png/*.png types/png/*.png)
echo "rendered ${#rendered[@]} PNGs; copied to ${resources#../}"
