/**
 * The server's rules: shown at sign-up (where people accept them), on the about page and in
 * the instance entity. Admins add them; the order is theirs.
 */
import {
  insertRule,
  listRules,
  nextRulePosition,
  type RuleRecord,
} from '../../db/repositories/rules.ts';
import type { Deps } from '../context.ts';
import { recordInvalid, addError, fieldError, type FieldErrors } from '../validation.ts';

/** Mastodon's Rule::TEXT_SIZE_LIMIT. */
export const ruleTextMaxLength = 300;

export { listRules };

/**
 * Adds a rule after the existing ones.
 *
 * @example await addRule(deps, { text: 'Be kind', hint: 'No harassment of any kind.' });
 */
export async function addRule(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  input: { text: string; hint?: string },
): Promise<RuleRecord> {
  const text = input.text.trim();
  const details: FieldErrors = {};
  if (text === '') addError(details, 'text', fieldError.blank());
  if ([...text].length > ruleTextMaxLength) {
    addError(details, 'text', fieldError.tooLong(ruleTextMaxLength));
  }
  if (Object.keys(details).length) throw recordInvalid(details);
  const now = deps.clock.now();
  const rule: RuleRecord = {
    id: deps.ids.next(),
    text,
    hint: input.hint?.trim() ?? '',
    position: await nextRulePosition(deps.db),
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  await insertRule(deps.db, rule);
  return rule;
}
