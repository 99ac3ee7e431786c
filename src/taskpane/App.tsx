import {
  Badge,
  Button,
  Caption1,
  Dropdown,
  Field,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Subtitle2,
  Text,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import * as React from 'react';
import type { Family, Finding, FixWrite, FormReport, Lang } from '../engine';
import { FAMILIES } from '../engine/families';
import {
  applyFixes,
  clearHighlights,
  inspect,
  insertTemplate,
  revertLast,
  RunResult,
  selectCell,
  validateAndGrade,
  ZipingError,
} from '../excel/adapter';
import type { Host } from '../excel/api';
import { onPaneEvent } from './events';
import { Texts, UI } from './i18n';
import { figureText, fixesOf, formLabel, recomputedShown, runCounts } from './logic';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
  },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  head: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    margin: `calc(-1 * ${tokens.spacingHorizontalM}) calc(-1 * ${tokens.spacingHorizontalM}) 0`,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  card: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  counts: { display: 'flex', gap: tokens.spacingHorizontalS },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  goto: {
    flexGrow: 1,
    textAlign: 'left',
    justifyContent: 'flex-start',
    whiteSpace: 'normal',
    height: 'auto',
    minWidth: 0,
    fontWeight: tokens.fontWeightRegular,
  },
  cellBadge: { flexShrink: 0, minWidth: 'fit-content', fontFamily: tokens.fontFamilyMonospace },
});

const SEVERITY_ORDER: Finding['severity'][] = ['error', 'warning', 'info'];
const BADGE: Record<Finding['severity'], 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

function gradeColor(grade: string | undefined): 'success' | 'brand' | 'warning' | 'danger' {
  if (!grade) return 'brand';
  if (/^优/.test(grade)) return 'success';
  if (/^良/.test(grade)) return 'brand';
  if (/^(合格|中)$/.test(grade)) return 'warning';
  return 'danger';
}

function Figure({
  label,
  stated,
  recomputed,
  unit = '',
  t,
}: {
  label: string;
  stated?: string;
  /** Shown only where it differs and a finding explains it. */
  recomputed?: string;
  unit?: string;
  t: Texts;
}) {
  return (
    <>
      <Text weight="semibold">{label}</Text>
      <Text>
        {figureText(stated, unit) ?? '—'}
        {recomputed !== undefined ? ` → ${t.computed} ${figureText(recomputed, unit)}` : ''}
      </Text>
    </>
  );
}

export function Summary({ form, t }: { form: FormReport; t: Texts }) {
  const styles = useStyles();
  const count = (s: Finding['severity']) => form.findings.filter((f) => f.severity === s).length;
  const grade = recomputedShown(form, form.grade) ?? form.grade.stated ?? form.grade.computed;
  return (
    <section aria-label={t.project} className={styles.card}>
      <Text weight="semibold">{t.project}</Text>
      <Text>{form.fields.projectName?.value || t.noProject}</Text>
      <Figure
        label={t.total}
        stated={form.totalScore.stated}
        recomputed={recomputedShown(form, form.totalScore)}
        t={t}
      />
      <Text weight="semibold">{t.grade}</Text>
      <span>
        {grade ? (
          <Badge appearance="filled" color={gradeColor(grade)} aria-label={`${t.grade} ${grade}`}>
            {grade}
          </Badge>
        ) : (
          '—'
        )}
        {form.grade.stated && recomputedShown(form, form.grade) !== undefined ? (
          <Caption1>{` (${t.stated} ${form.grade.stated})`}</Caption1>
        ) : null}
      </span>
      <Figure
        label={t.rate}
        stated={form.executionRate.stated}
        recomputed={recomputedShown(form, form.executionRate)}
        unit="%"
        t={t}
      />
      {form.executionScore ? (
        <Figure
          label={t.executionScore}
          stated={form.executionScore.stated}
          recomputed={recomputedShown(form, form.executionScore)}
          t={t}
        />
      ) : null}
      <Text weight="semibold">{t.findings}</Text>
      <span className={styles.counts}>
        <Badge color="danger" appearance="tint">{`${t.errors} ${count('error')}`}</Badge>
        <Badge color="warning" appearance="tint">{`${t.warnings} ${count('warning')}`}</Badge>
        <Badge color="informative" appearance="tint">{`${t.infos} ${count('info')}`}</Badge>
      </span>
    </section>
  );
}

export function FindingList({
  findings,
  t,
  onSelect,
  onFix,
  disabled,
}: {
  findings: Finding[];
  t: Texts;
  onSelect: (cell: string) => void;
  onFix: (fix: FixWrite[]) => void;
  disabled: boolean;
}) {
  const styles = useStyles();
  if (findings.length === 0) return <Text>{t.noFindings}</Text>;
  const names = { error: t.errors, warning: t.warnings, info: t.infos };
  return (
    <>
      {SEVERITY_ORDER.map((severity) => {
        const group = findings.filter((f) => f.severity === severity);
        if (group.length === 0) return null;
        return (
          <section key={severity} aria-label={names[severity]}>
            <Subtitle2 as="h3">{`${names[severity]} (${group.length})`}</Subtitle2>
            <ul className={styles.list}>
              {group.map((f, i) => (
                <li key={`${f.rule}-${f.cells[0]}-${i}`} className={styles.item} data-rule={f.rule}>
                  <Badge
                    className={styles.cellBadge}
                    color={BADGE[severity]}
                    appearance="tint"
                    shape="rounded"
                  >
                    {f.cells[0].split(':')[0]}
                  </Badge>
                  <Button
                    appearance="transparent"
                    className={styles.goto}
                    onClick={() => onSelect(f.cells[0])}
                    aria-label={`${t.cell} ${f.cells[0]}: ${f.message}`}
                  >
                    {f.message}
                  </Button>
                  {f.fix ? (
                    <Button size="small" disabled={disabled} onClick={() => onFix(f.fix as FixWrite[])}>
                      {t.fix}
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

function messageOf(e: unknown, t: Texts, sheet: string): string {
  if (e instanceof ZipingError) {
    const f = t.errorsByCode[e.code] as (m: string) => string;
    return f(e.code === 'protected' ? e.message || sheet : e.message);
  }
  const err = e as { code?: string; message?: string };
  if (err?.code === 'InvalidOperationInCellEditMode') return t.errorsByCode.editing();
  return t.errorsByCode.other(String(err?.message ?? e));
}

export interface AppProps {
  host: Host;
  lang: Lang;
  /** Read the active sheet when the pane opens. */
  inspectOnOpen?: boolean;
  /** How long the clerk's edits must pause before the pane checks the sheet again (ms). */
  recheckDelay?: number;
}

function clock(d: Date): string {
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

type Notice = { intent: 'success' | 'error' | 'info'; text: string } | null;

export function App({ host, lang, inspectOnOpen = true, recheckDelay = 600 }: AppProps) {
  const t = UI[lang];
  const styles = useStyles();
  const [result, setResult] = React.useState<RunResult | null>(null);
  const [formIndex, setFormIndex] = React.useState(0);
  const [busy, setBusy] = React.useState(false);
  const [notice, setNotice] = React.useState<Notice>(null);
  /** A run's messages that could not go into a note (the cell holds a threaded comment). */
  const [paneOnly, setPaneOnly] = React.useState<ReadonlyArray<{ cell: string; text: string }>>([]);

  /** When the list was last made from the sheet; stale while an edit waits to be checked. */
  const [checked, setChecked] = React.useState<{ at: Date; stale: boolean } | null>(null);
  /** Each read of the sheet gets a number: an older read never replaces a newer one. */
  const reads = React.useRef(0);

  const show = React.useCallback((r: RunResult) => {
    setResult(r);
    setFormIndex((i) => (i < r.analyses.length ? i : 0));
    setChecked({ at: new Date(), stale: false });
  }, []);

  const act = React.useCallback(
    async (work: () => Promise<string | null>) => {
      setBusy(true);
      setNotice(null);
      try {
        const text = await work();
        if (text) setNotice({ intent: 'success', text });
      } catch (e) {
        setNotice({ intent: 'error', text: messageOf(e, t, result?.sheetName ?? '') });
      } finally {
        setBusy(false);
      }
    },
    [t, result],
  );

  const refresh = React.useCallback(async () => {
    const n = ++reads.current;
    const r = await inspect(host, lang);
    if (n === reads.current) show(r);
  }, [host, lang, show]);

  // another sheet activated: the pane shows its form(s)
  React.useEffect(() => {
    const off = host.onActivated(() => {
      setNotice(null);
      setPaneOnly([]);
      void refresh().catch(() => undefined);
    });
    // an Excel that cannot give the event: the pane still works, without following the sheets
    off.catch(() => undefined);
    return () => void off.then((stop) => stop()).catch(() => undefined);
  }, [host, refresh]);

  // the clerk edits the sheet: the list is checked again once she pauses; nothing is written
  React.useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = host.onChanged((change) => {
      if (change.byAddin) return;
      setChecked((c) => (c ? { ...c, stale: true } : c));
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void refresh().catch(() => undefined), recheckDelay);
    });
    off.catch(() => undefined);
    return () => {
      if (timer) clearTimeout(timer);
      void off.then((stop) => stop()).catch(() => undefined);
    };
  }, [host, refresh, recheckDelay]);

  // what the ribbon did, shown at once (the pane and the commands share one runtime)
  React.useEffect(
    () =>
      onPaneEvent((event) => {
        if (event.kind === 'result') {
          show(event.result);
          setPaneOnly(event.result.paneOnly ?? []);
          const { written, marked } = runCounts(event.result.plan);
          setNotice({ intent: 'success', text: t.done(written, marked) });
        } else if (event.kind === 'activated') {
          setNotice(null);
          void refresh().catch(() => undefined);
        } else if (event.kind === 'failed') {
          setNotice({ intent: 'error', text: messageOf(event.error, t, result?.sheetName ?? '') });
        } else {
          setNotice({
            intent: 'success',
            text: event.what === 'cleared' ? t.cleared(Number(event.detail)) : t.inserted(event.detail),
          });
          void refresh().catch(() => undefined);
        }
      }),
    [show, t, result, refresh],
  );
  React.useEffect(() => {
    if (inspectOnOpen) void act(async () => (await refresh(), null));
    // only when the pane opens
  }, []);

  const forms = result?.analyses.map((a) => a.report) ?? [];
  const form = forms[formIndex];
  // 全部修复 acts on the form shown, never on the others
  const allFixes = fixesOf(form);

  const run = () =>
    act(async () => {
      ++reads.current;
      const r = await validateAndGrade(host, lang);
      show(r);
      setPaneOnly(r.paneOnly ?? []);
      const { written, marked } = runCounts(r.plan);
      return t.done(written, marked);
    });
  const fix = (writes: FixWrite[]) =>
    act(async () => {
      const label = formLabel(forms, formIndex);
      ++reads.current;
      const out = await applyFixes(host, writes, lang);
      // checked again in the same batch: the list, the marks and the notes follow the fix at once
      if (out.result) show(out.result);
      else await refresh();
      return t.fixed(out.applied, out.skipped, label);
    });
  const revert = () =>
    act(async () => {
      await revertLast(host);
      await refresh();
      return t.reverted;
    });
  const clear = () =>
    act(async () => {
      const n = await clearHighlights(host);
      return t.cleared(n);
    });
  const insert = (family: Family) =>
    act(async () => {
      const name = await insertTemplate(host, family);
      await refresh();
      return t.inserted(name);
    });

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root} aria-busy={busy}>
        {/* the commands, what they did and whether the list is current stay in sight while the list scrolls */}
        <div className={styles.head}>
          <div className={styles.toolbar} role="toolbar" aria-label={t.title}>
            <Button appearance="primary" onClick={run} disabled={busy}>
              {t.run}
            </Button>
            <Button onClick={() => fix(allFixes)} disabled={busy || allFixes.length === 0}>
              {t.fixAll}
            </Button>
            <Button onClick={revert} disabled={busy}>
              {t.revert}
            </Button>
            <Button onClick={clear} disabled={busy}>
              {t.clear}
            </Button>
          </div>
          <div aria-live="polite">
            {busy ? <Spinner size="tiny" label={t.busy} /> : null}
            {notice ? (
              <MessageBar intent={notice.intent}>
                <MessageBarBody>{notice.text}</MessageBarBody>
              </MessageBar>
            ) : null}
          </div>
          {checked ? (
            <Caption1 role="status" aria-label={t.listState} data-stale={checked.stale}>
              {checked.stale ? t.stale : t.current(clock(checked.at))}
            </Caption1>
          ) : null}
        </div>
        {paneOnly.length > 0 ? (
          <section aria-label={t.paneOnlyTitle}>
            <Subtitle2 as="h3">{t.paneOnlyTitle}</Subtitle2>
            <ul className={styles.list}>
              {paneOnly.map((n) => (
                <li key={n.cell} className={styles.item}>
                  <Badge className={styles.cellBadge} appearance="tint" shape="rounded" color="informative">
                    {n.cell}
                  </Badge>
                  <Text>{n.text}</Text>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {result && forms.length === 0 ? (
          <section aria-label={t.noFormTitle}>
            <Subtitle2 as="h2">{t.noFormTitle}</Subtitle2>
            <p>
              <Text>{t.noFormBody}</Text>
            </p>
            <div className={styles.toolbar}>
              {FAMILIES.map((f) => (
                <Button key={f.id} onClick={() => insert(f.id)} disabled={busy}>
                  {t.insertFamily(f.label[lang])}
                </Button>
              ))}
            </div>
          </section>
        ) : null}
        {forms.length > 1 ? (
          <Field label={t.formPicker}>
            <Dropdown
              value={formLabel(forms, formIndex)}
              selectedOptions={[String(formIndex)]}
              onOptionSelect={(_e, d) => setFormIndex(Number(d.optionValue))}
            >
              {forms.map((f, i) => (
                <Option
                  key={f.range}
                  value={String(i)}
                  text={`${i + 1}. ${f.fields.projectName?.value || f.range}`}
                >
                  {`${i + 1}. ${f.fields.projectName?.value || f.range} (${f.range})`}
                </Option>
              ))}
            </Dropdown>
          </Field>
        ) : null}
        {form ? <Summary form={form} t={t} /> : null}
        {form ? (
          <FindingList
            findings={form.findings}
            t={t}
            disabled={busy}
            onSelect={(cell) => void act(async () => (await selectCell(host, cell), null))}
            onFix={fix}
          />
        ) : null}
      </main>
    </FluentProvider>
  );
}
