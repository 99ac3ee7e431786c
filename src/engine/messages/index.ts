import { Lang, Message, Texts } from './catalog';
import { en } from './en';
import { zh } from './zh';

export { cap, EN_TERMS } from './en';
export { ZH_TERMS } from './zh';

export * from './catalog';

export const TEXTS: Readonly<Record<Lang, Texts>> = { zh, en };

/** A rule's message bound to its parameters: it says itself in the language asked for. */
export type BoundMessage = (lang: Lang) => string;

/** A message in words: a catalog message, or a rule's own (rules/types.ts `defineRule`). */
export function render(message: Message | BoundMessage, lang: Lang): string {
  if (typeof message === 'function') return message(lang);
  const fn = TEXTS[lang][message.key] as (p: Message['params']) => string;
  return fn(message.params);
}
