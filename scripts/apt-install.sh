#!/usr/bin/env bash
# Sourced by the install scripts of test tools Debian packages (install-browser.sh, install-office.sh).
# apt_install WHY PACKAGE...: as root (CI), installs the packages with apt-get; otherwise prints the command
# to run and returns 1, so the caller goes on: only the tests that need the tool need it (they say so).
# A failing apt-get ends the calling script with an error (set -e does not reach into `apt_install … || …`).
apt_install() {
  local why=$1
  shift
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing for $why: sudo apt-get install -y --no-install-recommends $*" >&2
    return 1
  fi
  echo "apt-get install $* ($why)"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine has no package lists yet; an old list may name versions no longer served.
  apt-get update -qq || { echo "apt-get update failed" >&2; exit 1; }
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null || { echo "apt-get install $* failed" >&2; exit 1; }
}
