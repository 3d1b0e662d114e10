/**
 * The brief families: a plan and its variants, which one brief compares. A variant of the plan `<plan>` is
 * the scenario `<plan>--<variant>` (its file `<plan>--<variant>.yaml`); a scenario without `--` is a plan.
 */

/** A plan and the scenarios of its family, the plan itself first, then its variants by id. */
export interface Family<T> {
  plan: string;
  members: T[];
}

/** The plan a scenario id belongs to: `anhui-2018-2020--revenue-fall-2020` → `anhui-2018-2020`. */
export function planOf(id: string): string {
  return id.split("--")[0];
}

/** Groups scenarios (or their runs) by plan, families in the order their first member comes. */
export function briefFamilies<T>(items: readonly T[], idOf: (item: T) => string): Family<T>[] {
  const byPlan = new Map<string, T[]>();
  for (const item of items) {
    const plan = planOf(idOf(item));
    byPlan.set(plan, [...(byPlan.get(plan) ?? []), item]);
  }
  return [...byPlan].map(([plan, members]) => ({
    plan,
    members: members.sort(
      (a, b) => Number(idOf(a) !== plan) - Number(idOf(b) !== plan) || idOf(a).localeCompare(idOf(b)),
    ),
  }));
}
