// Funders and which personal columns each accepts in a return workbook.
import { AppFailure } from '../../../shared/result';
import { personalColumnCodes } from '../../../shared/contract/returns.contract';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import type { PersonalColumn } from './return-workbook';
import { findFunder, listFunders, updateFunder } from './returns.repository';

function personalColumnsOf(json: string): PersonalColumn[] {
  return (JSON.parse(json) as string[]).filter((c): c is PersonalColumn =>
    (personalColumnCodes as readonly string[]).includes(c),
  );
}

export async function funders(db: Db) {
  return (await listFunders(db)).map((f) => ({
    id: f.id,
    code: f.code,
    name: f.name,
    notes: f.notes,
    personalColumns: personalColumnsOf(f.personal_columns_json),
  }));
}

export async function funderOf(db: Db, funderId: number): Promise<{ name: string; personalColumns: PersonalColumn[] }> {
  const f = await findFunder(db, funderId);
  if (!f) throw new AppFailure('not-found', 'That funder does not exist.');
  return { name: f.name, personalColumns: personalColumnsOf(f.personal_columns_json) };
}

export async function saveFunder(
  tx: Tx,
  input: { id: number; name: string; notes: string | null; personalColumns: PersonalColumn[] },
  at: string,
  staffId: number | null,
): Promise<void> {
  const before = await findFunder(tx, input.id);
  if (!before) throw new AppFailure('not-found', 'That funder does not exist.');
  const after = {
    name: input.name,
    notes: input.notes,
    personal_columns_json: JSON.stringify(input.personalColumns),
  };
  await updateFunder(tx, input.id, { ...after, updated_at: at });
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'funder',
    entityId: input.id,
    summary: `Funder ${before.code} changed`,
    before: { name: before.name, notes: before.notes, personal_columns_json: before.personal_columns_json },
    after,
  });
}
