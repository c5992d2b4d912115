#!/usr/bin/env bash
# Re-render the committed PNG and ICO icons from resources/icons/reader-app.svg.
# Needs rsvg-convert (Debian: librsvg2-bin) and ImageMagick's convert (imagemagick).
# Run after editing the SVG, then commit the results; builds never run this.
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
pngs=()
for s in 16 32 48 64 128 256; do
  rsvg-convert -w "$s" -h "$s" reader-app.svg -o "reader-app-$s.png"
  pngs+=("reader-app-$s.png")
done
# Windows executables and shortcuts take one .ico holding every size.
convert "${pngs[@]}" reader-app.ico
