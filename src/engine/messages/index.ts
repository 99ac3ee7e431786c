import { Lang, Message, Texts } from './catalog';
import { en } from './en';
import { zh } from './zh';

export { cap, EN_TERMS } from './en';
export { ZH_TERMS } from './zh';

export * from './catalog';

export const TEXTS: Readonly<Record<Lang, Texts>> = { zh, en };

/** A catalog message in words (a rule's own messages are its module's: rules/types.ts `defineRule`). */
export function render(message: Message, lang: Lang): string {
  const fn = TEXTS[lang][message.key] as (p: Message['params']) => string;
  return fn(message.params);
}
