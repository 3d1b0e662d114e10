#!/usr/bin/env node
// The tuopin command line. The library is built to dist/ by `npm run build` (npm start does it).
import { existsSync } from "node:fs";
const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("tuopin: the library is not built yet; run `npm run build` (or `npm start`) first.\n");
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
