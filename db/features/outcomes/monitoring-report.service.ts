// The monitoring report a planning team asks of a contract or Section 106 obligation: one workbook
// per contract and period, with the obligation's details and each measure's progress against its
// target (counted by the same rule as the contract's page), the trigger dates, the money received
// in the period and the job and apprenticeship starts counted (by participant reference, no
// names). Made as an export job (export-job.ts) through the safe xlsx writer, and audited as an
// export once the workbook is complete.
import { plural } from '../../../shared/domain/labels';
import type { FileOutput } from '../../../shared/contract/common';
import type { MonitoringReportInput } from '../../../shared/contract/social-value-schemas';
import { AppFailure } from '../../../shared/result';
import { formatUkDate } from '../../../shared/domain/dates';
import { inPeriod, narrowPeriod } from '../../../shared/domain/contract-progress';
import {
  commitmentUnit,
  contractKinds,
  labelFor,
  paymentKinds,
  verificationStatuses,
} from '../../../shared/domain/outcome-lists';
import type { Db } from '../../store/schema';
import type { ExportJobWork, RowTracker } from '../export/export-job';
import { writeXlsx, type XlsxSheet } from '../export/xlsx-writer';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';
import { contractDetail } from './contracts.service';
import { startsOnContract } from './contracts.repository';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fileStem(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'contract'
  );
}

/** The workbook, with how many starts it counts (for its audit entry). */
type MonitoringFile = FileOutput & { starts: number };

/** The monitoring report as an export job's work. An unknown contract, or a period outside the
 * contract's dates, is refused here, before any job starts. */
export async function monitoringReportJob(
  db: Db,
  actor: Actor,
  input: MonitoringReportInput,
): Promise<ExportJobWork<MonitoringFile>> {
  const c = await contractDetail(db, input.id, { from: input.from, to: input.to, asOf: actor.today });
  const period = narrowPeriod({ startsOn: c.startsOn, endsOn: c.endsOn }, input.from, input.to);
  if (period.startsOn && period.endsOn && period.endsOn < period.startsOn)
    throw new AppFailure('validation', 'The period does not overlap the contract’s dates.', [
      { path: ['from'], message: 'Choose a period within the contract’s dates' },
    ]);
  const periodText = `${formatUkDate(input.from)} to ${formatUkDate(input.to)}`;
  const preamble = [
    `${c.name} – monitoring report`,
    `${labelFor(contractKinds, c.kind)}${c.reference ? ` · reference ${c.reference}` : ''}`,
    `Planning application: ${c.planningReference ?? 'not recorded'}${c.planningClause ? ` · clause ${c.planningClause}` : ''}`,
    `Contractor: ${c.contractorName ?? 'not recorded'} · contract ${formatUkDate(c.startsOn) || '…'} to ${formatUkDate(c.endsOn) || '…'}`,
    `Period reported: ${periodText} · produced ${formatUkDate(actor.today)} by Stevenage Works`,
  ];
  const money = (kind: string, n: number) => (commitmentUnit(kind) === 'pence' ? n / 100 : n);
  const measures: XlsxSheet<(typeof c.commitments)[number]> = {
    name: 'Measures',
    preamble,
    landscape: true,
    columns: [
      { header: 'Measure', type: 'text', width: 32, value: (m) => m.label },
      { header: 'Description', type: 'text', width: 30, value: (m) => m.description },
      {
        header: 'Unit',
        type: 'text',
        width: 10,
        value: (m) => ({ count: 'Number', percent: 'Per cent', pence: '£' })[commitmentUnit(m.kind)],
      },
      { header: 'Target', type: 'number', width: 12, value: (m) => money(m.kind, m.target) },
      { header: 'Achieved', type: 'number', width: 12, value: (m) => money(m.kind, m.achieved) },
      { header: 'Of which verified', type: 'number', width: 16, value: (m) => money(m.kind, m.verified) },
      { header: 'Progress', type: 'percent', width: 10, value: (m) => m.percent / 100 },
      { header: 'Counted as', type: 'text', width: 60, value: (m) => m.rule },
    ],
    rows: c.commitments,
  };
  const triggers: XlsxSheet<(typeof c.triggers)[number]> = {
    name: 'Trigger dates',
    columns: [
      { header: 'Trigger', type: 'text', width: 32, value: (t) => t.label },
      { header: 'Due', type: 'date', width: 12, value: (t) => t.dueOn },
      { header: 'Met', type: 'date', width: 12, value: (t) => t.metOn },
    ],
    rows: c.triggers,
  };
  const paymentsInPeriod = c.payments
    .filter((p) => inPeriod(p.receivedOn, { startsOn: input.from, endsOn: input.to }))
    .reverse();
  const payments: XlsxSheet<(typeof paymentsInPeriod)[number]> = {
    name: 'Payments received',
    columns: [
      { header: 'Received', type: 'date', width: 12, value: (p) => p.receivedOn },
      { header: 'Kind', type: 'text', width: 30, value: (p) => labelFor(paymentKinds, p.kind) },
      { header: 'Amount (£)', type: 'number', width: 14, value: (p) => p.amountPence / 100 },
      { header: 'Paid by', type: 'text', width: 24, value: (p) => p.payer },
      { header: 'What it is for', type: 'text', width: 36, value: (p) => p.purpose },
      { header: 'Reference', type: 'text', width: 14, value: (p) => p.reference },
    ],
    rows: paymentsInPeriod,
  };
  const fileName = `monitoring-${fileStem(c.reference ?? c.planningReference ?? c.name)}-${input.from}-to-${input.to}.xlsx`;
  const write = async (track: RowTracker): Promise<MonitoringFile> => {
    const started = await startsOnContract(db, input.id, period);
    const startSheet: XlsxSheet<(typeof started)[number]> = {
      name: 'Starts counted',
      landscape: true,
      columns: [
        { header: 'Participant reference', type: 'text', width: 14, value: (s) => s.reference },
        { header: 'Start', type: 'text', width: 22, value: (s) => s.typeLabel },
        { header: 'Started', type: 'date', width: 12, value: (s) => s.outcomeDate },
        { header: 'Ended', type: 'date', width: 12, value: (s) => s.endedOn },
        { header: 'Hours a week', type: 'number', value: (s) => s.hoursPerWeek },
        { header: 'Local', type: 'boolean', value: (s) => s.isLocal },
        { header: 'Employer', type: 'text', width: 28, value: (s) => s.employerName },
        {
          header: 'Verification',
          type: 'text',
          width: 14,
          value: (s) => labelFor(verificationStatuses, s.verification),
        },
      ],
      rows: track(started, started.length),
    };
    const bytes = await writeXlsx([measures, triggers, payments, startSheet], {
      title: `${c.name} monitoring report`,
    });
    const file = { fileName, mime: XLSX_MIME, bytes: bytes as Uint8Array<ArrayBuffer>, rows: c.commitments.length };
    return { ...file, starts: started.length };
  };
  return {
    label: `Exporting the monitoring report for ${c.name}`,
    total: 0,
    write,
    async audit(tx, { starts }) {
      await appendAudit(tx, actor.now, actor.staffId, {
        action: 'export',
        entity: 'contract',
        entityId: c.id,
        summary: `Monitoring report for ${c.name} exported (${periodText}; ${plural(starts, 'start')}, ${plural(paymentsInPeriod.length, 'payment')})`,
        after: { fileName, from: input.from, to: input.to, starts, payments: paymentsInPeriod.length },
      });
    },
  };
}
