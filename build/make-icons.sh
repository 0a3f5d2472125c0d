#!/bin/sh
# Draws the app icon and the tray icons in build/ (see build/README.md). The PNGs are
# committed, so building never needs this script; rerun it after changing the design.
# Needs ImageMagick 6 or 7 (Debian: sudo apt-get install -y imagemagick).
#
# Design: a white "N" in a dark circle, with a badge at the bottom right whose shape and
# colour give the state: ok = green dot, attention = amber triangle, error = red dot with "!".
# Shapes differ as well as colours, for colour-blind people and for the macOS template images
# (black + alpha only; macOS tints them to suit the menu bar, and ok has no badge there).
# Tray icons are drawn on a 512×512 canvas (32 units per pixel of the 16 px icon) and scaled
# down with a box filter, so straight edges land on the pixel grid and stay crisp.
set -eu
cd "$(dirname "$0")"

# `convert` on some PATHs is a stand-in; use ImageMagick 7's `magick` or Debian's convert.
if command -v magick >/dev/null 2>&1; then IM=magick
elif [ -x /usr/bin/convert ]; then IM=/usr/bin/convert
else echo 'make-icons.sh: ImageMagick not found: install it (Debian: sudo apt-get install -y imagemagick).' >&2; exit 1
fi

DARK='#37352f'   # Notion's text colour: reads on light panels; the white N reads on dark ones
GREEN='#2f9e44'
AMBER='#f59f00'
RED='#e03131'

# n_polygon X0 Y0 X1 Y1 STROKE: the letter N as one polygon (two bars and the diagonal, no seams).
n_polygon() {
  awk -v x0="$1" -v y0="$2" -v x1="$3" -v y1="$4" -v w="$5" 'BEGIN {
    ya = y0 + (x1 - x0 - 2 * w) / (x1 - x0 - w) * (y1 - y0)  # upper diagonal edge meets the right bar
    yb = y0 + w / (x1 - x0 - w) * (y1 - y0)                  # lower diagonal edge meets the left bar
    printf "polygon %d,%d %d,%d %g,%g %d,%d %d,%d %d,%d %d,%d %g,%g %d,%d %d,%d\n",
      x0, y0, x0 + w, y0, x1 - w, ya, x1 - w, y0, x1, y0, x1, y1, x1 - w, y1, x0 + w, yb, x0 + w, y1, x0, y1
  }'
}

# Tray, in 16 px pixels × 32: a 13 px circle at the top left holding a 7 × 7 px N with 2 px
# strokes, and a 7 px badge in the bottom right corner (its 1 px gap shaves the N's corner).
CIRCLE='circle 208,208 208,0'
N=$(n_polygon 96 96 320 320 64)
DOT='circle 400,400 400,288'
TRIANGLE='polygon 400,288 512,512 288,512'
BANG_BAR='rectangle 384,320 415,415'                            # the "!" knocked out of the red dot
BANG_DOT='rectangle 384,448 415,479'

badge_shape() { # state -> draw primitive
  case $1 in ok) echo "$DOT" ;; attention) echo "$TRIANGLE" ;; error) echo "$DOT" ;; esac
}

badge_colour() {
  case $1 in ok) echo "$GREEN" ;; attention) echo "$AMBER" ;; error) echo "$RED" ;; esac
}

# tray STATE SIZE FILE [template]
tray() {
  state=$1 size=$2 file=$3 template=${4:-}
  shape=$(badge_shape "$state")
  if [ -n "$template" ]; then glyph=black badge=black; else glyph=$DARK badge=$(badge_colour "$state"); fi
  set -- -size 512x512 xc:none -fill "$glyph" -draw "$CIRCLE"
  if [ -n "$template" ]; then
    # Template: the N is a hole, so macOS's tint shows the menu bar through it.
    set -- "$@" '(' -size 512x512 xc:none -fill black -draw "$N" ')' \
      -compose DstOut -composite
  else
    set -- "$@" -fill white -draw "$N"
  fi
  if [ -z "$template" ] || [ "$state" != ok ]; then
    # A 1 px gap around the badge separates it from the circle.
    set -- "$@" '(' -size 512x512 xc:none -fill black -stroke black -strokewidth 64 -draw "$shape" ')' \
      -compose DstOut -composite -compose Over -fill "$badge" -stroke none -draw "$shape"
    if [ "$state" = error ]; then
      set -- "$@" '(' -size 512x512 xc:none -fill black -draw "$BANG_BAR" -draw "$BANG_DOT" ')' -compose DstOut -composite
    fi
  fi
  "$IM" "$@" -filter Box -resize "${size}x${size}" -strip -define png:exclude-chunks=date,time "PNG32:$file"
}

for state in ok attention error; do
  tray "$state" 16 "tray-$state.png"
  tray "$state" 32 "tray-$state@2x.png"
  tray "$state" 16 "tray-${state}Template.png" template
  tray "$state" 32 "tray-${state}Template@2x.png" template
done

# App icon: the same N in a white circle on a dark rounded square (macOS-style margins).
"$IM" -size 512x512 xc:none \
  -fill "$DARK" -draw 'roundrectangle 32,32 479,479 96,96' \
  -fill white -draw 'circle 256,256 256,88' \
  -fill "$DARK" -draw "$(n_polygon 184 160 328 352 36)" \
  -strip -define png:exclude-chunks=date,time PNG32:icon.png

echo "make-icons.sh: wrote $(ls tray-*.png icon.png | wc -l) icons in build/"
