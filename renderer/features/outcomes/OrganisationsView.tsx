// Employers and organisations: contractors, training providers, colleges, Jobcentre Plus
// offices and referral agencies, with search and a filter by kind.
import { useState } from 'react';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { labelFor, organisationKinds, sectors, type OrganisationKind } from '../../../shared/domain/outcome-lists';
import { outcomesRoutes, outcomesTabs } from './outcomes.routes';
import { ToolbarField, ToolbarSearch } from '../../components/ToolbarField';
import { TableScroll } from '../../components/TableScroll';

export function OrganisationsView() {
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const canEdit = useCan('officer');
  const { data } = useChannel(
    'organisations.list',
    { search, includeInactive, ...(kind ? { kind: kind as OrganisationKind } : {}) },
    { areas: ['outcomes'] },
  );
  return (
    <>
      <PageHeader
        title="Employers & organisations"
        tabs={outcomesTabs}
        subtitle={data ? `${data.length} organisations` : 'Loading…'}
        actions={
          canEdit && (
            <button type="button" className="primary" onClick={() => navigate(outcomesRoutes.newOrganisation.path())}>
              Add organisation
            </button>
          )
        }
      />
      <div className="toolbar">
        <ToolbarSearch id="org-search" value={search} onChange={setSearch} placeholder="Name or postcode" />
        <ToolbarField id="org-kind" label="Kind">
          <select id="org-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">All kinds</option>
            {organisationKinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        </ToolbarField>
        <label className="radio">
          <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />{' '}
          Include archived
        </label>
      </div>
      {data && data.length === 0 ? (
        <EmptyState title="No organisations">
          Add the employers, contractors and partners the programme works with.
        </EmptyState>
      ) : (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Organisations</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Sector</th>
                <th scope="col">Phone</th>
                <th scope="col">Contacts</th>
                <th scope="col">Placements</th>
              </tr>
            </thead>
            <tbody>
              {(data ?? []).map((o) => (
                <tr key={o.id}>
                  <td>
                    <a href={outcomesRoutes.organisation.href({ id: o.id })}>{o.name}</a>
                    {!o.isActive && (
                      <>
                        {' '}
                        <span className="tag tag-grey">Archived</span>
                      </>
                    )}
                  </td>
                  <td>{labelFor(organisationKinds, o.kind)}</td>
                  <td>{labelFor(sectors, o.sector)}</td>
                  <td className="unbroken">{o.phone ?? ''}</td>
                  <td>{o.contactCount}</td>
                  <td>{o.placementCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
