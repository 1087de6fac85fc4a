// Chooses a reporting period: a UK financial-year quarter or half, a whole financial year, or
// custom dates typed day-first. Reports only valid periods; explains what is wrong otherwise.
import { useEffect, useId, useState } from 'react';
import {
  financialYearOf,
  fyLabel,
  periodChoiceOf,
  periodFor,
  periodProblem,
  type PeriodKind,
} from '../../../shared/domain/reporting-periods';
import { formatUkDate, parseUkDate } from '../../../shared/domain/dates';

export interface PeriodValue {
  from: string;
  to: string;
}

function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function PeriodPicker({
  value,
  onChange,
  idPrefix = 'period',
  initial,
}: {
  value: PeriodValue | null;
  onChange(p: PeriodValue): void;
  idPrefix?: string;
  initial?: PeriodValue | null;
}) {
  const today = todayLocal();
  const start = initial
    ? periodChoiceOf(initial.from, initial.to)
    : { kind: 'year' as PeriodKind, fy: financialYearOf(today), part: 1 };
  const [kind, setKind] = useState<PeriodKind>(start.kind);
  const [fy, setFy] = useState(start.fy);
  const [part, setPart] = useState(start.part);
  const [fromText, setFromText] = useState(formatUkDate(initial?.from ?? value?.from ?? ''));
  const [toText, setToText] = useState(formatUkDate(initial?.to ?? value?.to ?? ''));
  const hintId = useId();
  const years: number[] = [];
  for (let y = financialYearOf(today) + 1; y >= 2017; y--) years.push(y);

  const customFrom = parseUkDate(fromText) ?? '';
  const customTo = parseUkDate(toText) ?? '';
  const customProblem = kind === 'custom' ? periodProblem(customFrom, customTo) : null;
  const problem = fromText || toText ? customProblem : null;

  useEffect(() => {
    if (kind === 'custom') {
      if (!customProblem) onChange({ from: customFrom, to: customTo });
      return;
    }
    const p = periodFor(kind, fy, part);
    onChange({ from: p.from, to: p.to });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- onChange is a fresh closure each render
  }, [kind, fy, part, customFrom, customTo, customProblem]);

  return (
    <fieldset className="period-picker">
      <legend>Period</legend>
      <div className="period-row">
        <label htmlFor={`${idPrefix}-kind`}>Period type</label>
        <select
          id={`${idPrefix}-kind`}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as PeriodKind);
            setPart(1);
          }}
        >
          <option value="quarter">Quarter</option>
          <option value="half">Half-year</option>
          <option value="year">Financial year</option>
          <option value="custom">Custom dates</option>
        </select>
        {kind !== 'custom' && (
          <>
            <label htmlFor={`${idPrefix}-fy`}>Financial year</label>
            <select id={`${idPrefix}-fy`} value={fy} onChange={(e) => setFy(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {fyLabel(y)}
                </option>
              ))}
            </select>
          </>
        )}
        {kind === 'quarter' && (
          <>
            <label htmlFor={`${idPrefix}-part`}>Quarter</label>
            <select id={`${idPrefix}-part`} value={part} onChange={(e) => setPart(Number(e.target.value))}>
              <option value={1}>Q1 (Apr-Jun)</option>
              <option value={2}>Q2 (Jul-Sep)</option>
              <option value={3}>Q3 (Oct-Dec)</option>
              <option value={4}>Q4 (Jan-Mar)</option>
            </select>
          </>
        )}
        {kind === 'half' && (
          <>
            <label htmlFor={`${idPrefix}-part`}>Half</label>
            <select id={`${idPrefix}-part`} value={part} onChange={(e) => setPart(Number(e.target.value))}>
              <option value={1}>H1 (Apr-Sep)</option>
              <option value={2}>H2 (Oct-Mar)</option>
            </select>
          </>
        )}
        {kind === 'custom' && (
          <>
            <label htmlFor="field-from">From</label>
            <input
              id="field-from"
              aria-describedby={hintId}
              value={fromText}
              onChange={(e) => setFromText(e.target.value)}
              size={11}
              inputMode="numeric"
            />
            <label htmlFor="field-to">To</label>
            <input
              id="field-to"
              aria-describedby={hintId}
              value={toText}
              onChange={(e) => setToText(e.target.value)}
              size={11}
              inputMode="numeric"
            />
            <span id={hintId} className="hint">
              For example, 01/04/2025; both days included
            </span>
          </>
        )}
      </div>
      {value && !problem && (
        <p className="period-shown">
          {formatUkDate(value.from)} to {formatUkDate(value.to)}, both days included
        </p>
      )}
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
