// Reference lists an administrator edits (issue 20, no dead ends): barriers, benefits, referral
// sources, evidence types, kinds of event and kinds of contract measure. A list the store has never
// held is seeded from the app's defaults on its first edit, so the form keeps offering what it
// offered (migration 0220 stores the referral sources and evidence types, with any value records
// already hold). Items are never deleted: retiring one keeps the label for the people
// who hold it and takes it off the form. Every change is audited.
import { AppFailure } from '../../../shared/result';
import type { ReferenceChoices, ReferenceList } from '../../../shared/contract/participants.contract';
import {
  defaultBarriers,
  defaultBenefits,
  referenceItemExtra,
  referralSources,
  type Option,
} from '../../../shared/domain/reference-lists';
import { defaultEventKinds } from '../../../shared/domain/events';
import { commitmentKinds, evidenceKinds } from '../../../shared/domain/outcome-lists';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from './participants.service';
import {
  findReferenceItem,
  insertReferenceItem,
  referenceItems,
  updateReferenceItem,
  usesByCode,
} from './reference-items.repository';

type ListName = ReferenceList['list'];
const defaults: Record<ListName, Option[]> = {
  barrier: defaultBarriers,
  benefit: defaultBenefits,
  event_kind: defaultEventKinds,
  measure_kind: [...commitmentKinds],
  referral_source: referralSources,
  evidence_kind: [...evidenceKinds],
};
const listWords: Record<ListName, string> = {
  barrier: 'Barrier',
  benefit: 'Benefit',
  event_kind: 'Kind of event',
  measure_kind: 'Kind of measure',
  referral_source: 'Referral source',
  evidence_kind: 'Evidence type',
};

/** A list's items as stored, or the defaults while it has never been stored. */
async function itemsOf(db: Db, list: ListName) {
  const stored = await referenceItems(db, list);
  return stored.length
    ? stored.map((r) => ({ code: r.code, label: r.label, isActive: r.is_active === 1 }))
    : defaults[list].map((o) => ({ code: o.code, label: o.label, isActive: true }));
}

/** The referral sources and evidence types officers choose from (and the labels of retired ones). */
export async function referenceChoices(db: Db): Promise<ReferenceChoices> {
  return { referralSources: await itemsOf(db, 'referral_source'), evidenceKinds: await itemsOf(db, 'evidence_kind') };
}

/** Whether a code is on a list (retired ones included: a record keeps what it holds). */
export async function isListed(db: Db, list: ListName, code: string): Promise<boolean> {
  return (await itemsOf(db, list)).some((i) => i.code === code);
}

/** The label of a code on a list; the code itself only when it is on no list. */
export async function labelOfListed(db: Db, list: ListName, code: string | null): Promise<string> {
  if (!code) return '';
  return (await itemsOf(db, list)).find((i) => i.code === code)?.label ?? code;
}

export async function referenceLists(db: Db): Promise<ReferenceList[]> {
  const out: ReferenceList[] = [];
  for (const list of Object.keys(defaults) as ListName[]) {
    const uses = await usesByCode(db, list);
    // Not yet stored: the defaults are what the form offers, and what the first edit stores.
    const items = await itemsOf(db, list);
    out.push({ list, items: items.map((i) => ({ ...i, inUse: uses.get(i.code) ?? 0 })) });
  }
  return out;
}

/** Stores a list's defaults the first time it is edited. */
async function seedList(tx: Tx, list: ListName): Promise<void> {
  if ((await referenceItems(tx, list)).length) return;
  for (const [i, o] of defaults[list].entries())
    await insertReferenceItem(tx, {
      list,
      code: o.code,
      label: o.label,
      sortOrder: i,
      extraJson: referenceItemExtra(o),
    });
}

/** "Caring responsibilities" → "caring_responsibilities" (unique within the list). */
function codeFor(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 50) || 'item';
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}_${n}`;
  return code;
}

export async function saveReferenceItem(
  tx: Tx,
  actor: Actor,
  input: { list: ListName; code?: string | undefined; label: string },
): Promise<{ code: string }> {
  await seedList(tx, input.list);
  const items = await referenceItems(tx, input.list);
  const clash = items.find((i) => i.label.toLowerCase() === input.label.toLowerCase() && i.code !== input.code);
  if (clash)
    throw new AppFailure('validation', `${listWords[input.list]} “${clash.label}” is already on the list`, [
      { path: ['label'], message: `“${clash.label}” is already on the list` },
    ]);
  if (input.code !== undefined) {
    const before = await findReferenceItem(tx, input.list, input.code);
    if (!before) throw new AppFailure('not-found', 'That item is not on the list.');
    await updateReferenceItem(tx, before.id, { label: input.label });
    await appendAudit(tx, actor.now, actor.staffId, {
      action: 'update',
      entity: 'reference_item',
      entityId: before.id,
      summary: `${listWords[input.list]} “${before.label}” renamed “${input.label}”`,
      before: { label: before.label },
      after: { label: input.label },
    });
    return { code: input.code };
  }
  const code = codeFor(input.label, new Set(items.map((i) => i.code)));
  const sortOrder = items.reduce((m, i) => Math.max(m, i.sort_order), -1) + 1;
  const id = await insertReferenceItem(tx, { list: input.list, code, label: input.label, sortOrder, extraJson: null });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'reference_item',
    entityId: id,
    summary: `${listWords[input.list]} “${input.label}” added`,
    after: { list: input.list, code, label: input.label },
  });
  return { code };
}

export async function setReferenceItemActive(
  tx: Tx,
  actor: Actor,
  input: { list: ListName; code: string; isActive: boolean },
): Promise<void> {
  await seedList(tx, input.list);
  const before = await findReferenceItem(tx, input.list, input.code);
  if (!before) throw new AppFailure('not-found', 'That item is not on the list.');
  const isActive = input.isActive;
  if ((before.is_active === 1) === isActive) return;
  await updateReferenceItem(tx, before.id, { is_active: isActive ? 1 : 0 });
  const words = listWords[input.list];
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'reference_item',
    entityId: before.id,
    summary: `${words} “${before.label}” ${isActive ? 'brought back' : 'retired (kept for the records that use it)'}`,
    before: { is_active: before.is_active },
    after: { is_active: isActive ? 1 : 0 },
  });
}
