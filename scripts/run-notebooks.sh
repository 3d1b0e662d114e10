#!/usr/bin/env bash
# Executes every notebook top to bottom with the project's tslab kernel and writes the executed copies
# (and HTML renderings) to notebooks/out/. Usage: npm run notebooks
set -euo pipefail
cd "$(dirname "$0")/.."
export JUPYTER_PATH="$PWD/.jupyter/share/jupyter"
export PATH="$PWD/node_modules/.bin:$PATH"
[ -d .jupyter ] || npm run kernel
for nb in notebooks/*.ipynb; do
  jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 --output-dir=notebooks/out "$nb"
  jupyter nbconvert --to html --output-dir=notebooks/out "notebooks/out/$(basename "$nb")"
done
