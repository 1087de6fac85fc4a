// Recording one kind of result for many people: choose what (completion, L1 Award, HS&E scores,
// CSCS cards, PPE, sign-off) and the date, then fill a line per person with Tab; blank lines
// are left alone. Pass or fail and the card's default expiry are shown as you type.
import { useMemo, useState } from 'react';
import type { RecordResultsInput, ResultKind, ResultRow, RunDetail } from '../../../shared/contract/courses.contract';
import { cscsCardTypes, defaultCardExpiry, isHsePass } from '../../../shared/domain/cscs';
import { formatUkDate } from '../../../shared/domain/dates';
import type { FieldError } from '../../../shared/result';
import { api } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { FormField, describedBy } from './FormField';
import { UkDateInput } from './UkDateInput';

const kinds: Array<[ResultKind, string]> = [
  ['completion', 'Course completion'],
  ['l1', 'Level 1 Award'],
  ['hse', 'HS&E test scores'],
  ['card', 'CSCS cards'],
  ['ppe', 'PPE issued'],
  ['signoff', 'Readiness sign-off'],
];

interface Line {
  on: boolean;
  text: string;
  status: '' | 'completed' | 'not_completed';
  firstLabourer: boolean;
  expiresOn: string | null;
}

export function ResultsEntry({ run, rows, onClose }: { run: RunDetail; rows: ResultRow[]; onClose(): void }) {
  const [kind, setKind] = useState<ResultKind>('completion');
  const [date, setDate] = useState<string | null>(new Date().toISOString().slice(0, 10));
  const [awardingBody, setAwardingBody] = useState('CITB');
  const [cardType, setCardType] = useState('green_labourer');
  const fresh = () =>
    Object.fromEntries(
      rows.map((r) => [
        r.enrolmentId,
        {
          on: false,
          text: kind === 'ppe' ? 'Boots, hi-vis, hard hat, gloves' : '',
          status: '',
          firstLabourer: !r.card,
          expiresOn: null,
        } as Line,
      ]),
    );
  const [lines, setLines] = useState<Record<number, Line>>(fresh);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();
  const set = (id: number, patch: Partial<Line>) => setLines((all) => ({ ...all, [id]: { ...all[id]!, ...patch } }));
  const checkbox = kind === 'l1' || kind === 'card' || kind === 'ppe' || kind === 'signoff';
  const allOn = rows.every((r) => lines[r.enrolmentId]?.on);
  const textLabel = useMemo(
    () =>
      ({
        l1: 'Certificate number',
        hse: 'Score out of 50',
        card: 'Card number',
        ppe: 'Items',
        signoff: 'Notes',
        completion: '',
      })[kind],
    [kind],
  );

  const chooseKind = (k: ResultKind) => {
    setKind(k);
    setErrors([]);
    setLines(
      Object.fromEntries(
        rows.map((r) => [
          r.enrolmentId,
          {
            on: false,
            text: k === 'ppe' ? 'Boots, hi-vis, hard hat, gloves' : '',
            status: '',
            firstLabourer: !r.card,
            expiresOn: null,
          },
        ]),
      ),
    );
  };

  const submit = async () => {
    const local: FieldError[] = [];
    if (!date) local.push({ path: ['date'], message: 'Enter the date as day/month/year' });
    const chosen: Array<{ row: ResultRow; line: Line; index: number }> = [];
    rows.forEach((row, index) => {
      const line = lines[row.enrolmentId]!;
      if (kind === 'completion' ? line.status !== '' : kind === 'hse' ? line.text.trim() !== '' : line.on)
        chosen.push({ row, line, index });
      if (kind === 'hse' && line.text.trim() !== '') {
        const n = Number(line.text);
        if (!Number.isInteger(n) || n < 0 || n > 50)
          local.push({
            path: ['entries', index, 'text'],
            message: `${row.name}: enter a whole-number score from 0 to 50`,
          });
      }
    });
    if (!chosen.length && !local.length)
      local.push({
        path: ['entries', 0, kind === 'completion' ? 'status' : 'text'],
        message: kind === 'hse' ? 'Enter at least one score' : 'Choose at least one person',
      });
    setErrors(local);
    if (local.length) return;
    const base = { runId: run.id, date: date! };
    let input: RecordResultsInput;
    switch (kind) {
      case 'completion':
        input = {
          ...base,
          kind,
          entries: chosen.map((c) => ({
            enrolmentId: c.row.enrolmentId,
            status: c.line.status as 'completed' | 'not_completed',
          })),
        };
        break;
      case 'l1':
        input = {
          ...base,
          kind,
          awardingBody,
          entries: chosen.map((c) => ({ enrolmentId: c.row.enrolmentId, certificateNumber: c.line.text })),
        };
        break;
      case 'hse':
        input = {
          ...base,
          kind,
          entries: chosen.map((c) => ({ enrolmentId: c.row.enrolmentId, score: Number(c.line.text) })),
        };
        break;
      case 'card':
        input = {
          ...base,
          kind,
          cardType,
          entries: chosen.map((c) => ({
            enrolmentId: c.row.enrolmentId,
            cardNumber: c.line.text,
            isFirstLabourerCard: c.line.firstLabourer,
            expiresOn: c.line.expiresOn,
          })),
        };
        break;
      case 'ppe':
        input = { ...base, kind, entries: chosen.map((c) => ({ enrolmentId: c.row.enrolmentId, items: c.line.text })) };
        break;
      case 'signoff':
        input = { ...base, kind, entries: chosen.map((c) => ({ enrolmentId: c.row.enrolmentId, notes: c.line.text })) };
        break;
    }
    setBusy(true);
    const result = await api.call('courses.results.record', input);
    setBusy(false);
    if (!result.ok) {
      // Backend paths count the lines sent; point them at the lines on screen.
      setErrors(
        (result.error.fields ?? [{ path: ['date'], message: result.error.message }]).map((f) =>
          f.path[0] === 'entries' && typeof f.path[1] === 'number'
            ? {
                ...f,
                path: ['entries', chosen[f.path[1]]?.index ?? 0, f.path[2] === 'expiresOn' ? 'expiresOn' : 'text'],
              }
            : f,
        ),
      );
      return;
    }
    const v = result.value;
    toasts.show({
      kind: 'success',
      message:
        `${v.recorded} results recorded` +
        `${v.becameSiteReady ? `; ${v.becameSiteReady} ${v.becameSiteReady === 1 ? 'person is' : 'people are'} now site ready` : ''}`,
    });
    chooseKind(kind);
  };

  return (
    <section className="form-box" aria-labelledby="entry-title">
      <h2 id="entry-title" style={{ marginTop: 0 }}>
        Record results
      </h2>
      <ErrorSummary errors={errors} />
      <fieldset className="field">
        <legend>What are you recording?</legend>
        <div className="toolbar">
          {kinds.map(([k, label]) => (
            <label key={k} className="radio">
              <input type="radio" name="result-kind" value={k} checked={kind === k} onChange={() => chooseKind(k)} />{' '}
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-grid">
        <FormField
          path="date"
          label={
            kind === 'card'
              ? 'Issue date'
              : kind === 'hse'
                ? 'Test date'
                : kind === 'completion'
                  ? 'Completion date'
                  : 'Date'
          }
          errors={errors}
        >
          <UkDateInput id="field-date" value={date} onChange={setDate} describedBy={describedBy('date', errors)} />
        </FormField>
        {kind === 'l1' && (
          <FormField path="awardingBody" label="Awarding body" errors={errors}>
            <input
              id="field-awardingBody"
              type="text"
              value={awardingBody}
              onChange={(e) => setAwardingBody(e.target.value)}
            />
          </FormField>
        )}
        {kind === 'card' && (
          <FormField path="cardType" label="Card type" errors={errors}>
            <select id="field-cardType" value={cardType} onChange={(e) => setCardType(e.target.value)}>
              {cscsCardTypes.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </select>
          </FormField>
        )}
      </div>
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
                    setLines((all) =>
                      Object.fromEntries(Object.entries(all).map(([k, l]) => [k, { ...l, on: e.target.checked }])),
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
          {rows.map((r, i) => {
            const l = lines[r.enrolmentId]!;
            const score = l.text.trim() === '' ? null : Number(l.text);
            const err = errors.find((e) => e.path[0] === 'entries' && e.path[1] === i)?.message;
            return (
              <tr key={r.enrolmentId} className={err ? 'field-error' : undefined}>
                {checkbox && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Record for ${r.name}`}
                      checked={l.on}
                      onChange={(e) => set(r.enrolmentId, { on: e.target.checked })}
                    />
                  </td>
                )}
                <th scope="row">
                  {r.name}
                  {err && <p className="error-message">{err}</p>}
                </th>
                <td>
                  {kind === 'completion' ? (
                    <select
                      id={`field-entries.${i}.status`}
                      aria-label={`Course result for ${r.name}`}
                      value={l.status}
                      onChange={(e) => set(r.enrolmentId, { status: e.target.value as Line['status'] })}
                    >
                      <option value="">
                        No change (
                        {r.status === 'completed'
                          ? 'completed'
                          : r.status === 'not_completed'
                            ? 'did not complete'
                            : 'enrolled'}
                        )
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
                      value={l.text}
                      onChange={(e) =>
                        set(r.enrolmentId, {
                          text: e.target.value,
                          on: kind === 'hse' ? l.on : l.on || e.target.value.trim() !== '',
                        })
                      }
                    />
                  )}
                </td>
                {kind === 'hse' && (
                  <td>
                    {score === null || Number.isNaN(score) ? (
                      ''
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
                        checked={l.firstLabourer}
                        onChange={(e) => set(r.enrolmentId, { firstLabourer: e.target.checked })}
                      />
                    </td>
                    <td>
                      <UkDateInput
                        id={`field-entries.${i}.expiresOn`}
                        value={l.expiresOn}
                        onChange={(iso) => set(r.enrolmentId, { expiresOn: iso })}
                        describedBy={`default-expiry-${i}`}
                      />
                      <label className="visually-hidden" htmlFor={`field-entries.${i}.expiresOn`}>
                        Expiry date for {r.name}
                      </label>
                      <div className="muted" id={`default-expiry-${i}`}>
                        {date ? `Blank = ${formatUkDate(defaultCardExpiry(cardType, date, l.firstLabourer))}` : ''}
                      </div>
                    </td>
                  </>
                )}
                <td className="muted">{r.siteReady.ready ? 'Nothing: site ready' : r.siteReady.missing.join('; ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="button-row">
        <button type="button" className="primary" disabled={busy} onClick={submit}>
          Save {kinds.find(([k]) => k === kind)![1].toLowerCase()}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
