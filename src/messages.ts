/**
 * Every user-facing error string, in Chinese and English, so tests can match on them and messages stay
 * consistent (after Vega-Lite's log/message.ts).
 */

export interface Bilingual {
  zh: string;
  en: string;
}

export const msg = {
  yamlSyntax: (detail: string): Bilingual => ({ zh: `YAML 语法错误：${detail}`, en: `YAML syntax error: ${detail}` }),
  notAMapping: (what: string): Bilingual => ({
    zh: `${what} 应为键值映射`,
    en: `${what} must be a mapping (key: value)`,
  }),
  unknownKey: (key: string, suggestion: string | undefined, allowed: readonly string[]): Bilingual => ({
    zh: `未知的键 "${key}"` + (suggestion ? `，是否想写 "${suggestion}"？` : `；可用的键：${allowed.join("、")}`),
    en:
      `unknown key "${key}"` +
      (suggestion ? `; did you mean "${suggestion}"?` : `; allowed keys: ${allowed.join(", ")}`),
  }),
  missingKey: (key: string): Bilingual => ({ zh: `缺少必填项 "${key}"`, en: `missing required key "${key}"` }),
  wrongType: (expected: string, got: string): Bilingual => ({
    zh: `类型错误：应为 ${expected}，实际为 ${got}`,
    en: `wrong type: expected ${expected}, got ${got}`,
  }),
  outOfRange: (value: number, min: number | undefined, max: number | undefined): Bilingual => ({
    zh: `数值 ${value} 超出范围 [${min ?? "-∞"}, ${max ?? "∞"}]`,
    en: `value ${value} is outside [${min ?? "-inf"}, ${max ?? "inf"}]`,
  }),
  wrongUnit: (got: string, expected: string): Bilingual => ({
    zh: `单位 "${got}" 不对，应为 "${expected}"`,
    en: `unit "${got}" is wrong; expected "${expected}"`,
  }),
  provenance: (): Bilingual => ({
    zh:
      "每个数值必须且只能有一个来源：source（种子文件及条款）、url（官方统计）、" +
      "assumption（假设及理由）或 derived（生成命令）",
    en:
      "every value needs exactly one provenance: source (seed document and section), url (official statistic), " +
      "assumption (with the reason) or derived (the command that produced it)",
  }),
  unknownDocument: (doc: string, known: string[]): Bilingual => ({
    zh: `来源引用了未在 documents 中列出的文件 "${doc}"（已列出：${known.join("、") || "无"}）`,
    en: `source cites document "${doc}" which is not listed under documents (listed: ${known.join(", ") || "none"})`,
  }),
  badPeriod: (key: string): Bilingual => ({
    zh: `时期键 "${key}" 无效；应为 YYYY、YYYY-MM-DD 或 YYYY-MM-DD.YYYY-MM-DD`,
    en: `period key "${key}" is invalid; expected YYYY, YYYY-MM-DD or YYYY-MM-DD.YYYY-MM-DD`,
  }),
  periodOrder: (key: string): Bilingual => ({
    zh: `时期 "${key}" 的结束日期早于开始日期`,
    en: `period "${key}" ends before it starts`,
  }),
  periodOverlap: (a: string, b: string): Bilingual => ({
    zh: `时期 "${a}" 与 "${b}" 重叠`,
    en: `periods "${a}" and "${b}" overlap`,
  }),
  horizonOrder: (start: number, end: number): Bilingual => ({
    zh: `时间范围的起始年 ${start} 晚于结束年 ${end}`,
    en: `horizon starts in ${start}, after its end ${end}`,
  }),
  targetOutsideHorizon: (year: number, start: number, end: number): Bilingual => ({
    zh: `目标年份 ${year} 不在时间范围 ${start}–${end} 内`,
    en: `target year ${year} is outside the horizon ${start}–${end}`,
  }),
  unknownRegion: (region: string, suggestion: string | undefined): Bilingual => ({
    zh: `地区 "${region}" 不在 data/regions.csv 中` + (suggestion ? `，是否想写 "${suggestion}"？` : ""),
    en: `region "${region}" is not in data/regions.csv` + (suggestion ? `; did you mean "${suggestion}"?` : ""),
  }),
  extendsNotFound: (id: string): Bilingual => ({
    zh: `extends 指向的情景 "${id}" 不存在（应在同一目录下有 ${id}.yaml）`,
    en: `extends names scenario "${id}", but ${id}.yaml is not in the same folder`,
  }),
  extendsCycle: (chain: string[]): Bilingual => ({
    zh: `extends 形成循环：${chain.join(" → ")}`,
    en: `extends forms a cycle: ${chain.join(" -> ")}`,
  }),
  idMismatch: (id: string, file: string): Bilingual => ({
    zh: `id "${id}" 应与文件名 "${file}" 相同`,
    en: `id "${id}" must equal the file name "${file}"`,
  }),
  missingParameter: (path: string): Bilingual => ({
    zh: `模型需要参数 "${path}"，但情景（及其继承链）未给出`,
    en: `the model needs parameter "${path}", which the scenario (and what it extends) does not set`,
  }),
  valueOutsideOwnRange: (v: number, lo: number, hi: number): Bilingual => ({
    zh: `数值 ${v} 不在其自身给出的范围 [${lo}, ${hi}] 内`,
    en: `value ${v} lies outside its own range [${lo}, ${hi}]; widen the range or fix the value`,
  }),
  periodOutOfOrder: (key: string): Bilingual => ({
    zh: `日期 "${key}" 未按升序排列；请把各日期从早到晚书写`,
    en: `date "${key}" is out of order (dates must ascend); write the dates from earliest to latest`,
  }),
  unknownMeasure: (id: string, suggestion: string | undefined, ids: readonly string[]): Bilingual => ({
    zh: `帮扶措施 "${id}" 不存在` + (suggestion ? `，是否想写 "${suggestion}"？` : `；可用措施：${ids.join("、")}`),
    en: `unknown measure "${id}"` + (suggestion ? `; did you mean "${suggestion}"?` : `; measures: ${ids.join(", ")}`),
  }),
  unknownProgrammeRule: (rule: string, suggestion: string | undefined, rules: readonly string[]): Bilingual => ({
    zh: `项目规则 "${rule}" 不存在` + (suggestion ? `，是否想写 "${suggestion}"？` : `；可用规则：${rules.join("、")}`),
    en:
      `unknown programme rule "${rule}"` +
      (suggestion ? `; did you mean "${suggestion}"?` : `; rules: ${rules.join(", ")}`),
  }),
  countOrShare: (): Bilingual => ({
    zh: "项目只能给出 count（人数或户数）或 share（比例）之一",
    en: "a programme states either a count (people or households) or a share, not both",
  }),
  programmeNeeds: (rule: string, field: string): Bilingual => ({
    zh: `规则为 ${rule} 的项目需要 ${field}`,
    en: `a programme with rule ${rule} needs a ${field}`,
  }),
  unknownRuleKind: (kind: string, suggestion: string | undefined, kinds: readonly string[]): Bilingual => ({
    zh:
      `资金规则类型 "${kind}" 不存在` +
      (suggestion ? `，是否想写 "${suggestion}"？` : `；可用类型：${kinds.join("、")}`),
    en:
      `fund rule kind "${kind}" does not exist` +
      (suggestion ? `; did you mean "${suggestion}"?` : `; kinds: ${kinds.join(", ")}`),
  }),
  notOneOf: (got: string, allowed: readonly string[], suggestion: string | undefined): Bilingual => ({
    zh: `取值 ${got} 无效，应为 ${allowed.join(" / ")}` + (suggestion ? `；是否想写 "${suggestion}"？` : ""),
    en: `${got} is not one of ${allowed.join(", ")}` + (suggestion ? `; did you mean "${suggestion}"?` : ""),
  }),
  unknownRuleRef: (ref: string, suggestion: string | undefined): Bilingual => ({
    zh: `引用的资金规则 "${ref}" 不存在或已停用` + (suggestion ? `，是否想写 "${suggestion}"？` : ""),
    en: `rule "${ref}" does not exist or is disabled` + (suggestion ? `; did you mean "${suggestion}"?` : ""),
  }),
  unknownPool: (pool: string, pools: string[]): Bilingual => ({
    zh: `资金池 "${pool}" 没有任何规则注入资金（已有：${pools.join("、") || "无"}）`,
    en:
      `no rule feeds pool "${pool}" (pools fed: ${pools.join(", ") || "none"}); ` +
      `set pool: ${pool} on the rules that fill it`,
  }),
  sharesAboveOne: (what: string, year: number, total: number, rules: string[]): Bilingual => ({
    zh: `${what} 在 ${year} 年的各项比例之和为 ${total}，超过 1（规则：${rules.join("、")}）`,
    en: `the shares of ${what} sum to ${total} in ${year}, above 1 (rules: ${rules.join(", ")}); lower one of them`,
  }),
  weightsNotOne: (year: number, total: number): Bilingual => ({
    zh: `因素法权重在 ${year} 年之和为 ${total}，应为 1`,
    en: `factor weights sum to ${total} in ${year}; they must sum to 1`,
  }),
  partialRuleWithoutParent: (id: string): Bilingual => ({
    zh: `规则 "${id}" 没有 kind，且被继承的情景中也没有同名规则`,
    en: `rule "${id}" has no kind and no inherited rule has this id; add kind: or fix the id`,
  }),
  noValueAt: (path: string, year: number): Bilingual => ({
    zh: `参数 "${path}" 在 ${year} 年没有生效的数值`,
    en: `parameter "${path}" has no value in force in ${year}`,
  }),
  commitmentBeforeStart: (path: string, deadline: number, start: number, what: string): Bilingual => ({
    zh: `承诺 "${path}" 的完成年份 ${deadline} 早于${what === "horizon" ? "时间范围的起始年" : "其生效年份"} ${start}；应为不早于 ${start} 的年份`,
    en:
      `commitment "${path}": the deadline ${deadline} is before ` +
      `${what === "horizon" ? "the horizon's first year" : "the year it is stated"} ${start}; ` +
      `expected a year from ${start} on`,
  }),
  commitmentWithoutDeadline: (path: string, deadline: string): Bilingual => ({
    zh: `承诺比例 "${path}" 缺少完成年份：请同时设定 "${deadline}"`,
    en: `commitment share "${path}" has no deadline: set "${deadline}" as well`,
  }),
} as const;
