// Handlers for organisations and their contacts: parse, call the service, answer.
import { defineHandlers } from '../../backend/handler';
import { actorOf } from '../participants/actor';
import { listOrganisations } from './organisations.repository';
import {
  organisationDetail,
  removeContact,
  saveContact,
  saveOrganisation,
  setOrganisationActive,
} from './organisations.service';

export const organisationsHandlers = defineHandlers({
  'organisations.list': (input, ctx) => listOrganisations(ctx.db, input),

  'organisations.get': (input, ctx) => organisationDetail(ctx.db, input.id),

  'organisations.save': (input, ctx) => saveOrganisation(ctx.tx, actorOf(ctx), input),

  async 'organisations.setActive'(input, ctx) {
    await setOrganisationActive(ctx.tx, actorOf(ctx), input.id, input.isActive);
    return { ok: true as const };
  },

  'organisations.saveContact': (input, ctx) => saveContact(ctx.tx, actorOf(ctx), input),

  async 'organisations.deleteContact'(input, ctx) {
    await removeContact(ctx.tx, actorOf(ctx), input.id);
    return { ok: true as const };
  },
});
