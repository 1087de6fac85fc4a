// Handlers for evidence (add with an optional file, open the file, remove) and the sustainment
// worklist (list, and record a 13- or 26-week check, which creates the sustained outcome).
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { actorOf } from '../participants/actor';
import { addEvidence, openEvidenceFile, removeEvidence } from './evidence.service';
import { sustainmentWorklist } from './sustainment.repository';
import { recordSustainmentCheck } from './sustainment.service';

export const evidenceSustainmentHandlers = defineHandlers({
  'evidence.add': (input, ctx) => addEvidence(ctx.tx, actorOf(ctx), input),

  'evidence.file': (input, ctx) => openEvidenceFile(ctx.tx, actorOf(ctx), input.id),

  async 'evidence.remove'(input, ctx) {
    await removeEvidence(ctx.tx, actorOf(ctx), input.id, input.reason);
    return { ok: true as const };
  },

  'sustainment.worklist': (input, ctx) =>
    sustainmentWorklist(ctx.db, input.filter, input.search, todayIso(ctx.clock), input.limit),

  'sustainment.record': (input, ctx) => recordSustainmentCheck(ctx.tx, actorOf(ctx), input),
});
