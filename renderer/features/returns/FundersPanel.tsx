// Funders: which personal columns each funder's claim-lines sheet carries (administrators edit).
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { personalColumnCodes } from '../../../shared/contract/returns.contract';

const columnLabels: Record<(typeof personalColumnCodes)[number], string> = {
  reference: 'Reference',
  name: 'Name',
  ni_number: 'NI number',
  date_of_birth: 'Date of birth',
  postcode: 'Postcode',
};

export function FundersPanel() {
  const funders = useChannel('returns.funders', {}, { areas: ['returns'] });
  const isAdmin = useCan('administrator');
  const toasts = useToasts();
  if (!funders.data) return null;
  return (
    <section aria-labelledby="funders-heading">
      <h3 id="funders-heading">Funders and the personal columns in their claim lines</h3>
      {funders.data.map((f) => (
        <fieldset key={f.id} className="field">
          <legend>{f.name}</legend>
          <div className="period-row">
            {personalColumnCodes.map((c) => (
              <label key={c} className="radio">
                <input
                  type="checkbox"
                  checked={f.personalColumns.includes(c)}
                  disabled={!isAdmin}
                  onChange={async (e) => {
                    const personalColumns = e.target.checked
                      ? personalColumnCodes.filter((x) => x === c || f.personalColumns.includes(x))
                      : f.personalColumns.filter((x) => x !== c);
                    const result = await api.call('returns.saveFunder', {
                      id: f.id,
                      name: f.name,
                      notes: f.notes,
                      personalColumns,
                    });
                    toasts.show(
                      result.ok
                        ? {
                            kind: 'success',
                            message: `${f.name}: ${columnLabels[c]} ${e.target.checked ? 'added to' : 'removed from'} claim lines`,
                          }
                        : { kind: 'error', message: result.error.message },
                    );
                  }}
                />
                {columnLabels[c]}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </section>
  );
}
