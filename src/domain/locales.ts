/**
 * The interface languages a user may pick as `locale` (Mastodon's `I18n.available_locales`).
 * Sign-up with any other value is Mastodon's ERR_INCLUSION.
 */
export const availableLocales: readonly string[] = (
  'af an ar ast be bg bn br bs ca ckb co cs cy da de el en en-GB eo es es-AR es-MX et eu fa fi ' +
  'fil fo fr fr-CA fy ga gd gl he hi hr hu hy ia id ie ig io is it ja ka kab kk kn ko ku lad lt ' +
  'lv mk ml mr ms my nan nl nn no oc pa pl pt-BR pt-PT ro ru sa sc sco si sk sl sq sr sr-Latn sv ' +
  'szl ta tai te th tr tt ug uk ur vi zgh zh-CN zh-HK zh-TW'
).split(' ');

const known = new Set(availableLocales);

export function isAvailableLocale(locale: string): boolean {
  return known.has(locale);
}
