// Demo data for keyworker support: about a quarter of the people have an action plan (a goal,
// a barrier addressed and a next step or two, some done) and a few keyworker contacts after
// their start. Runs last, so the earlier steps' random draws stay as they were.
import type { Insertable } from 'kysely';
import type { KeyworkerContactsTable, KeyworkerPlanItemsTable } from '../store/tables/participants.tables';
import { insertInChunks, type DemoStep } from './demo-context';
import { addDays } from './random';

const goals = [
  'Start work in construction within six months',
  'Gain a CSCS card and a first site job',
  'Find part-time work that fits around childcare',
  'Move into an apprenticeship',
];
const barriers = [
  'Confidence at interviews',
  'No recent work history',
  'Travel to sites outside Stevenage',
  'Digital skills for applications',
];
const steps = [
  'Book the HS&E test',
  'Update the CV with the keyworker',
  'Apply for two site vacancies',
  'Open a bank account',
];
const methods = ['face_to_face', 'phone', 'video', 'email', 'text_message'] as const;
const topics = [
  'Reviewed the action plan and agreed next steps.',
  'Prepared for the interview on site next week.',
  'Talked through travel to the Queensway site.',
  'Checked in after the first week in work.',
];

export const keyworkerStep: DemoStep = {
  name: 'keyworker support',
  async run(ctx) {
    const { tx, rng, today } = ctx;
    const plan: Insertable<KeyworkerPlanItemsTable>[] = [];
    const contacts: Insertable<KeyworkerContactsTable>[] = [];
    for (const p of ctx.participants) {
      if (!p.startDate || p.startDate > today || !rng.chance(0.25)) continue;
      const base = {
        participant_id: p.id,
        created_at: `${p.startDate}T10:00:00.000Z`,
        created_by: ctx.staffIds[0] ?? null,
      };
      plan.push({ ...base, kind: 'goal', text: rng.pick(goals), updated_at: base.created_at });
      plan.push({ ...base, kind: 'barrier', text: rng.pick(barriers), updated_at: base.created_at });
      const due = addDays(p.startDate, rng.int(14, 60));
      const done = due <= today && rng.chance(0.6) ? addDays(due, -rng.int(0, 7)) : null;
      plan.push({
        ...base,
        kind: 'step',
        text: rng.pick(steps),
        due_on: due,
        done_on: done,
        updated_at: base.created_at,
      });
      const n = rng.int(0, 4);
      for (let i = 0; i < n; i++) {
        const on = addDays(p.startDate, 7 + i * rng.int(10, 30));
        if (on > today) break;
        contacts.push({
          participant_id: p.id,
          contact_on: on,
          method: rng.pick(methods),
          minutes: rng.pick([15, 20, 30, 45, 60]),
          staff_id: rng.pick(ctx.staffIds),
          notes: rng.pick(topics),
          created_at: `${on}T15:00:00.000Z`,
          created_by: base.created_by,
        });
      }
    }
    await insertInChunks(plan, 500, async (chunk) => {
      await tx.insertInto('keyworker_plan_items').values(chunk).execute();
    });
    await insertInChunks(contacts, 500, async (chunk) => {
      await tx.insertInto('keyworker_contacts').values(chunk).execute();
    });
  },
};
