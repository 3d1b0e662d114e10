#!/usr/bin/env bash
# Installs the Debian packages tuopin's tests and outputs need, when they are missing:
#   Jupyter (nbconvert, nbclient, ipykernel) for executing the notebooks with the tslab kernel,
#   fonts-noto-cjk so that charts render Chinese text, chromium for checking the HTML brief.
# As root it installs them with apt-get; otherwise it prints the exact command to run and fails.
set -euo pipefail

PKGS=(fonts-noto-cjk chromium jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-core)
missing=()

/usr/bin/python3 -c "import nbconvert, nbclient, ipykernel, jupyter_client" >/dev/null 2>&1 \
  || missing+=(jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-core)
command -v jupyter >/dev/null 2>&1 || missing+=(jupyter-core)
# capture first: `fc-list | grep -q` fails under pipefail when grep exits early and fc-list gets SIGPIPE
fonts=$(fc-list 2>/dev/null || true)
grep -q "Noto Sans CJK" <<<"$fonts" || missing+=(fonts-noto-cjk)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
# de-duplicate
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
echo "tuopin: installing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  echo "tuopin: not root, so cannot install them. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${PKGS[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
echo "tuopin: Debian packages installed." >&2
