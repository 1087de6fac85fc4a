// One social-value contract: commitments with progress bars and the rule each is counted by,
// or the form to add or change it.
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { formatUkDate } from '../../../shared/domain/dates';
import { commitmentKinds, labelFor } from '../../../shared/domain/outcome-lists';
import { ProgressBar } from './ProgressBar';
import { ContractForm } from './ContractForm';
import { outcomesRoutes } from './outcomes.routes';

export function ContractPage({ id, edit }: { id: number | null; edit: boolean }) {
  const { data: c, error } = useChannel('contracts.get', { id: id ?? 1 }, { skip: !id, areas: ['outcomes'] });
  const canEdit = useCan('officer');
  if (id && error) return <p role="alert">{error.message}</p>;
  if (id && !c) return <p role="status">Loading…</p>;
  if (edit && canEdit) return <ContractForm contract={c ?? null} />;
  if (!c) return null;
  return (
    <>
      <PageHeader
        title={c.name}
        subtitle={
          `${c.contractorName ?? 'No contractor recorded'} · ${formatUkDate(c.startsOn) || '…'} to ${formatUkDate(c.endsOn) || '…'}` +
          `${c.reference ? ` · ${c.reference}` : ''}`
        }
        actions={
          canEdit && (
            <button type="button" onClick={() => navigate(outcomesRoutes.editContract.path({ id: c.id }))}>
              Change contract
            </button>
          )
        }
      />
      <section aria-labelledby="commitments-title">
        <h2 id="commitments-title">Commitments</h2>
        {c.commitments.length === 0 && <p>No commitments recorded.</p>}
        {c.commitments.map((m) => (
          <div key={m.id}>
            <ProgressBar
              label={`${labelFor(commitmentKinds, m.kind)}${m.description ? ` – ${m.description}` : ''}`}
              achieved={m.achieved}
              target={m.target}
              percent={m.percent}
              verified={m.verified}
            />
            <p className="muted" style={{ marginTop: '-0.6rem' }}>
              Counted as: {m.rule}
            </p>
          </div>
        ))}
      </section>
      <p>
        {c.placementCount} placements and {c.outcomeCount} outcomes are linked to this contract. Only items dated within
        the contract period count.
      </p>
      {c.notes && (
        <p>
          <strong>Notes:</strong> {c.notes}
        </p>
      )}
    </>
  );
}
