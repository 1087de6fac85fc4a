// Funders: which personal columns each funder's claim-lines sheet carries (administrators edit;
// each tick is saved at once).
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import type { ChannelOutput } from '../../../shared/contract/index';
import { personalColumnCodes } from '../../../shared/contract/returns.contract';

const columnLabels: Record<(typeof personalColumnCodes)[number], string> = {
  reference: 'Reference',
  name: 'Name',
  ni_number: 'NI number',
  date_of_birth: 'Date of birth',
  postcode: 'Postcode',
};
const columnOptions = personalColumnCodes.map((code) => ({ code, label: columnLabels[code] }));

export function FundersPanel() {
  const funders = useChannel('returns.funders', {}, { areas: ['returns'] });
  if (!funders.data) return null;
  return (
    <section aria-labelledby="funders-heading">
      <h3 id="funders-heading">Funders and the personal columns in their claim lines</h3>
      {funders.data.map((f) => (
        <FunderColumns key={f.id} funder={f} />
      ))}
    </section>
  );
}

function FunderColumns({ funder }: { funder: ChannelOutput<'returns.funders'>[number] }) {
  const isAdmin = useCan('administrator');
  const toasts = useToasts();
  const f = useContractForm('returns.saveFunder', {
    // One form per funder on the page.
    idPrefix: `funder-${funder.id}`,
    defaultValues: { id: funder.id, name: funder.name, notes: funder.notes, personalColumns: funder.personalColumns },
    onSuccess: (_saved, input) => {
      const added = input.personalColumns.filter((c) => !funder.personalColumns.includes(c));
      const removed = funder.personalColumns.filter((c) => !input.personalColumns.includes(c));
      const changed = [
        ...added.map((c) => `${columnLabels[c]} added to`),
        ...removed.map((c) => `${columnLabels[c]} removed from`),
      ];
      toasts.show({ kind: 'success', message: `${funder.name}: ${changed.join(', ') || 'saved in'} claim lines` });
    },
  });
  return (
    <Form of={f} aria-label={`Personal columns for ${funder.name}`}>
      <ChoiceGroup
        name="personalColumns"
        legend={funder.name}
        type="checkbox"
        inline
        options={columnOptions}
        inputProps={() => ({
          ...f.form.register('personalColumns', { onChange: () => void f.submit() }),
          disabled: !isAdmin,
        })}
      />
    </Form>
  );
}
