// Social-value contracts with each commitment's progress, counted from the placements and
// outcomes linked to the contract.
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { formatUkDate } from '../../../shared/domain/dates';
import { formatCommitmentFigure } from '../../../shared/domain/outcome-lists';
import { ProgressBar } from './ProgressBar';
import { outcomesRoutes, outcomesTabs } from './outcomes.routes';

export function ContractsView() {
  const { data } = useChannel('contracts.list', {}, { areas: ['outcomes'] });
  const canEdit = useCan('officer');
  return (
    <>
      <PageHeader
        title="Social value and Section 106"
        tabs={outcomesTabs}
        subtitle={data ? `${data.length} contracts` : 'Loading…'}
        actions={
          canEdit && (
            <button type="button" className="primary" onClick={() => navigate(outcomesRoutes.newContract.path())}>
              Add contract
            </button>
          )
        }
      />
      {data && data.length === 0 && (
        <EmptyState title="No contracts yet">
          Add the council contracts and Section 106 planning obligations whose social-value clauses create placements,
          jobs, apprenticeships and community investment.
        </EmptyState>
      )}
      {(data ?? []).map((c) => (
        <section key={c.id} className="card contract-card" aria-labelledby={`contract-${c.id}`}>
          <h2 id={`contract-${c.id}`}>
            <a href={outcomesRoutes.contract.href({ id: c.id })}>{c.name}</a>
          </h2>
          <p className="muted">
            {c.contractorName ?? 'No contractor recorded'} · {formatUkDate(c.startsOn) || '…'} to{' '}
            {formatUkDate(c.endsOn) || '…'}
            {c.reference ? ` · ${c.reference}` : ''}
            {c.kind === 's106' ? ` · Section 106${c.planningReference ? ` ${c.planningReference}` : ''}` : ''}
          </p>
          {c.commitments.length === 0 ? (
            <p>No commitments recorded.</p>
          ) : (
            c.commitments.map((m) => (
              <ProgressBar
                key={m.id}
                label={`${m.label}${m.description ? ` – ${m.description}` : ''}`}
                context={c.name}
                achieved={m.achieved}
                target={m.target}
                percent={m.percent}
                verified={m.verified}
                format={(n) => formatCommitmentFigure(m.kind, n)}
              />
            ))
          )}
        </section>
      ))}
    </>
  );
}
