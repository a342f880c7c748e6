#!/usr/bin/env bash
# `make install`: Debian's LibreOffice (headless Writer), poppler-utils and the Liberation fonts, where missing.
# fonts-liberation2 as well: the 1.07 fonts of fonts-liberation lack Vietnamese letters such as Ủ and Ệ, which
# LibreOffice would then take from another font (DejaVu), mixing two typefaces in one line.
# tests/report-render.test.ts renders the report's .docx to PDF with `soffice --headless` and reads the PDF
# with pdftotext, pdftoppm and pdffonts: the layout an official sees is checked there, not only in the XML.
# As root (CI) they are installed with apt-get; otherwise the command to run is printed and the install goes
# on, since only the rendering test needs them (it says so when they are missing).
set -euo pipefail

if command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 \
  && [ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ]; then
  exit 0
fi
# shellcheck source=scripts/apt-install.sh
. "$(dirname "$0")/apt-install.sh"
apt_install "the report's rendering test" libreoffice-writer-nogui poppler-utils fonts-liberation fonts-liberation2 || exit 0
soffice --version >/dev/null 2>&1 || { echo "LibreOffice installed but does not start: soffice --version" >&2; exit 1; }
