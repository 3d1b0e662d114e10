#!/usr/bin/env bash
# The main job (npm start): every scenario in scenarios/ → out/ (per scenario: rows.csv, rows.xlsx, charts as
# .vl.json/.svg/.png, manifest.json; a brief per plan in out/briefs/; the overview out/index.html), then every
# notebook executed through Jupyter and rendered to HTML in out/notebooks/.
# TUOPIN_NOTEBOOKS=0 skips the notebooks (the test of npm start does; the notebook tests render each one).
set -euo pipefail
cd "$(dirname "$0")/.."
node bin/tuopin.js run scenarios --out out "$@"
if [ "${TUOPIN_NOTEBOOKS:-1}" != "0" ]; then
  bash scripts/render-notebooks.sh out/notebooks
fi
