/**
 * A terminal progress bar on stderr, drawn only when stderr is a terminal (CI logs and pipes stay clean).
 */
export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): (done: number, total: number) => void {
  const started = Date.now();
  let last = -1;
  return (done, total) => {
    if (!stream.isTTY) return;
    const width = 28;
    const frac = total ? done / total : 1;
    const pct = Math.floor(frac * 100);
    if (pct === last && done !== total) return;
    last = pct;
    const filled = Math.round(frac * width);
    const secs = (Date.now() - started) / 1000;
    const eta = frac > 0 ? secs / frac - secs : 0;
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    const time = done === total ? `${secs.toFixed(1)}s` : `eta ${eta.toFixed(0)}s`;
    stream.write(`\r${label} [${bar}] ${String(pct).padStart(3)}% ${done}/${total} ${time}   `);
    if (done === total) stream.write("\n");
  };
}

/**
 * A one-line count on stderr (`write` redraws it in place), drawn only when stderr is a terminal; `end`
 * closes the line.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): { write(text: string): void; end(): void } {
  return {
    write: (text) => void (stream.isTTY && stream.write(`\r${text}`)),
    end: () => void (stream.isTTY && stream.write("\n")),
  };
}
