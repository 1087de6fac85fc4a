// Recording one kind of result for many people: choose what (completion, L1 Award, HS&E scores,
// CSCS cards, PPE, sign-off) and the date, then fill a line per person with Tab; blank lines
// are left alone. Pass or fail and the card's default expiry are shown as you type. The date
// starts at the run's end date (or today while the run is still on), not the day of typing.
import { useMemo } from 'react';
import { useFormContext } from 'react-hook-form';
import { z } from 'zod';
import type { RecordResultsInput, ResultKind, ResultRow, RunDetail } from '../../../shared/contract/courses.contract';
import { isoDateSchema } from '../../../shared/contract/common';
import { cscsCardTypes, defaultCardExpiry, HSE_MAX_SCORE, isHsePass } from '../../../shared/domain/cscs';
import { formatUkDate, isIsoDate } from '../../../shared/domain/dates';
import { useToasts } from '../../components/Toasts';
import { DateField } from '../../components/form/ControlledFields';
import { Field, useFieldError } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { TableScroll } from '../../components/TableScroll';

const kinds: Array<[ResultKind, string]> = [
  ['completion', 'Course completion'],
  ['l1', 'Level 1 Award'],
  ['hse', 'HS&E test scores'],
  ['card', 'CSCS cards'],
  ['smartcheck', 'CSCS Smart Check'],
  ['ppe', 'PPE issued'],
  ['signoff', 'Readiness sign-off'],
];
/** Each kind's save button, worded as written (acronyms kept: "Save HS&E test scores"). */
const saveLabels: Record<ResultKind, string> = {
  completion: 'Save course completions',
  l1: 'Save Level 1 Awards',
  hse: 'Save HS&E test scores',
  card: 'Save CSCS cards',
  smartcheck: 'Save CSCS Smart Checks',
  ppe: 'Save PPE issued',
  signoff: 'Save readiness sign-offs',
};
const textLabels: Record<ResultKind, string> = {
  l1: 'Certificate number',
  hse: 'Score out of 50',
  card: 'Card number',
  smartcheck: 'Card checked',
  ppe: 'Items',
  signoff: 'Notes',
  completion: '',
};

/** One person's line; blank lines are not recorded. */
const lineSchema = z.object({
  enrolmentId: z.number(),
  on: z.boolean(),
  text: z.string(),
  status: z.enum(['', 'completed', 'not_completed']),
  firstLabourer: z.boolean(),
  expiresOn: z.string().nullable(),
});
type Line = z.infer<typeof lineSchema>;

const isChosen = (kind: ResultKind, l: Line) =>
  kind === 'completion' ? l.status !== '' : kind === 'hse' ? l.text.trim() !== '' : l.on;

/** The form: what is recorded, the date, and a line per person (ids "field-entries.<n>.…"). */
function entrySchema(rows: ResultRow[]) {
  return z
    .object({
      kind: z.enum(['completion', 'l1', 'hse', 'card', 'smartcheck', 'ppe', 'signoff']),
      date: isoDateSchema,
      awardingBody: z.string(),
      cardType: z.string(),
      entries: z.array(lineSchema),
    })
    .superRefine((v, ctx) => {
      v.entries.forEach((l, i) => {
        const n = Number(l.text);
        if (v.kind === 'hse' && l.text.trim() !== '' && (!Number.isInteger(n) || n < 0 || n > 50))
          ctx.addIssue({
            code: 'custom',
            path: ['entries', i, 'text'],
            message: `${rows[i]?.name ?? 'This person'}: enter a whole-number score from 0 to 50`,
          });
      });
      if (!v.entries.some((l) => isChosen(v.kind, l)))
        ctx.addIssue({
          code: 'custom',
          path: ['entries', 0, v.kind === 'completion' ? 'status' : 'text'],
          message: v.kind === 'hse' ? 'Enter at least one score' : 'Choose at least one person',
        });
    });
}
type EntryValues = z.infer<ReturnType<typeof entrySchema>>;

const freshLines = (rows: ResultRow[], kind: ResultKind): Line[] =>
  rows.map((r) => ({
    enrolmentId: r.enrolmentId,
    on: false,
    text: kind === 'ppe' ? 'Boots, hi-vis, hard hat, gloves' : '',
    status: '',
    firstLabourer: !r.card,
    expiresOn: null,
  }));

/** The channel's input: only the chosen lines, in the shape the kind needs. */
function toResults(runId: number, v: EntryValues): RecordResultsInput {
  const chosen = v.entries.filter((l) => isChosen(v.kind, l));
  const base = { runId, date: v.date };
  switch (v.kind) {
    case 'completion':
      return {
        ...base,
        kind: v.kind,
        entries: chosen.map((l) => ({
          enrolmentId: l.enrolmentId,
          status: l.status === 'not_completed' ? ('not_completed' as const) : ('completed' as const),
        })),
      };
    case 'l1':
      return {
        ...base,
        kind: v.kind,
        awardingBody: v.awardingBody,
        entries: chosen.map((l) => ({ enrolmentId: l.enrolmentId, certificateNumber: l.text })),
      };
    case 'hse':
      return {
        ...base,
        kind: v.kind,
        entries: chosen.map((l) => ({ enrolmentId: l.enrolmentId, score: Number(l.text) })),
      };
    case 'card':
      return {
        ...base,
        kind: v.kind,
        cardType: v.cardType,
        entries: chosen.map((l) => ({
          enrolmentId: l.enrolmentId,
          cardNumber: l.text,
          isFirstLabourerCard: l.firstLabourer,
          expiresOn: l.expiresOn,
        })),
      };
    case 'smartcheck':
      return { ...base, kind: v.kind, entries: chosen.map((l) => ({ enrolmentId: l.enrolmentId })) };
    case 'ppe':
      return { ...base, kind: v.kind, entries: chosen.map((l) => ({ enrolmentId: l.enrolmentId, items: l.text })) };
    case 'signoff':
      return { ...base, kind: v.kind, entries: chosen.map((l) => ({ enrolmentId: l.enrolmentId, notes: l.text })) };
  }
}

export function ResultsEntry({
  run,
  rows,
  defaultDate,
  onClose,
}: {
  run: RunDetail;
  rows: ResultRow[];
  /** The run's end date (or today while it has not ended): results happen at the course, not when typed in. */
  defaultDate: string;
  onClose(): void;
}) {
  const toasts = useToasts();
  const schema = useMemo(() => entrySchema(rows), [rows]);
  const f = useContractForm('courses.results.record', {
    schema,
    defaultValues: {
      kind: 'completion',
      date: defaultDate,
      awardingBody: 'CITB',
      cardType: 'green_labourer',
      entries: freshLines(rows, 'completion'),
    },
    messages: { date: 'Enter the date as day/month/year' },
    toInput: (v) => toResults(run.id, v),
    // The backend counts the lines it was sent; point its errors at the lines on screen.
    fieldFor: (path, v) => {
      if (path[0] !== 'entries' || typeof path[1] !== 'number') return path[0] === 'date' ? 'date' : null;
      const line = v.entries.map((l, i) => ({ l, i })).filter(({ l }) => isChosen(v.kind, l))[path[1]];
      return line ? `entries.${line.i}.${path[2] === 'expiresOn' ? 'expiresOn' : 'text'}` : null;
    },
    onSuccess: (v, input, form) => {
      const ready = v.becameSiteReady;
      const nowReady = ready ? `; ${ready} ${ready === 1 ? 'person is' : 'people are'} now site ready` : '';
      toasts.show({ kind: 'success', message: `${v.recorded} results recorded${nowReady}` });
      // One toast for all warnings: a toast each would push the result itself off the screen.
      if (v.warnings.length)
        toasts.show({
          kind: 'info',
          message: `Accepted with ${v.warnings.length === 1 ? 'a warning' : `${v.warnings.length} warnings`}: ${v.warnings.join('; ')}`,
        });
      form.reset({ ...form.values, entries: freshLines(rows, input.kind) });
    },
  });
  const { register, setValue, watch } = f.form;
  const [kind, date, cardType, entries] = watch(['kind', 'date', 'cardType', 'entries']);
  const checkbox = kind !== 'completion' && kind !== 'hse';
  const allOn = entries.every((l) => l.on);
  const textLabel = textLabels[kind];
  // Each kind starts from clean lines.
  const startKind = (e: { target: { value: string } }) => {
    const next = kinds.find(([k]) => k === e.target.value)?.[0];
    if (next) setValue('entries', freshLines(rows, next));
  };

  return (
    <section className="form-box" aria-labelledby="entry-title">
      <Form
        of={f}
        heading={
          <h2 id="entry-title" className="flush-top">
            Record results
          </h2>
        }
      >
        <fieldset className="field">
          <legend>What are you recording?</legend>
          <div className="toolbar">
            {kinds.map(([k, label]) => (
              <label key={k} className="radio">
                <input type="radio" value={k} {...register('kind', { onChange: startKind })} /> {label}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-grid">
          <DateField
            name="date"
            label={
              kind === 'card'
                ? 'Issue date'
                : kind === 'hse'
                  ? 'Test date'
                  : kind === 'completion'
                    ? 'Completion date'
                    : 'Date'
            }
            blank=""
          />
          {kind === 'l1' && (
            <Field name="awardingBody" label="Awarding body">
              {(c) => <input {...c} type="text" {...register('awardingBody')} />}
            </Field>
          )}
          {kind === 'card' && (
            <Field name="cardType" label="Card type">
              {(c) => (
                <select {...c} {...register('cardType')}>
                  {cscsCardTypes.map((t) => (
                    <option key={t.code} value={t.code}>
                      {t.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </div>
        <TableScroll>
          <table className="data entry-table">
            <caption className="visually-hidden">One line per person</caption>
            <thead>
              <tr>
                {checkbox && (
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Select everyone"
                      checked={allOn}
                      onChange={(e) =>
                        setValue(
                          'entries',
                          entries.map((l) => ({ ...l, on: e.target.checked })),
                        )
                      }
                    />
                  </th>
                )}
                <th scope="col">Name</th>
                {kind === 'completion' ? <th scope="col">Result</th> : <th scope="col">{textLabel}</th>}
                {kind === 'hse' && <th scope="col">Result</th>}
                {kind === 'card' && (
                  <>
                    <th scope="col">First Labourer card</th>
                    <th scope="col">Expires</th>
                  </>
                )}
                <th scope="col">Still missing for site ready</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <EntryLine
                  key={r.enrolmentId}
                  row={r}
                  index={i}
                  kind={kind}
                  checkbox={checkbox}
                  textLabel={textLabel}
                  line={entries[i]}
                  defaultExpiry={
                    isIsoDate(date) && entries[i]
                      ? formatUkDate(defaultCardExpiry(cardType, date, entries[i].firstLabourer))
                      : ''
                  }
                />
              ))}
            </tbody>
          </table>
        </TableScroll>
        <div className="button-row">
          <button type="submit" className="primary" disabled={f.saving}>
            {saveLabels[kind]}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </Form>
    </section>
  );
}

function EntryLine({
  row: r,
  index: i,
  kind,
  checkbox,
  textLabel,
  line,
  defaultExpiry,
}: {
  row: ResultRow;
  index: number;
  kind: ResultKind;
  checkbox: boolean;
  textLabel: string;
  line: Line | undefined;
  defaultExpiry: string;
}) {
  const { register, setValue } = useFormContext<EntryValues>();
  const textError = useFieldError(`entries.${i}.text`);
  const statusError = useFieldError(`entries.${i}.status`);
  const expiryError = useFieldError(`entries.${i}.expiresOn`);
  const err = textError ?? statusError ?? expiryError;
  const score = !line || line.text.trim() === '' ? null : Number(line.text);
  return (
    <tr className={err ? 'field-error' : undefined}>
      {checkbox && (
        <td>
          <input type="checkbox" aria-label={`Record for ${r.name}`} {...register(`entries.${i}.on`)} />
        </td>
      )}
      <th scope="row">
        {r.name}
        {err && <p className="error-message">{err}</p>}
      </th>
      <td>
        {kind === 'smartcheck' ? (
          r.card ? (
            `${r.card.cardNumber ?? 'No number'}, expires ${formatUkDate(r.card.expiresOn)}` +
            (r.card.smartCheckedOn ? `; last checked ${formatUkDate(r.card.smartCheckedOn)}` : '')
          ) : (
            'No card on file'
          )
        ) : kind === 'completion' ? (
          <select
            id={`field-entries.${i}.status`}
            aria-label={`Course result for ${r.name}`}
            {...register(`entries.${i}.status`)}
          >
            <option value="">
              No change (
              {r.status === 'completed' ? 'completed' : r.status === 'not_completed' ? 'did not complete' : 'enrolled'})
            </option>
            <option value="completed">Completed</option>
            <option value="not_completed">Did not complete</option>
          </select>
        ) : (
          <input
            id={`field-entries.${i}.text`}
            type="text"
            inputMode={kind === 'hse' ? 'numeric' : undefined}
            aria-label={`${textLabel} for ${r.name}`}
            {...register(`entries.${i}.text`, {
              // Typing on a line ticks it (HS&E lines count when a score is typed).
              onChange: (e: { target: { value: string } }) => {
                if (kind !== 'hse' && e.target.value.trim() !== '') setValue(`entries.${i}.on`, true);
              },
            })}
          />
        )}
      </td>
      {kind === 'hse' && (
        <td>
          {score === null || Number.isNaN(score) ? (
            ''
          ) : !Number.isInteger(score) || score < 0 || score > HSE_MAX_SCORE ? (
            // Not a score at all (51 of 50): an input error, not a fail.
            <span className="error-message">Enter a whole number from 0 to {HSE_MAX_SCORE}</span>
          ) : (
            <span className={`tag ${isHsePass(score) ? 'tag-green' : 'tag-red'}`}>
              {isHsePass(score) ? 'Pass' : 'Fail'}
            </span>
          )}
        </td>
      )}
      {kind === 'card' && (
        <>
          <td>
            <input
              type="checkbox"
              aria-label={`First Labourer card for ${r.name}`}
              {...register(`entries.${i}.firstLabourer`)}
            />
          </td>
          <td>
            <DateField
              name={`entries.${i}.expiresOn`}
              label={`Expiry date for ${r.name}`}
              hint={defaultExpiry ? `Blank = ${defaultExpiry}` : undefined}
              hideLabel
              className="in-table"
            />
          </td>
        </>
      )}
      <td className="muted">{r.siteReady.ready ? 'Nothing: site ready' : r.siteReady.missing.join('; ')}</td>
    </tr>
  );
}
