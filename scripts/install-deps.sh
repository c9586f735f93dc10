#!/usr/bin/env bash
# Installs everything Backprop Lens needs to build, run, test and benchmark
# on Debian 12 (bookworm) or newer. Safe to run again: apt-get skips what is
# already there. Needs root (or sudo).
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libjson-glib-dev libcairo2-dev libpango1.0-dev libfontconfig-dev zlib1g-dev
  libgtk-4-dev libadwaita-1-dev
  # animation export: GIF (giflib, libimagequant's colours) and video (GStreamer:
  # videoconvert in -base, VP8 and WebM/MP4 muxers in -good, x264 in -ugly)
  libgif-dev libimagequant-dev libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly
  # the tests decode the videos back (H.264: libav's decoder)
  gstreamer1.0-libav
  # runtime look: fonts and icons (a minimal system has none)
  fonts-cantarell fonts-dejavu-core adwaita-icon-theme
  # the translations: the locales they run in, and a font for Chinese
  locales fonts-noto-cjk
  # validation of the desktop furniture
  desktop-file-utils appstream
  # GUI tests and screenshots under a virtual display
  xvfb xauth xdotool imagemagick
  # checking exported files; pdflatex compiles the LaTeX reports (amsmath is in latex-base)
  # and the computational graph's TikZ pictures (tikz is in texlive-pictures)
  poppler-utils librsvg2-bin texlive-latex-base texlive-pictures
  # memory checks and the sanitizer build
  valgrind clang libclang-rt-14-dev
  # benchmarks: the comparisons the issues name
  graphviz hyperfine python3 python3-numpy
)

# The locales of the shipped translations, for the GUI test that starts the
# window in each language.
locales_needed=(de_DE.UTF-8 fr_FR.UTF-8 es_ES.UTF-8 pt_BR.UTF-8 zh_CN.UTF-8)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

have_locales=$(locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')
generate=0
for l in "${locales_needed[@]}"; do
  lower=$(echo "$l" | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')
  if ! grep -qx "$lower" <<<"$have_locales"; then
    if ! grep -q "^$l UTF-8" /etc/locale.gen 2>/dev/null; then
      echo "$l UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
    fi
    generate=1
  fi
done
if [ $generate -eq 1 ]; then
  $sudo locale-gen
fi
