// Handlers for social-value contracts and Section 106 obligations: list with progress, one
// contract with its payments, saving a contract with its commitments and trigger dates, money
// received, and the monitoring report workbook.
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { actorOf } from '../participants/actor';
import { listContracts, measureKinds } from './contracts.repository';
import { addPayment, changePayment, contractDetail, removePayment, saveContract } from './contracts.service';
import { startExportJob } from '../export/export-job';
import { monitoringReportJob } from './monitoring-report.service';

export const contractsHandlers = defineHandlers({
  'contracts.list': (_input, ctx) => listContracts(ctx.db, { asOf: todayIso(ctx.clock) }),

  'contracts.get': (input, ctx) => contractDetail(ctx.db, input.id, { asOf: todayIso(ctx.clock) }),

  'contracts.save': (input, ctx) => saveContract(ctx.tx, actorOf(ctx), input),

  'contracts.addPayment': (input, ctx) => addPayment(ctx.tx, actorOf(ctx), input),

  async 'contracts.measureKinds'(_input, ctx) {
    return (await measureKinds(ctx.db)).map((k) => ({ code: k.code, label: k.label, isActive: k.is_active === 1 }));
  },

  'contracts.updatePayment': (input, ctx) => changePayment(ctx.tx, actorOf(ctx), input),

  'contracts.removePayment': (input, ctx) => removePayment(ctx.tx, actorOf(ctx), input.id),

  // A job (export-job.ts): an unknown contract or a period outside its dates is refused now.
  async 'contracts.report.export'(input, ctx) {
    return { jobId: startExportJob(ctx, await monitoringReportJob(ctx.db, actorOf(ctx), input)) };
  },
});
