// Handlers of the participants area, one per channel in shared/contract/participants.contract.ts.
// Writes open one transaction each; reads that audit (special-category views, exports) too.
import { defineHandlers } from '../../backend/handler';
import { explainMatch } from '../../../shared/domain/person-match';
import { defaultBarriers } from '../../../shared/domain/reference-lists';
import { loadSpecialItems } from '../trust/special-items.repository';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit.repository';
import { findMatchCandidates } from './match-candidates';
import { pageParticipants, withoutSpecialColumns } from './participants.repository';
import {
  addNote,
  createParticipant,
  getDetail,
  recordCheck,
  rememberNotDuplicate,
  updateParticipant,
} from './participants.service';
import { loadDistricts, refreshEligibility, saveDistricts } from './eligibility.service';
import { historyOf, timelineOf } from './participant-timeline.service';
import { exportParticipants } from './participant-export';
import { actorOf, changed, scopeOf } from './actor';
import { mergeHandlers } from './participant-merge.handlers';
import { viewsHandlers } from './views.handlers';

const recordHandlers = defineHandlers({
  async 'participants.page'(input, ctx) {
    const scope = scopeOf(ctx);
    const page = await pageParticipants(ctx.db, input, scope);
    if (!scope.canSeeSpecial) page.rows = page.rows.map(withoutSpecialColumns);
    return page;
  },

  async 'participants.options'(_input, ctx) {
    const staff = await ctx.db
      .selectFrom('staff')
      .select(['id', 'display_name as name'])
      .where('is_active', '=', 1)
      .where('role', '!=', 'viewer')
      .orderBy('display_name')
      .execute();
    const fundingStreams = await ctx.db
      .selectFrom('funding_streams')
      .select(['id', 'name'])
      .where('is_active', '=', 1)
      .orderBy('name')
      .execute();
    const items = await ctx.db
      .selectFrom('reference_items')
      .select(['code', 'label'])
      .where('list', '=', 'barrier')
      .where('is_active', '=', 1)
      .orderBy('sort_order')
      .execute();
    const special = await loadSpecialItems(ctx.db);
    const barriers = (items.length ? items : defaultBarriers).map((b) => ({
      code: b.code,
      label: b.label,
      specialCategory: special.has('barrier', b.code),
    }));
    const actor = actorOf(ctx);
    return {
      staff,
      fundingStreams,
      barriers: scopeOf(ctx).canSeeSpecial ? barriers : barriers.filter((b) => !b.specialCategory),
      districts: await loadDistricts(ctx.db),
      today: actor.today,
    };
  },

  'participants.create': (input, ctx) => createParticipant(ctx.tx, actorOf(ctx), input),

  async 'participants.get'(input, ctx) {
    return ctx.db.transaction().execute((tx) => getDetail(tx, actorOf(ctx), input.id));
  },

  'participants.update': (input, ctx) => updateParticipant(ctx.tx, actorOf(ctx), input),

  'participants.addNote': (input, ctx) => addNote(ctx.tx, actorOf(ctx), input.id, input.body),

  async 'participants.notes'(input, ctx) {
    return ctx.db
      .selectFrom('participant_notes as n')
      .leftJoin('staff as s', 's.id', 'n.created_by')
      .select(['n.id', 'n.body', 'n.created_at as createdAt', 's.display_name as createdBy'])
      .where('n.participant_id', '=', input.id)
      .orderBy('n.id', 'desc')
      .execute();
  },

  async 'participants.recordEligibilityCheck'(input, ctx) {
    const result = await ctx.db.transaction().execute((tx) => recordCheck(tx, actorOf(ctx), input));
    changed(ctx);
    return result;
  },

  async 'participants.duplicates'(input, ctx) {
    const candidates = await findMatchCandidates(ctx.db, input.keys, {
      ...(input.excludeId ? { excludeId: input.excludeId } : {}),
      minLevel: 'possible',
      limit: 10,
    });
    return candidates.map((c) => ({
      id: c.id,
      reference: c.reference,
      firstName: c.firstName,
      lastName: c.lastName,
      dateOfBirth: c.dateOfBirth,
      niNumber: c.niNumber,
      postcode: c.postcode,
      phone: c.phone,
      level: c.match.level,
      score: c.match.score,
      explanation: explainMatch(c.match),
    }));
  },

  async 'participants.markNotDuplicate'(input, ctx) {
    await ctx.db.transaction().execute((tx) => rememberNotDuplicate(tx, actorOf(ctx), input.a, input.b));
    changed(ctx);
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
    const exists = await ctx.db.selectFrom('participants').select('id').where('id', '=', input.id).executeTakeFirst();
    if (!exists) throw new AppFailure('not-found', 'That participant does not exist.');
    return {
      entries: await historyOf(ctx.db, input.id, scope.canSeeSpecial),
      specialCategoryHidden: !scope.canSeeSpecial,
    };
  },

  async 'participants.export'(input, ctx) {
    const scope = scopeOf(ctx);
    const actor = actorOf(ctx);
    return ctx.db.transaction().execute(async (tx) => {
      const file = await exportParticipants(tx, input, scope);
      await appendAudit(tx, actor.now, actor.staffId, {
        action: 'export',
        entity: 'participants',
        summary: `Exported ${file.rows} participants to xlsx`,
        after: {
          rows: file.rows,
          columns: file.columns,
          search: input.search ? '(quick search)' : '',
          filters: Object.keys(input.filters),
          preset: input.preset ?? null,
        },
      });
      return {
        fileName: `participants-${actor.today}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes: file.bytes as Uint8Array<ArrayBuffer>, // writeXlsx copies into a fresh ArrayBuffer
        rows: file.rows,
        specialCategoryHidden: !scope.canSeeSpecial,
      };
    });
  },

  async 'participants.setDistricts'(input, ctx) {
    const actor = actorOf(ctx);
    const result = await ctx.db.transaction().execute(async (tx) => {
      const before = await loadDistricts(tx);
      const districts = await saveDistricts(tx, input.districts, actor.now);
      const ids = await tx.selectFrom('participants').select('id').where('status', '!=', 'merged').execute();
      let recalculated = 0;
      for (const { id } of ids) {
        const prev = await tx
          .selectFrom('participants')
          .select('eligibility_status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const now = await refreshEligibility(tx, id, actor.today, districts);
        if (now.status !== prev.eligibility_status) recalculated++;
      }
      await appendAudit(tx, actor.now, actor.staffId, {
        action: 'update',
        entity: 'setting',
        entityId: 'eligibility.postcodeDistricts',
        summary: `Programme area set to ${districts.join(', ')}`,
        before: { districts: before },
        after: { districts },
      });
      return { districts, recalculated };
    });
    changed(ctx);
    return result;
  },
});

export const participantsHandlers = { ...recordHandlers, ...mergeHandlers, ...viewsHandlers };
