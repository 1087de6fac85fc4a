// Participants: the grid over the whole store, with quick search.
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { ServerGrid } from '../../components/ServerGrid';
import { api } from '../../api/client';
import { participantColumns } from './participants.columns';
import { useToasts } from '../../components/Toasts';

export function ParticipantsScreen(_props: { rest: string[] }) {
  const [search, setSearch] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const toasts = useToasts();
  return (
    <div className="screen-fill">
      <PageHeader title="Participants" subtitle={total === null ? 'Loading…' : `${total.toLocaleString('en-GB')} people`} />
      <div className="toolbar">
        <label htmlFor="participant-search">Search</label>
        <input id="participant-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, reference, NI number, postcode or phone" />
      </div>
      <ServerGrid
        ariaLabel="Participants"
        columnDefs={participantColumns}
        search={search}
        fetchPage={(query) => api.call('participants.page', query)}
        onTotal={setTotal}
        onError={(message) => toasts.show({ kind: 'error', message })}
      />
    </div>
  );
}
