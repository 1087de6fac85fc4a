// The return builder: pick an indicator set and a period, see each indicator's count and the
// rule behind it, open the people and items behind any count, read the warnings, then export
// the workbook (with a purpose for the audit log) or submit and lock the return.
import { useEffect, useRef, useState } from 'react';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { currentQuery, navigate, setSearchParams } from '../../app/router';
import { int } from '../../app/route';
import { formatUkDate, isIsoDate } from '../../../shared/domain/dates';
import { saveExportJob } from '../../components/export-job';
import { useToasts } from '../../components/Toasts';
import { PeriodPicker, type PeriodValue } from './PeriodPicker';
import { ClaimLinesTable } from './ClaimLinesTable';
import { PeopleWithheld, peopleWithheld } from './PeopleWithheld';
import { PurposeDialog } from '../../components/PurposeDialog';
import { ReturnWarnings } from './ReturnWarnings';
import { ReturnAreas } from './ReturnAreas';
import { returnsRoutes } from './returns.routes';
import { DefinitionStatusTag } from './DefinitionStatusTag';
import { TargetCells } from './RagMarker';
import { coveringSet } from './covering-set';
import { TableScroll } from '../../components/TableScroll';

/** The set, period and indicator open are kept in the address, so a link (from the dashboard),
 * Back and a reload open the same view: #/returns/build?set=3&from=2025-04-01&to=2026-03-31&open=SW-2 */
function linkedState(): { setId: number | null; period: PeriodValue | null; open: string | null } {
  const q = currentQuery();
  const from = q.get('from');
  const to = q.get('to');
  return {
    setId: int.parse(q.get('set') ?? '') ?? null,
    period: from && to && isIsoDate(from) && isIsoDate(to) ? { from, to } : null,
    open: q.get('open'),
  };
}

export function ReturnBuilderView() {
  const [linked] = useState(linkedState);
  const sets = useChannel('returns.sets', {}, { areas: ['returns'] });
  const [setId, setSetId] = useState<number | null>(linked.setId);
  const [period, setPeriod] = useState<PeriodValue | null>(linked.period);
  const [open, setOpen] = useState<string | null>(linked.open);
  const firstPeriod = useRef(true);
  const [dialog, setDialog] = useState<'export' | 'evidence' | 'submit' | null>(null);
  const canExport = useCan('officer');
  const toasts = useToasts();
  const linesHeading = useRef<HTMLHeadingElement>(null);
  // Until the officer chooses, a set whose agreement covers the first period shown, kept once
  // chosen (a later change of period does not change the set under them). Set while rendering,
  // as React has state adjusted to what just arrived: the next render shows it, no effect needed.
  if (setId === null && sets.data?.length && period) setSetId(coveringSet(sets.data, period.from, period.to)!.id);
  const chosen = setId;
  const ready = chosen !== null && period !== null;
  const input = ready
    ? { setId: chosen, from: period.from, to: period.to }
    : { setId: 1, from: '2000-01-01', to: '2000-01-01' };
  // Counts first (one count query per indicator: fast), then the warnings, which need every
  // claim line and take longer on a large programme.
  const computed = useChannel(
    'returns.compute',
    { ...input, warnings: false },
    { areas: ['returns', 'participants', 'courses', 'outcomes'], skip: !ready },
  );
  const checked = useChannel(
    'returns.compute',
    { ...input, warnings: true },
    { areas: ['returns', 'participants', 'courses', 'outcomes'], skip: !ready },
  );
  const lines = useChannel(
    'returns.lines',
    { ...input, indicatorCode: open ?? '' },
    { areas: ['returns', 'participants', 'courses', 'outcomes'], skip: !ready || !open },
  );
  const c = computed.data && computed.data.set.id === chosen ? computed.data : undefined;
  const w =
    checked.data && c && checked.data.set.id === c.set.id && checked.data.from === c.from && checked.data.to === c.to
      ? checked.data
      : undefined;
  const warningsOf = (code: string) => w?.indicators.find((i) => i.code === code)?.warnings;

  useEffect(() => {
    // Keep an indicator opened by a link; a later change of set or period closes it.
    if (firstPeriod.current) {
      if (period?.from) firstPeriod.current = false;
      return;
    }
    setOpen(null);
  }, [chosen, period?.from, period?.to]);
  useEffect(() => {
    setSearchParams({ set: setId, from: period?.from, to: period?.to, open });
  }, [setId, period?.from, period?.to, open]);
  useEffect(() => {
    if (open && lines.data) linesHeading.current?.focus();
  }, [open, lines.data]);

  return (
    <section aria-labelledby="builder-heading">
      <h2 id="builder-heading">Return builder</h2>
      <div className="period-row">
        <label htmlFor="return-set">Indicator set</label>
        <select id="return-set" value={chosen ?? ''} onChange={(e) => setSetId(Number(e.target.value))}>
          {(sets.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.funderName}), version {s.currentVersion}
            </option>
          ))}
        </select>
      </div>
      <PeriodPicker value={period} onChange={setPeriod} idPrefix="return-period" initial={linked.period} />
      {computed.error && (
        <p className="error-message" role="alert">
          {computed.error.message}
        </p>
      )}
      {ready && !c && !computed.error && <p aria-live="polite">Counting…</p>}
      {c && c.agreement.status === 'outside' && (
        // Nothing in the period can be claimed from this funder: no figures to mistake for a claim,
        // and nothing to export or submit (the backend refuses both too).
        <div className="error-message" role="alert">
          <p>
            <strong>
              {c.set.name} cannot be built for {c.periodLabel}.
            </strong>
          </p>
          {c.agreement.messages.map((m) => (
            <p key={m}>{m}</p>
          ))}
          <p>
            The funder&apos;s agreements are in <a href={returnsRoutes.funding.href()}>Funding and targets</a>.
          </p>
        </div>
      )}
      {c && c.agreement.status !== 'outside' && (
        <>
          <p>
            <strong>{c.set.name}</strong>, version {c.version}, for {c.periodLabel}.{' '}
            {c.submittedReturnId && (
              <>
                A return for this period was submitted:{' '}
                <a href={returnsRoutes.submitted.href({ id: c.submittedReturnId })}>see it and what changed since</a>.
              </>
            )}
          </p>
          {c.agreement.messages.length > 0 && (
            <div className="notice" role="status">
              {c.agreement.messages.map((m) => (
                <p key={m}>{m}</p>
              ))}
            </div>
          )}
          <p className="muted">Cumulative figures count from {formatUkDate(c.cumulativeFrom)}.</p>
          <TableScroll>
            <table className="data return-counts">
              <caption className="visually-hidden">Indicator counts</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Indicator, unit and counting rule</th>
                  <th scope="col">This period</th>
                  <th scope="col">Cumulative</th>
                  <th scope="col">Target</th>
                  <th scope="col">Profile to date</th>
                  <th scope="col">Variance</th>
                  <th scope="col">Warnings</th>
                </tr>
              </thead>
              <tbody>
                {c.indicators.map((i) => (
                  <tr key={i.code} aria-current={open === i.code ? 'true' : undefined}>
                    <td className="unbroken">{i.code}</td>
                    <td>
                      {i.title} <DefinitionStatusTag status={i.definitionStatus} />
                      {/* The unit under the title, not a column of its own: nine columns ran past a
                          1,024 px window's edge, and the unit is read with the indicator. */}
                      <span className="block muted">Unit: {i.unit}</span>
                      <p className="sentence">{i.sentence}</p>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="count-button"
                        aria-expanded={open === i.code}
                        aria-label={`${i.count} — show the people and items behind ${i.code}`}
                        onClick={() => setOpen(open === i.code ? null : i.code)}
                      >
                        {i.count.toLocaleString('en-GB')}
                      </button>
                    </td>
                    <TargetCells i={i} />
                    <td>
                      {w === undefined ? (
                        <span className="muted">Checking…</span>
                      ) : warningsOf(i.code) ? (
                        <span className="tag tag-yellow">{warningsOf(i.code)}</span>
                      ) : (
                        <span className="tag tag-green">None</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {open && (
            <section aria-labelledby="lines-heading">
              <h3 id="lines-heading" ref={linesHeading} tabIndex={-1}>
                People and items behind {open}
                {lines.data ? `: ${lines.data.total.toLocaleString('en-GB')}` : ''}
              </h3>
              {lines.data && <p className="sentence">{lines.data.sentence}</p>}
              {lines.error && (
                <p className="error-message" role="alert">
                  {lines.error.message}
                </p>
              )}
              {lines.data && peopleWithheld(lines.data.criteria, !canExport) ? (
                <PeopleWithheld criteria={lines.data.criteria} />
              ) : lines.data ? (
                <ClaimLinesTable
                  lines={lines.data.lines}
                  total={lines.data.total}
                  caption={`People and items behind ${open}`}
                />
              ) : (
                !lines.error && <p>Loading…</p>
              )}
            </section>
          )}
          <ReturnAreas setId={c.set.id} from={c.from} to={c.to} />
          {w?.warningCounts ? (
            <ReturnWarnings counts={w.warningCounts} warnings={w.warnings} />
          ) : (
            <p aria-live="polite">{checked.error ? checked.error.message : 'Checking the claim lines for warnings…'}</p>
          )}
          {canExport ? (
            <div className="button-row">
              <button type="button" className="primary" onClick={() => setDialog('export')}>
                Export aggregate return…
              </button>
              <button type="button" onClick={() => setDialog('evidence')}>
                Export evidence pack…
              </button>
              <button type="button" onClick={() => setDialog('submit')} disabled={c.submittedReturnId !== null}>
                Submit and lock…
              </button>
            </div>
          ) : (
            <p className="muted">Exporting and submitting returns needs an officer or administrator.</p>
          )}
        </>
      )}
      {(dialog === 'export' || dialog === 'evidence') && c && (
        <PurposeDialog
          title={`Export the ${dialog === 'export' ? 'aggregate return' : 'evidence pack'} of ${c.set.name} for ${c.periodLabel}`}
          label="Why are you exporting this?"
          hint={
            dialog === 'export'
              ? 'The aggregate return holds figures only, no personal data. Your reason is kept in the audit log, e.g. “Half-year claim to the lead authority”.'
              : 'The evidence pack holds personal data (claim lines with references, evidence and verifier). Your reason is kept in the audit log.'
          }
          confirmLabel={dialog === 'export' ? 'Export aggregate return' : 'Export evidence pack'}
          channel="returns.export"
          field="purpose"
          required
          onClose={() => setDialog(null)}
          toInput={(purpose) => ({
            setId: c.set.id,
            from: c.from,
            to: c.to,
            purpose,
            part: dialog === 'export' ? ('aggregate' as const) : ('evidence' as const),
          })}
          onDone={(started) => {
            const aggregate = dialog === 'export';
            void saveExportJob(started.jobId, toasts, (file) =>
              aggregate ? `Saved ${file.fileName}` : `Saved ${file.fileName} (${file.rows ?? 0} claim lines)`,
            );
          }}
        />
      )}
      {dialog === 'submit' && c && (
        <PurposeDialog
          title={`Submit and lock ${c.set.name} for ${c.periodLabel}?`}
          label="Note (optional)"
          hint="Once submitted, its claim lines are frozen and later returns will not count them again."
          confirmLabel="Submit and lock"
          channel="returns.submit"
          field="note"
          required={false}
          onClose={() => setDialog(null)}
          toInput={(note) => ({ setId: c.set.id, from: c.from, to: c.to, note: note || null })}
          onDone={(submitted) => {
            toasts.show({ kind: 'success', message: `Return submitted and locked (${submitted.lines} claim lines)` });
            navigate(returnsRoutes.submitted.path({ id: submitted.returnId }));
          }}
        />
      )}
    </section>
  );
}
