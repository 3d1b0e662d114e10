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
    zh: "每个数值必须且只能有一个来源：source（种子文件及条款）、url（官方统计）、assumption（假设及理由）或 derived（生成命令）",
    en: "every value needs exactly one provenance: source (seed document and section), url (official statistic), assumption (with the reason) or derived (the command that produced it)",
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
  noValueAt: (path: string, year: number): Bilingual => ({
    zh: `参数 "${path}" 在 ${year} 年没有生效的数值`,
    en: `parameter "${path}" has no value in force in ${year}`,
  }),
} as const;
