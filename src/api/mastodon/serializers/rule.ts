import type { RuleRecord } from '../../../db/repositories/rules.ts';

/** Mastodon's Rule entity. */
export interface RuleJson {
  id: string;
  text: string;
  hint: string;
}

export function serializeRule(rule: RuleRecord): RuleJson {
  return { id: rule.id, text: rule.text, hint: rule.hint };
}
