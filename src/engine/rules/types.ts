import { Grid } from '../grid';
import { Chain } from '../compute/chain';
import { FormFigures } from '../compute/figures';
import { Lang } from '../messages/catalog';
import type { BoundMessage } from '../messages';
import { QUOTE_CHARS, quoted } from '../read/text';
import { FixWrite } from '../fix';

export type Severity = 'error' | 'warning' | 'info';

export type { FixWrite } from '../fix';

/** What a rule reports: the cells, the parameters its messages are written from, the repair. */
export interface RuleDraft<P> {
  /** The cells to highlight; the first is the main one. */
  readonly cells: readonly string[];
  readonly params: P;
  readonly fix?: readonly FixWrite[];
}

export interface RuleContext {
  readonly grid: Grid;
  readonly figures: FormFigures;
  readonly chain: Chain;
}

/**
 * A rule as one module declares it, in the manner of an ESLint rule: its id, its severity,
 * whether its findings carry a fix, its message in each language, and a check over one form.
 * A new rule is its module (built with `defineRule`) and its test table.
 */
export interface RuleSpec<P, Id extends string = string> {
  readonly id: Id;
  readonly severity: Severity;
  readonly description: string;
  /** True when its findings carry the writes that repair them. */
  readonly fixable: boolean;
  readonly messages: { readonly [L in Lang]: (params: P) => string };
  check(context: RuleContext): Array<RuleDraft<P>>;
}

/** A finding before it is put in words: its message in the language asked for. */
export interface Draft {
  readonly cells: readonly string[];
  readonly message: BoundMessage;
  readonly fix?: readonly FixWrite[];
}

/** A rule with its messages bound to its parameters: what the engine runs. */
export interface Rule<Id extends string = string> {
  readonly id: Id;
  readonly severity: Severity;
  readonly description: string;
  readonly fixable: boolean;
  check(context: RuleContext): readonly Draft[];
}

/** What most rules find on most forms. */
const NO_DRAFTS: readonly Draft[] = [];

/** A message's parameters with every long text cut to QUOTE_CHARS. */
function clipped<P>(params: P): P {
  if (typeof params !== 'object' || params === null) return params;
  const record = params as Record<string, unknown>;
  let long = false;
  // for…in: a message's parameters are a plain object literal, without inherited keys
  for (const k in record) {
    const v = record[k];
    if (typeof v === 'string' && v.length > QUOTE_CHARS) long = true;
  }
  if (!long) return params;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? quoted(v) : v;
  return out as P;
}

export function defineRule<P, const Id extends string>(spec: RuleSpec<P, Id>): Rule<Id> {
  const { id, severity, description, fixable, messages } = spec;
  return {
    id,
    severity,
    description,
    fixable,
    check: (context) => {
      const found = spec.check(context);
      if (found.length === 0) return NO_DRAFTS;
      return found.map((d) => {
        const draft: { -readonly [K in keyof Draft]: Draft[K] } = {
          cells: d.cells,
          message: (lang: Lang) => messages[lang](clipped(d.params)),
        };
        if (d.fix) draft.fix = d.fix;
        return draft;
      });
    },
  };
}
