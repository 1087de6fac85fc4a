// Handlers of the funding area, one per channel in shared/contract/funding.contract.ts.
import { defineHandlers } from '../../backend/handler';
import { attribute, personFunding, removeSpell, saveSpell } from './funding.service';
import { createFunder, fundingSetup, saveAgreement, saveProject, saveStream } from './funding-setup.service';

const now = (ctx: { clock: { now(): Date } }) => ctx.clock.now().toISOString();

export const fundingHandlers = defineHandlers({
  'funding.setup': (_input, ctx) => fundingSetup(ctx.db),
  'funding.createFunder': (input, ctx) => createFunder(ctx.tx, input, now(ctx), ctx.staffId),
  'funding.saveAgreement': (input, ctx) => saveAgreement(ctx.tx, input, now(ctx), ctx.staffId),
  'funding.saveStream': (input, ctx) => saveStream(ctx.tx, input, now(ctx), ctx.staffId),
  'funding.saveProject': (input, ctx) => saveProject(ctx.tx, input, now(ctx), ctx.staffId),
  'funding.person': (input, ctx) => personFunding(ctx.db, input.participantId),
  'funding.saveSpell': (input, ctx) => saveSpell(ctx.tx, input, now(ctx), ctx.staffId),
  async 'funding.deleteSpell'(input, ctx) {
    await removeSpell(ctx.tx, input.id, input.reason, now(ctx), ctx.staffId);
    return { ok: true as const };
  },
  async 'funding.attribute'(input, ctx) {
    await attribute(ctx.tx, input, now(ctx), ctx.staffId);
    return { ok: true as const };
  },
});
