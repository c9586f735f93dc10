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

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installing: ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
