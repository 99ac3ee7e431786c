import { Grid } from '../grid';
import { Chain } from '../compute/chain';
import { FormFigures } from '../compute/figures';
import { Lang } from '../messages/catalog';
import { QUOTE_CHARS, quoted } from '../read/text';
import { FixWrite } from '../fix';

export type Severity = 'error' | 'warning' | 'info';

export type { FixWrite } from '../fix';

/** What a rule reports: the cells, the parameters its messages are written from, the repair. */
export interface RuleDraft<P> {
  /** The cells to highlight; the first is the main one (the finding carries this list itself). */
  readonly cells: string[];
  readonly params: P;
  /** The finding carries this list itself: a list the rule does not make afresh is copied. */
  readonly fix?: FixWrite[];
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

/** A finding in words, as the report carries it (report.ts `Finding`). */
export interface RuleFinding<Id extends string = string> {
  readonly rule: Id;
  readonly severity: Severity;
  readonly cells: string[];
  readonly message: string;
  readonly fix?: FixWrite[];
}

/** A rule with its messages: what the engine runs. */
export interface Rule<Id extends string = string> {
  readonly id: Id;
  readonly severity: Severity;
  readonly description: string;
  readonly fixable: boolean;
  /** Checks one form and adds its findings, in `lang`, to `out`. */
  check(context: RuleContext, lang: Lang, out: Array<RuleFinding<Id>>): void;
}

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
    // run for every rule on every form, most of which find nothing: kept small
    check: (context, lang, out) => {
      const found = spec.check(context);
      if (found.length > 0) inWords(found, id, severity, messages[lang], out);
    },
  };
}

/**
 * Each draft put in words: no bound message, and its lists, made for it by the rule, carried as
 * they are (no copy).
 */
function inWords<P, Id extends string>(
  found: ReadonlyArray<RuleDraft<P>>,
  rule: Id,
  severity: Severity,
  say: (params: P) => string,
  out: Array<RuleFinding<Id>>,
): void {
  for (let k = 0; k < found.length; k++) {
    const d = found[k];
    const finding: { -readonly [K in keyof RuleFinding<Id>]: RuleFinding<Id>[K] } = {
      rule,
      severity,
      cells: d.cells,
      message: say(clipped(d.params)),
    };
    if (d.fix && d.fix.length > 0) finding.fix = d.fix;
    out.push(finding);
  }
}
