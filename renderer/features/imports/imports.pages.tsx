// Which screen shows each address of the imports area (the addresses: imports.routes.ts).
import './imports.css';
import { page, type Page } from '../../app/pages';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { importsRoutes } from './imports.routes';
import { ImportWizard } from './ImportWizard';
import { ImportHistory } from './ImportHistory';
import { BatchPage } from './BatchPage';
import { ReconcileScreen } from './ReconcileScreen';

function ImportsHome() {
  return (
    <div className="screen-fill">
      <PageHeader
        title="Imports"
        subtitle="Bring in partner spreadsheets safely: nothing is saved until you have checked every row."
        actions={
          <button type="button" onClick={() => navigate(importsRoutes.reconcile.path())}>
            Reconcile a partner file
          </button>
        }
      />
      <ImportWizard />
      <ImportHistory />
    </div>
  );
}

export const importsPages: Page[] = [
  page(importsRoutes.home, () => <ImportsHome />),
  page(importsRoutes.batch, ({ id }) => <BatchPage batchId={id} />),
  page(importsRoutes.reconcile, () => <ReconcileScreen />),
];
