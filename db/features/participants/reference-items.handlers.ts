// Settings → Reference lists: the editable lists (barriers, benefits, referral sources, evidence
// types), audited, retire not delete; and the choices the forms offer.
import { defineHandlers } from '../../backend/handler';
import { actorOf } from './actor';
import { referenceChoices, referenceLists, saveReferenceItem, setReferenceItemActive } from './reference-items.service';

export const referenceItemsHandlers = defineHandlers({
  'reference.lists': (_input, ctx) => referenceLists(ctx.db),
  'reference.choices': (_input, ctx) => referenceChoices(ctx.db),
  'reference.saveItem': (input, ctx) => saveReferenceItem(ctx.tx, actorOf(ctx), input),
  async 'reference.setActive'(input, ctx) {
    await setReferenceItemActive(ctx.tx, actorOf(ctx), input);
    return { ok: true as const };
  },
});
