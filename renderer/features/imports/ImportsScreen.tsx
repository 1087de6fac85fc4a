// The imports area: #/imports (drop a file, map, preview, commit; history), #/imports/batches/7
// (a batch, with Undo) and #/imports/reconcile (compare a partner file with our records).
import './imports.css';
import { PageHeader } from '../../components/PageHeader';
import { navigate } from '../../app/router';
import { ImportWizard } from './ImportWizard';
import { ImportHistory } from './ImportHistory';
import { BatchPage } from './BatchPage';
import { ReconcileScreen } from './ReconcileScreen';

export function ImportsScreen({ rest }: { rest: string[] }) {
  if (rest[0] === 'batches' && rest[1] && /^\d+$/.test(rest[1])) return <BatchPage batchId={Number(rest[1])} />;
  if (rest[0] === 'reconcile') return <ReconcileScreen />;
  return (
    <div className="screen-fill">
      <PageHeader
        title="Imports"
        subtitle="Bring in partner spreadsheets safely: nothing is saved until you have checked every row."
        actions={
          <button type="button" onClick={() => navigate('imports/reconcile')}>
            Reconcile a partner file
          </button>
        }
      />
      <ImportWizard />
      <ImportHistory />
    </div>
  );
}
