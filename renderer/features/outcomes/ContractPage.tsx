// One social-value contract or Section 106 obligation: its planning details and trigger dates,
// each measure's progress against its target with the rule it is counted by, the money received,
// and the monitoring report; or the form to add or change it.
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { formatUkDate } from '../../../shared/domain/dates';
import { contractKinds, formatCommitmentFigure, formatPounds, labelFor } from '../../../shared/domain/outcome-lists';
import { ContractPayments } from './ContractPayments';
import { MonitoringReportForm } from './MonitoringReportForm';
import { ProgressBar } from './ProgressBar';
import { ContractForm } from './ContractForm';
import { outcomesRoutes } from './outcomes.routes';
import { TableScroll } from '../../components/TableScroll';

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
        back={{ label: 'Back to contracts', href: outcomesRoutes.contracts.href() }}
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
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{labelFor(contractKinds, c.kind)}</dd>
        <dt>Planning application</dt>
        <dd>{c.planningReference ?? 'Not recorded'}</dd>
        <dt>Clause</dt>
        <dd>{c.planningClause ?? 'Not recorded'}</dd>
        <dt>Money received</dt>
        <dd>
          {formatPounds(c.communityInvestmentReceivedPence)} community investment ·{' '}
          {formatPounds(c.inLieuReceivedPence)} in-lieu contributions
        </dd>
      </dl>
      <section aria-labelledby="triggers-title">
        <h2 id="triggers-title">Trigger dates</h2>
        {c.triggers.length === 0 ? (
          <p>No trigger dates recorded.</p>
        ) : (
          <TableScroll>
            <table className="data">
              <caption className="visually-hidden">Trigger dates</caption>
              <thead>
                <tr>
                  <th scope="col">Trigger</th>
                  <th scope="col">Due</th>
                  <th scope="col">Met</th>
                </tr>
              </thead>
              <tbody>
                {c.triggers.map((t) => (
                  <tr key={t.id}>
                    <td>{t.label}</td>
                    <td>{formatUkDate(t.dueOn) || 'Not set'}</td>
                    <td>{formatUkDate(t.metOn) || 'Not yet'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section aria-labelledby="commitments-title">
        <h2 id="commitments-title">Progress against the measures agreed</h2>
        {c.commitments.length === 0 && <p>No measures recorded.</p>}
        {c.commitments.map((m) => (
          <div key={m.id}>
            <ProgressBar
              label={`${m.label}${m.description ? ` – ${m.description}` : ''}`}
              achieved={m.achieved}
              target={m.target}
              percent={m.percent}
              verified={m.verified}
              format={(n) => formatCommitmentFigure(m.kind, n)}
            />
            <p className="muted measure-rule">Counted as: {m.rule}</p>
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
      <ContractPayments contractId={c.id} payments={c.payments} />
      {canEdit && <MonitoringReportForm contractId={c.id} startsOn={c.startsOn} endsOn={c.endsOn} />}
    </>
  );
}
