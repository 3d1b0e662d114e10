#!/usr/bin/env bash
# Executes notebooks top to bottom with the project's tslab kernel (real Jupyter: nbconvert) and writes the
# executed copies and their HTML renderings to OUTDIR, whole or not at all (a temporary folder, then a rename).
# Usage: bash scripts/render-notebooks.sh OUTDIR [notebooks/NN-name.ipynb ...]   (default: every notebook)
# `npm start` runs it into out/notebooks/; the notebook tests run it one notebook at a time.
# Two notebooks run at a time (TUOPIN_NOTEBOOK_JOBS to change it); any failure fails the whole and writes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: render-notebooks.sh OUTDIR [NOTEBOOK...]}
shift
if [ $# -eq 0 ]; then set -- notebooks/*.ipynb; fi
export JUPYTER_PATH="$PWD/.jupyter/share/jupyter"
export PATH="$PWD/node_modules/.bin:$PATH"
[ -d .jupyter/share/jupyter/kernels/tslab ] || npm run --silent kernel
mkdir -p "$(dirname "$out")"
tmp="$(dirname "$out")/.tmp-$(basename "$out")-$$"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
render() {
  local nb=$1 name
  name=$(basename "$nb" .ipynb)
  if ! jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 --output-dir="$tmp" "$nb" >"$tmp/$name.log" 2>&1 ||
     ! jupyter nbconvert --to html --output-dir="$tmp" "$tmp/$name.ipynb" >>"$tmp/$name.log" 2>&1; then
    echo "tuopin: notebook $nb failed:" >&2
    tail -40 "$tmp/$name.log" >&2
    return 1
  fi
  rm -f "$tmp/$name.log"
  echo "rendered $nb"
}
export -f render
export tmp
printf '%s\n' "$@" | xargs -P "${TUOPIN_NOTEBOOK_JOBS:-2}" -I{} bash -c 'render "$1"' _ {}
# replace only the notebooks rendered now; others already in OUTDIR stay
mkdir -p "$out"
for f in "$tmp"/*; do mv -f "$f" "$out/"; done
echo "wrote $out/"
