// A participant's funding: spells under funding streams over time (checked: a real stream, a
// project of that stream, no second spell on the same stream over the same days, not on a merged
// or anonymised record) and officers' changes of what an item is attributed to, with a reason.
// Every change is audited against the person.
import { AppFailure } from '../../../shared/result';
import { formatUkDate } from '../../../shared/domain/dates';
import type { AttributedItem, SpellView } from '../../../shared/contract/funding.contract';
import type { Db, Tx } from '../../store/schema';
import type { AttributedItemKind } from '../../store/tables/returns.tables';
import { appendAudit } from '../audit/audit.repository';
import {
  deleteAttribution,
  deleteSpell as deleteSpellRow,
  findAttribution,
  findProject,
  findSpell,
  findStream,
  insertSpell,
  itemOwner,
  listProjects,
  listSpells,
  listStreams,
  personAttributions,
  personItems,
  personStatus,
  updateSpell,
  upsertAttribution,
} from './funding.repository';

const overlapping = (a: { startsOn: string; endsOn: string | null }, b: { startsOn: string; endsOn: string | null }) =>
  a.startsOn <= (b.endsOn ?? '9999-12-31') && b.startsOn <= (a.endsOn ?? '9999-12-31');

const span = (s: { startsOn: string; endsOn: string | null }) =>
  `${formatUkDate(s.startsOn)} to ${s.endsOn ? formatUkDate(s.endsOn) : 'now'}`;

/** Overlapping spells, said plainly. */
export function describeOverlaps(spells: SpellView[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < spells.length; i++)
    for (let j = i + 1; j < spells.length; j++) {
      const a = spells[i]!,
        b = spells[j]!;
      if (overlapping(a, b))
        out.push(
          `${a.stream} (${span(a)}) and ${b.stream} (${span(b)}) overlap: items dated in the overlap go to the one that ` +
            'started later unless an officer changes them.',
        );
    }
  return out;
}

export async function personFunding(db: Db, participantId: number) {
  const person = await personStatus(db, participantId);
  if (!person) throw new AppFailure('not-found', 'That participant does not exist.');
  const spells = await listSpells(db, participantId);
  const streams = new Map((await listStreams(db)).map((s) => [s.id, s.name]));
  const projects = new Map((await listProjects(db)).map((p) => [p.id, p.name]));
  const changes = new Map((await personAttributions(db, participantId)).map((a) => [`${a.item_kind}:${a.item_id}`, a]));
  const items: AttributedItem[] = (await personItems(db, participantId))
    .map((i) => {
      const c = i.changed ? changes.get(`${i.kind}:${i.id}`) : undefined;
      return {
        ...i,
        stream: i.streamId !== null ? (streams.get(i.streamId) ?? null) : null,
        project: i.projectId !== null ? (projects.get(i.projectId) ?? null) : null,
        reason: c?.reason ?? null,
        changedBy: c?.setBy ?? null,
        changedAt: c?.set_at ?? null,
      };
    })
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.kind.localeCompare(b.kind) || a.id - b.id);
  return {
    spells,
    recordStream: spells.length ? null : (person.recordStream ?? null),
    items,
    overlaps: describeOverlaps(spells),
  };
}

async function checkStreamAndProject(db: Db, streamId: number, projectId: number | null): Promise<string> {
  const stream = await findStream(db, streamId);
  if (!stream)
    throw new AppFailure('validation', 'Choose a funding stream.', [
      { path: ['streamId'], message: 'Choose a funding stream' },
    ]);
  if (projectId !== null) {
    const project = await findProject(db, projectId);
    if (!project || project.funding_stream_id !== streamId)
      throw new AppFailure('validation', 'Choose a project of that funding stream.', [
        { path: ['projectId'], message: 'Choose a project of that funding stream' },
      ]);
  }
  return stream.name;
}

async function checkPerson(db: Db, participantId: number) {
  const person = await personStatus(db, participantId);
  if (!person) throw new AppFailure('not-found', 'That participant does not exist.');
  if (person.status === 'merged' || person.status === 'anonymised')
    throw new AppFailure(
      'conflict',
      person.status === 'merged'
        ? 'This record was merged into another: record funding on the surviving record.'
        : 'This record is anonymised: its funding can no longer be changed.',
    );
  return person;
}

export async function saveSpell(
  tx: Tx,
  input: {
    id: number | null;
    participantId: number;
    streamId: number;
    projectId: number | null;
    startsOn: string;
    endsOn: string | null;
    note: string | null;
  },
  at: string,
  staffId: number | null,
): Promise<{ id: number }> {
  await checkPerson(tx, input.participantId);
  const streamName = await checkStreamAndProject(tx, input.streamId, input.projectId);
  const before = input.id !== null ? await findSpell(tx, input.id) : undefined;
  if (input.id !== null && (!before || before.participant_id !== input.participantId))
    throw new AppFailure('not-found', 'That funding spell does not exist.');
  const clash = (await listSpells(tx, input.participantId)).find(
    (s) => s.id !== input.id && s.streamId === input.streamId && overlapping(s, input),
  );
  if (clash)
    throw new AppFailure('validation', `There is already a spell on ${clash.stream} for ${span(clash)}.`, [
      {
        path: ['startsOn'],
        message: `This overlaps the spell on ${clash.stream} from ${span(clash)}: change that one instead`,
      },
    ]);
  const values = {
    funding_stream_id: input.streamId,
    project_id: input.projectId,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    note: input.note,
  };
  let id: number;
  if (before) {
    id = before.id;
    await updateSpell(tx, id, { ...values, at });
  } else {
    id = await insertSpell(tx, { ...values, participant_id: input.participantId, created_by: staffId, at });
  }
  await appendAudit(tx, at, staffId, {
    action: before ? 'update' : 'create',
    entity: 'funding_spell',
    entityId: id,
    participantId: input.participantId,
    summary: `Funding spell on ${streamName} ${before ? 'changed' : 'recorded'}: ${span(input)}`,
    before: before
      ? {
          funding_stream_id: before.funding_stream_id,
          project_id: before.project_id,
          starts_on: before.starts_on,
          ends_on: before.ends_on,
          note: before.note,
        }
      : null,
    after: values,
  });
  return { id };
}

export async function removeSpell(tx: Tx, id: number, reason: string, at: string, staffId: number | null) {
  const spell = await findSpell(tx, id);
  if (!spell) throw new AppFailure('not-found', 'That funding spell does not exist.');
  await checkPerson(tx, spell.participant_id);
  await deleteSpellRow(tx, id);
  await appendAudit(tx, at, staffId, {
    action: 'delete',
    entity: 'funding_spell',
    entityId: id,
    participantId: spell.participant_id,
    summary: `Funding spell removed: ${reason}`,
    before: spell,
  });
}

export async function attribute(
  tx: Tx,
  input: {
    kind: AttributedItemKind;
    itemId: number;
    streamId: number | null;
    projectId: number | null;
    reason: string;
  },
  at: string,
  staffId: number | null,
): Promise<void> {
  const owner = await itemOwner(tx, input.kind, input.itemId);
  if (owner === undefined) throw new AppFailure('not-found', `That ${input.kind} does not exist.`);
  await checkPerson(tx, owner);
  const before = await findAttribution(tx, input.kind, input.itemId);
  if (input.streamId === null) {
    if (!before) return void (await auditNoChange(tx, input, owner, at, staffId));
    await deleteAttribution(tx, input.kind, input.itemId);
  } else {
    await checkStreamAndProject(tx, input.streamId, input.projectId);
    await upsertAttribution(tx, {
      participant_id: owner,
      item_kind: input.kind,
      item_id: input.itemId,
      funding_stream_id: input.streamId,
      project_id: input.projectId,
      reason: input.reason,
      set_by: staffId,
      set_at: at,
    });
  }
  const streamName = input.streamId !== null ? (await findStream(tx, input.streamId))?.name : null;
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: input.kind,
    entityId: input.itemId,
    participantId: owner,
    summary:
      input.streamId === null
        ? `Funding attribution of ${input.kind} ${input.itemId} back to the person's stream on its date: ${input.reason}`
        : `Funding attribution of ${input.kind} ${input.itemId} changed to ${streamName}: ${input.reason}`,
    before: before
      ? { funding_stream_id: before.funding_stream_id, project_id: before.project_id, reason: before.reason }
      : { attribution: 'default' },
    after:
      input.streamId === null
        ? { attribution: 'default', reason: input.reason }
        : { funding_stream_id: input.streamId, project_id: input.projectId, reason: input.reason },
  });
}

/** Asking to return an item already on its default still leaves a trace of who asked and why. */
async function auditNoChange(
  tx: Tx,
  input: { kind: AttributedItemKind; itemId: number; reason: string },
  owner: number,
  at: string,
  staffId: number | null,
): Promise<void> {
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: input.kind,
    entityId: input.itemId,
    participantId: owner,
    summary: `Funding attribution of ${input.kind} ${input.itemId} confirmed as the default: ${input.reason}`,
  });
}
