/**
 * Period keys of dated values, after OpenFisca/PolicyEngine:
 *   "2018"                    → from 2018-01-01 on (until the next value)
 *   "2018-07-01"              → from that day on
 *   "2020-01-01.2020-12-31"   → only within the bounded period; the prior value resumes after it
 * Instants are encoded as integers yyyymmdd so that they compare as numbers.
 */
export interface Period {
  from: number;
  /** Inclusive end, absent for open-ended values. */
  to?: number;
}

function instant(s: string): number | undefined {
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = m[2] === undefined ? 1 : Number(m[2]);
  const d = m[3] === undefined ? 1 : Number(m[3]);
  if (mo < 1 || mo > 12) return undefined;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return undefined;
  return y * 10000 + mo * 100 + d;
}

/** Parses a period key; returns undefined when it is malformed. A bare year as end means its last day. */
export function parsePeriodKey(key: string): Period | undefined {
  const parts = key.split(".");
  if (parts.length === 1) {
    const from = instant(parts[0]);
    return from === undefined ? undefined : { from };
  }
  if (parts.length !== 2) return undefined;
  const from = instant(parts[0]);
  let to = instant(parts[1]);
  if (from === undefined || to === undefined) return undefined;
  if (/^\d{4}$/.test(parts[1])) to = Number(parts[1]) * 10000 + 1231;
  return { from, to };
}

export function yearStart(year: number): number {
  return year * 10000 + 101;
}

export function formatInstant(i: number): string {
  const y = Math.floor(i / 10000),
    m = Math.floor(i / 100) % 100,
    d = i % 100;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
