// Settings → Reference lists (issue 20, no dead ends): an administrator adds, renames, retires and
// brings back barriers and benefits; a fresh store's list starts from the app's defaults; an item
// in use is retired, never deleted, and the people who hold it keep it; every change is audited;
// officers cannot edit the lists.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { defaultBarriers } from '../../shared/domain/reference-lists';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(async () => t.close());

const barriers = async () => (await t.ok('reference.lists', {})).find((l) => l.list === 'barrier')!.items;

describe('reference lists', () => {
  it('offers the defaults on a fresh store and stores them with the first edit', async () => {
    expect((await barriers()).map((b) => b.code)).toEqual(defaultBarriers.map((b) => b.code));
    const added = await t.ok('reference.saveItem', { list: 'barrier', label: 'Caring responsibilities' });
    expect(added.code).toBe('caring_responsibilities');
    const after = await barriers();
    expect(after).toHaveLength(defaultBarriers.length + 1);
    expect(after.at(-1)).toMatchObject({ label: 'Caring responsibilities', isActive: true, inUse: 0 });
    const options = await t.ok('participants.options', {});
    expect(options.barriers.map((b) => b.label)).toContain('Caring responsibilities');
  });

  it('retires an item in use (kept for the people who have it, off the form), renames and brings it back, audited', async () => {
    const p = await t.ok('participants.create', {
      record: {
        firstName: 'Amira',
        lastName: 'Khan',
        dateOfBirth: '14/02/1998',
        niStatus: 'known',
        niNumber: 'JK 12 34 56 C',
        postcode: 'sg1 1aa',
        barriers: ['esol'],
        startDate: '10/01/2026',
        referralDate: '5/1/2026',
      },
    });
    expect((await barriers()).find((b) => b.code === 'esol')!.inUse).toBe(1);
    await t.ok('reference.setActive', { list: 'barrier', code: 'esol', isActive: false });
    expect((await barriers()).find((b) => b.code === 'esol')).toMatchObject({ isActive: false, inUse: 1 });
    expect((await t.ok('participants.options', {})).barriers.map((b) => b.code)).not.toContain('esol');
    const held = await t.backend.store.db
      .selectFrom('participant_barriers')
      .select('barrier_code')
      .where('participant_id', '=', p.id)
      .execute();
    expect(held.map((h) => h.barrier_code)).toEqual(['esol']);
    await t.ok('reference.saveItem', { list: 'barrier', code: 'esol', label: 'English is not a first language' });
    await t.ok('reference.setActive', { list: 'barrier', code: 'esol', isActive: true });
    expect((await barriers()).find((b) => b.code === 'esol')).toMatchObject({
      label: 'English is not a first language',
      isActive: true,
    });
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['summary'])
      .where('entity', '=', 'reference_item')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.summary)).toEqual([
      expect.stringMatching(/^Barrier “.*” retired/),
      expect.stringMatching(/^Barrier “.*” renamed “English is not a first language”$/),
      'Barrier “English is not a first language” brought back',
    ]);
  });

  it('refuses a label already on the list, and refuses officers', async () => {
    const same = await t.call('reference.saveItem', {
      list: 'benefit',
      label: defaultBarriers[0]!.label.toUpperCase(),
    });
    expect(same.ok).toBe(true); // a barrier's label is not on the benefits list
    const dup = await t.call('reference.saveItem', { list: 'barrier', label: defaultBarriers[0]!.label.toUpperCase() });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.kind).toBe('validation');
    await t.signInAs('officer');
    const refused = await t.call('reference.saveItem', { list: 'barrier', label: 'Anything' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.kind).toBe('forbidden');
  });
});
