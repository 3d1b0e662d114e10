/**
 * The money rule kinds, declared once: for each kind, what its money is (`nature`), its own fields and what
 * each must hold, and which are required. The validator (validate.ts), the resolver (resolve.ts) and the money
 * model (funds/kinds, which adds each kind's evaluator) all read this table.
 *
 * The TypeScript interfaces of the rules (`FundRule` in types.ts, from which the JSON Schema is generated) and
 * this table are checked against each other by the compiler: a kind in one and not the other, a field missing
 * or extra, a required field not listed, an enum value missing, is a compile error.
 *
 * Pure data: the scenario layer imports it, so it imports nothing from the money model.
 */
import { RULE_FIELD_UNITS } from "../parameters/catalog.js";
import {
  PER_UNIT_BASES,
  REGION_GROUPS,
  REVENUE_LEVELS,
  UNITS,
  type DatedQuantity,
  type FundRule,
  type FundRuleBase,
  type FundRuleKind,
  type Unit,
} from "./types.js";

/** A field of a fund rule and what it must hold. */
export type FieldSpec =
  | { t: "quantity"; units: readonly Unit[] }
  | { t: "enum"; values: readonly string[] }
  | { t: "string" }
  | { t: "year" }
  | { t: "rule" }
  | { t: "pool" }
  | { t: "region" }
  | { t: "inputs" };

/** What a rule's money is: new money in its pool, a loan, or a part of a pool kept for a group (not new money). */
export type FundNature = "grant" | "loan" | "reserved";

/** The declared facts of one rule kind. */
export interface RuleKind {
  nature: FundNature;
  /** The kind's own fields (besides `COMMON_RULE_FIELDS`) and what each must hold. */
  fields: Readonly<Record<string, FieldSpec>>;
  required: readonly string[];
}

/** Fields every rule may have (`FundRuleBase` and `kind`). */
export const COMMON_RULE_FIELDS = ["kind", "label", "pool", "enabled", "clause", "years"] as const;

// --- the shape the table must have, read off the interfaces in types.ts ---

type RuleOf<K extends FundRuleKind> = Extract<FundRule, { kind: K }>;
/** A kind's own fields: its interface's keys besides `kind` and those of `FundRuleBase`. */
type OwnField<K extends FundRuleKind> = Exclude<keyof RuleOf<K>, keyof FundRuleBase | "kind">;
type RequiredField<K extends FundRuleKind> = Exclude<
  { [F in keyof RuleOf<K>]-?: object extends Pick<RuleOf<K>, F> ? never : F }[keyof RuleOf<K>],
  keyof FundRuleBase | "kind"
>;
/** The spec a field of type V can have: a quantity, a year, a free string (a name), an enum of V, or inputs. */
type SpecOf<V> = [V] extends [DatedQuantity]
  ? { t: "quantity"; units: readonly Unit[] }
  : [V] extends [number]
    ? { t: "year" }
    : string extends V
      ? { t: "string" } | { t: "rule" } | { t: "pool" } | { t: "region" }
      : [V] extends [string]
        ? { t: "enum"; values: readonly V[] }
        : { t: "inputs" };
type KindSpecs = {
  [K in FundRuleKind]: {
    nature: FundNature;
    fields: { [F in OwnField<K>]-?: SpecOf<NonNullable<RuleOf<K>[F]>> };
    required: readonly RequiredField<K>[];
  };
};

const q = (field: keyof typeof RULE_FIELD_UNITS) => ({ t: "quantity", units: RULE_FIELD_UNITS[field] }) as const;

const KINDS = {
  // 004 §六(一)
  revenue_increment_share: {
    nature: "grant",
    fields: {
      level: { t: "enum", values: REVENUE_LEVELS },
      region: { t: "region" },
      share: q("share"),
      negative_increment: { t: "enum", values: ["zero", "negative", "floor_previous"] },
    },
    required: ["level", "share"],
  },
  // 001 §三(四)
  floor_growing_with_revenue: {
    nature: "grant",
    fields: { amount: q("amount"), base_year: { t: "year" }, region: { t: "region" } },
    required: ["amount", "base_year"],
  },
  // 000 §二(二)2
  per_unit: {
    nature: "grant",
    fields: {
      per: { t: "enum", values: PER_UNIT_BASES },
      amount: q("amount"),
      cap: q("cap"),
      count: q("count"),
      purpose: { t: "string" },
    },
    required: ["per", "amount"],
  },
  // 004 §三(三)
  reserved_share: {
    nature: "reserved",
    fields: {
      of_pool: { t: "pool" },
      applies_to: { t: "enum", values: ["new", "all"] },
      group: { t: "enum", values: REGION_GROUPS },
      share: q("share"),
    },
    required: ["of_pool", "group", "share"],
  },
  // 000 §二(二)1
  matching: {
    nature: "grant",
    fields: { of_rule: { t: "rule" }, ratio: q("ratio"), payer: { t: "enum", values: ["province", "city", "county"] } },
    required: ["of_rule", "ratio", "payer"],
  },
  fixed_pool: {
    nature: "grant",
    fields: { amount: q("amount"), purpose: { t: "string" }, reach: q("reach") },
    required: ["amount", "purpose"],
  },
  ranked_reward: {
    nature: "grant",
    fields: { top: q("top"), amount: q("amount"), among: { t: "enum", values: ["townships", "villages", "counties"] } },
    required: ["top", "amount", "among"],
  },
  reclaimed_stock: {
    nature: "grant",
    fields: { share: q("share"), stock: q("stock") },
    required: ["share", "stock"],
  },
  paired_assistance: {
    nature: "grant",
    fields: { amount: q("amount"), helped: q("helped") },
    required: ["amount", "helped"],
  },
  relending: {
    nature: "loan",
    fields: { amount: q("amount"), group: { t: "enum", values: REGION_GROUPS } },
    required: ["amount", "group"],
  },
  formula: {
    nature: "grant",
    fields: { expression: { t: "string" }, inputs: { t: "inputs" }, unit: { t: "enum", values: UNITS } },
    required: ["expression", "unit"],
  },
} as const satisfies KindSpecs;

// --- what `satisfies` cannot see: every required field listed, every value of an enum field's type listed ---

type Table = typeof KINDS;
type MissingRequired = { [K in FundRuleKind]: Exclude<RequiredField<K>, Table[K]["required"][number]> }[FundRuleKind];
type MissingEnumValues = {
  [K in FundRuleKind]: {
    [F in keyof Table[K]["fields"]]: Table[K]["fields"][F] extends { values: readonly (infer E)[] }
      ? Exclude<NonNullable<RuleOf<K>[F & keyof RuleOf<K>]>, E>
      : never;
  }[keyof Table[K]["fields"]];
}[FundRuleKind];
/** Compiles only when nothing is missing; the error names what is. */
const _complete: { missing: never } = {} as { missing: MissingRequired | MissingEnumValues };

/** Per rule kind: its nature, its own fields and which are required. */
export const RULE_KINDS: Readonly<Record<FundRuleKind, RuleKind>> = KINDS;
/** The rule kinds, in the table's order. */
export const RULE_KIND_NAMES = Object.keys(RULE_KINDS) as FundRuleKind[];
