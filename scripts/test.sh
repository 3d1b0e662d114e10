#!/usr/bin/env bash
# The test command (npm test runs it after `pretest` has installed system packages, built dist/ and
# registered the tslab kernel in .jupyter/): strict type check, then vitest (unit, property, CLI and
# notebook tests), eslint and prettier's check, then the plain closing line "N passed, N failed" (a failed
# type check or lint counts as one).
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
typecheck_failed=0
if ! node node_modules/typescript/bin/tsc -p tsconfig.json --noEmit; then
  echo "tuopin: type check failed" >&2
  typecheck_failed=1
  status=1
fi
# the linter (eslint with typescript-eslint) and the formatter's check; a failure counts as one failed test
lint_failed=0
if ! npx eslint . || ! npx prettier --check . >/dev/null; then
  npx prettier --check . 2>&1 | grep -v "^Checking" >&2 || true
  echo "tuopin: lint or format check failed (npm run format fixes the formatting)" >&2
  lint_failed=1
  status=1
fi
rm -f test-results.json
npx vitest run --reporter=default --reporter=json --outputFile=test-results.json || status=1
if [ -f test-results.json ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync("test-results.json", "utf8"));
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests + Number(process.argv[1])} failed`);
  ' "$((typecheck_failed + lint_failed))"
else
  echo "0 passed, 1 failed"
  status=1
fi
exit $status
