// The one page for an address that shows nothing, in every area: it says so, keeps the area's
// own navigation, and offers the way back to the area's first page.
import { PageHeader } from '../components/PageHeader';
import { SubNav } from '../components/SubNav';
import type { Area } from './routes';
import { participantsRoutes } from '../features/participants/participants.routes';

export function NotFound({ area }: { area: Area | undefined }) {
  return (
    <div className="not-found">
      <PageHeader title="Page not found" subtitle={area ? area.label : undefined} />
      {area?.tabs && <SubNav label={area.tabs.label} items={area.tabs.items} showCurrent={false} />}
      <p>There is no page at this address. It may have been typed wrongly, or the record it showed may be gone.</p>
      <p>
        <a href={area?.home ?? participantsRoutes.list.href()}>Go to {area ? area.label : 'Participants'}</a>
      </p>
    </div>
  );
}
