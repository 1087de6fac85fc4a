// Import history: every batch, newest first; open one (Enter or double-click) to see or undo it.
import { api } from '../../api/client';
import { ServerGrid } from '../../components/ServerGrid';
import { useToasts } from '../../components/Toasts';
import { navigate } from '../../app/router';
import { batchColumns } from './imports.columns';
import { importsRoutes } from './imports.routes';

export function ImportHistory() {
  const toasts = useToasts();
  return (
    <section aria-labelledby="import-history-title" className="import-history">
      <h2 id="import-history-title">Import history</h2>
      <p className="muted">Open a batch to see what it changed or to undo it.</p>
      <ServerGrid
        ariaLabel="Import batches"
        columnDefs={batchColumns}
        height={280}
        emptyText="No imports yet. Choose a partner file above: each import is listed here, to see or undo."
        fetchPage={(query) => api.call('imports.batches', query)}
        onOpen={(row) => navigate(importsRoutes.batch.path({ id: row.id }))}
        onError={(message) => toasts.show({ kind: 'error', message })}
      />
    </section>
  );
}
