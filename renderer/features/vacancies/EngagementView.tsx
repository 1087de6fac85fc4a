// The programme's engagement with employers across every organisation, newest first, or only
// the pledges and mentor offers with what has been delivered. Entries are recorded on each
// organisation's page.
import { useState } from 'react';
import { useChannel } from '../../api/use-channel';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { EngagementTable } from './EngagementTable';
import { vacanciesTabs } from './vacancies.routes';

export function EngagementView() {
  const [pledgesOnly, setPledgesOnly] = useState(false);
  const { data, error } = useChannel('engagements.list', { pledgesOnly }, { areas: ['vacancies', 'outcomes'] });
  const open = (data ?? []).filter((g) => g.pledgeState && g.pledgeState !== 'delivered').length;
  return (
    <>
      <PageHeader
        title="Employer engagement"
        tabs={vacanciesTabs}
        subtitle={
          data
            ? `${data.length} ${data.length === 1 ? 'entry' : 'entries'}${pledgesOnly ? `; ${open} not yet delivered` : ''}`
            : (error?.message ?? 'Loading…')
        }
      />
      <div className="toolbar">
        <label className="radio" htmlFor="engagement-pledges">
          <input
            id="engagement-pledges"
            type="checkbox"
            checked={pledgesOnly}
            onChange={(e) => setPledgesOnly(e.target.checked)}
          />
          Only pledges and mentor offers
        </label>
      </div>
      {data && data.length === 0 ? (
        <EmptyState title={pledgesOnly ? 'No pledges yet' : 'No engagement recorded yet'}>
          Record meetings, site visits, pledges and mentor offers on each employer’s page under Placements & outcomes,
          Employers & organisations.
        </EmptyState>
      ) : (
        data && <EngagementTable rows={data} showOrganisation />
      )}
    </>
  );
}
