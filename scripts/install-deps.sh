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
  # validation of the desktop furniture; the manual pages rendered with warnings on
  desktop-file-utils appstream man-db groff-base
  # the generated shell completions are checked in each shell
  zsh fish
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

# Generates the locales of the shipped translations and of the tests' decimal
# commas (de, fr, es, pt_BR) where they are missing; tests skip a locale that
# is not there.
generate_locales() {
  local wanted=(de_DE.UTF-8 fr_FR.UTF-8 es_ES.UTF-8 pt_BR.UTF-8 zh_CN.UTF-8) todo=() l
  command -v locale-gen >/dev/null || return 0
  for l in "${wanted[@]}"; do
    locale -a 2>/dev/null | grep -qix "${l/UTF-8/utf8}" || todo+=("$l")
  done
  [ ${#todo[@]} -eq 0 ] && return 0
  for l in "${todo[@]}"; do
    if grep -q "^# *$l UTF-8" /etc/locale.gen 2>/dev/null; then
      $sudo sed -i "s/^# *\\($l UTF-8\\)\$/\\1/" /etc/locale.gen
    elif ! grep -q "^$l UTF-8" /etc/locale.gen 2>/dev/null; then
      echo "$l UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
    fi
  done
  $sudo locale-gen
}

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
generate_locales
