// Handlers for social-value contracts: list with progress, one contract, and saving a contract
// with its commitments.
import { defineHandlers } from '../../backend/handler';
import { actorOf } from '../participants/actor';
import { listContracts } from './contracts.repository';
import { contractDetail, saveContract } from './contracts.service';

export const contractsHandlers = defineHandlers({
  'contracts.list': (_input, ctx) => listContracts(ctx.db),

  'contracts.get': (input, ctx) => contractDetail(ctx.db, input.id),

  'contracts.save': (input, ctx) => saveContract(ctx.tx, actorOf(ctx), input),
});
