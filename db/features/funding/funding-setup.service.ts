// The programme's funding set-up, kept by administrators: funders, their agreements (start, end,
// closure date for final claims), their funding streams and the projects within each stream.
// Every change is audited with the values before and after.
import { AppFailure } from '../../../shared/result';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { findFunder, listFunders } from '../returns/returns.repository';
import {
  findAgreementRow,
  findProject,
  findStream,
  funderCodeTaken,
  insertAgreement,
  insertFunder,
  insertProject,
  insertStream,
  listAgreements,
  listProjects,
  listStreams,
  projectCodeTaken,
  streamCodeTaken,
  updateAgreement,
  updateProject,
  updateStream,
} from './funding.repository';

export async function fundingSetup(db: Db) {
  const agreements = await listAgreements(db);
  return {
    funders: (await listFunders(db)).map((f) => ({
      id: f.id,
      code: f.code,
      name: f.name,
      notes: f.notes,
      agreements: agreements.filter((a) => a.funderId === f.id),
    })),
    streams: await listStreams(db),
    projects: await listProjects(db),
  };
}

const codeTaken = (message: string) => new AppFailure('validation', message, [{ path: ['code'], message }]);

async function funderName(db: Db, id: number): Promise<string> {
  const f = await findFunder(db, id);
  if (!f) throw new AppFailure('validation', 'Choose a funder.', [{ path: ['funderId'], message: 'Choose a funder' }]);
  return f.name;
}

export async function createFunder(
  tx: Tx,
  input: { code: string; name: string; notes: string | null },
  at: string,
  staffId: number | null,
): Promise<{ id: number }> {
  if (await funderCodeTaken(tx, input.code)) throw codeTaken('That code is already used by another funder');
  const id = await insertFunder(tx, { ...input, at });
  await appendAudit(tx, at, staffId, {
    action: 'create',
    entity: 'funder',
    entityId: id,
    summary: `Funder ${input.code} added`,
    after: input,
  });
  return { id };
}

export async function saveAgreement(
  tx: Tx,
  input: {
    id: number | null;
    funderId: number;
    name: string;
    startsOn: string;
    endsOn: string | null;
    closureOn: string | null;
    notes: string | null;
  },
  at: string,
  staffId: number | null,
): Promise<{ id: number }> {
  const funder = await funderName(tx, input.funderId);
  const values = {
    name: input.name,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    closure_on: input.closureOn,
    notes: input.notes,
  };
  let id: number;
  let before: Awaited<ReturnType<typeof findAgreementRow>>;
  if (input.id !== null) {
    before = await findAgreementRow(tx, input.id);
    if (!before || before.funder_id !== input.funderId)
      throw new AppFailure('not-found', 'That funding agreement does not exist.');
    id = input.id;
    await updateAgreement(tx, id, { ...values, at });
  } else {
    id = await insertAgreement(tx, { ...values, funder_id: input.funderId, at });
  }
  await appendAudit(tx, at, staffId, {
    action: before ? 'update' : 'create',
    entity: 'funding_agreement',
    entityId: id,
    summary: `Funding agreement "${input.name}" of ${funder} ${before ? 'changed' : 'added'}`,
    before: before ?? null,
    after: values,
  });
  return { id };
}

export async function saveStream(
  tx: Tx,
  input: {
    id: number | null;
    code: string;
    name: string;
    funderId: number;
    startsOn: string | null;
    endsOn: string | null;
    isActive: boolean;
  },
  at: string,
  staffId: number | null,
): Promise<{ id: number }> {
  const funder = await funderName(tx, input.funderId);
  if (await streamCodeTaken(tx, input.code, input.id)) throw codeTaken('That code is already used by another stream');
  const values = {
    code: input.code,
    name: input.name,
    funder,
    funder_id: input.funderId,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    is_active: input.isActive ? 1 : 0,
  };
  const before = input.id !== null ? await findStream(tx, input.id) : undefined;
  if (input.id !== null && !before) throw new AppFailure('not-found', 'That funding stream does not exist.');
  const id = before ? before.id : await insertStream(tx, values);
  if (before) await updateStream(tx, id, values);
  await appendAudit(tx, at, staffId, {
    action: before ? 'update' : 'create',
    entity: 'funding_stream',
    entityId: id,
    summary: `Funding stream ${input.code} of ${funder} ${before ? 'changed' : 'added'}`,
    before: before ?? null,
    after: values,
  });
  return { id };
}

export async function saveProject(
  tx: Tx,
  input: {
    id: number | null;
    code: string;
    name: string;
    streamId: number;
    interventionCode: string | null;
    isActive: boolean;
  },
  at: string,
  staffId: number | null,
): Promise<{ id: number }> {
  const stream = await findStream(tx, input.streamId);
  if (!stream)
    throw new AppFailure('validation', 'Choose a funding stream.', [
      { path: ['streamId'], message: 'Choose a funding stream' },
    ]);
  if (await projectCodeTaken(tx, input.code, input.id)) throw codeTaken('That code is already used by another project');
  const values = {
    code: input.code,
    name: input.name,
    funding_stream_id: input.streamId,
    intervention_code: input.interventionCode || null,
    is_active: input.isActive ? 1 : 0,
  };
  const before = input.id !== null ? await findProject(tx, input.id) : undefined;
  if (input.id !== null && !before) throw new AppFailure('not-found', 'That project does not exist.');
  const id = before ? before.id : await insertProject(tx, values);
  if (before) await updateProject(tx, id, values);
  await appendAudit(tx, at, staffId, {
    action: before ? 'update' : 'create',
    entity: 'funding_project',
    entityId: id,
    summary: `Project ${input.code} of ${stream.name} ${before ? 'changed' : 'added'}`,
    before: before ?? null,
    after: values,
  });
  return { id };
}
