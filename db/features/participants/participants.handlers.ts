// Handlers of the participants area, one per channel in shared/contract/participants.contract.ts.
// The dispatcher opens the transaction of each write (and of each read that audits what it shows)
// and says what changed after the commit; the work is in the services.
import { defineHandlers } from '../../backend/handler';
import { notesOf, pageParticipants, withoutSpecialColumns } from './participants.repository';
import {
  addNote,
  closeMatches,
  createParticipant,
  getDetail,
  participantOptions,
  possibleDuplicates,
  recordCheck,
  recordsToReview,
  rememberNotDuplicate,
  updateParticipant,
} from './participants.service';
import { setProgrammeArea } from './eligibility.service';
import { addReferral, referralsOf } from './referrals.service';
import { historyFor, timelineOf } from './participant-timeline.service';
import { participantsExportJob, recordSpecialColumnsShown } from './participant-export';
import { startExportJob } from '../export/export-job';
import { actorOf, scopeOf } from './actor';
import { mergeHandlers } from './participant-merge.handlers';
import { viewsHandlers } from './views.handlers';
import { referenceItemsHandlers } from './reference-items.handlers';

const recordHandlers = defineHandlers({
  async 'participants.page'(input, ctx) {
    const scope = scopeOf(ctx);
    const page = await pageParticipants(ctx.db, input, scope);
    if (!scope.canSeeSpecial) page.rows = page.rows.map(withoutSpecialColumns);
    return page;
  },

  'participants.options': (_input, ctx) => participantOptions(ctx.db, actorOf(ctx)),

  'participants.create': (input, ctx) => createParticipant(ctx.tx, actorOf(ctx), input),

  // Opening special-category data is audited, so the record is read in a write transaction.
  'participants.get': (input, ctx) => getDetail(ctx.tx, actorOf(ctx), input.id),

  'participants.update': (input, ctx) => updateParticipant(ctx.tx, actorOf(ctx), input),

  'participants.addNote': (input, ctx) => addNote(ctx.tx, actorOf(ctx), input.id, input.body),

  'participants.notes': (input, ctx) => notesOf(ctx.db, input.id, actorOf(ctx).role),

  'participants.recordEligibilityCheck': (input, ctx) => recordCheck(ctx.tx, actorOf(ctx), input),

  'participants.toReview': (_input, ctx) => recordsToReview(ctx.db, actorOf(ctx).today),

  'participants.duplicates': (input, ctx) => possibleDuplicates(ctx.db, input.keys, input.excludeId),

  'participants.closeMatches': (input, ctx) => closeMatches(ctx.db, input.search, input.excludeIds),

  'participants.referrals': (input, ctx) => referralsOf(ctx.db, input.id),

  'participants.addReferral': (input, ctx) => addReferral(ctx.tx, actorOf(ctx), input),

  async 'participants.markNotDuplicate'(input, ctx) {
    await rememberNotDuplicate(ctx.tx, actorOf(ctx), input.a, input.b);
    return { ok: true as const };
  },

  async 'participants.timeline'(input, ctx) {
    const scope = scopeOf(ctx);
    return {
      items: await timelineOf(ctx.db, input.id, scope.canSeeSpecial),
      specialCategoryHidden: !scope.canSeeSpecial,
    };
  },

  async 'participants.history'(input, ctx) {
    const scope = scopeOf(ctx);
    return {
      entries: await historyFor(ctx.db, input.id, scope.canSeeSpecial),
      specialCategoryHidden: !scope.canSeeSpecial,
    };
  },

  'participants.showSpecialColumns': (input, ctx) => recordSpecialColumnsShown(ctx.tx, input, actorOf(ctx)),
  // The export as a job (export-job.ts); a missing purpose is refused before it starts.
  async 'participants.export'(input, ctx) {
    const work = await participantsExportJob(ctx.db, input, scopeOf(ctx), actorOf(ctx));
    return { jobId: startExportJob(ctx, work) };
  },

  // Recalculates everyone's eligibility: a bulk write, so the dispatcher takes a backup first.
  'participants.setDistricts': (input, ctx) => setProgrammeArea(ctx.tx, input.districts, actorOf(ctx)),
});

export const participantsHandlers = {
  ...recordHandlers,
  ...mergeHandlers,
  ...viewsHandlers,
  ...referenceItemsHandlers,
};
