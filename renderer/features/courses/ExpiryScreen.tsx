// The expiry worklist: CSCS cards expiring within N days, and HS&E passes about to lapse for
// people who have not applied for a card yet, with how to reach each person; exportable.
import { plural } from '../../../shared/domain/labels';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { exportAndSave } from '../../components/export-job';
import { useToasts } from '../../components/Toasts';
import { formatUkDate } from '../../../shared/domain/dates';
import { Field } from '../../components/form/Field';
import { useSearchParam } from '../../app/router';
import { coursesTabs } from './courses.routes';
import { TableScroll } from '../../components/TableScroll';

export function ExpiryScreen() {
  // Kept in the address (?within=30), so Back and a reload keep the choice.
  const [within, setWithin] = useSearchParam('within');
  const daysText = within ?? '60';
  const days = Number(daysText);
  const valid = Number.isInteger(days) && days >= 1 && days <= 730;
  const list = useChannel('courses.expiry.list', { withinDays: valid ? days : 60 }, { areas: ['courses'] });
  const canExport = useCan('officer');
  const toasts = useToasts();
  const rows = list.data?.rows ?? [];
  return (
    <>
      <PageHeader
        tabs={coursesTabs}
        title="Expiry worklist"
        subtitle={
          list.data
            ? `${rows.length} items: cards expiring, and HS&E passes lapsing before a card application`
            : 'Loading…'
        }
        actions={
          canExport && (
            <button
              type="button"
              disabled={!rows.length}
              onClick={() =>
                exportAndSave(
                  'courses.expiry.export',
                  { withinDays: valid ? days : 60 },
                  toasts,
                  (file) => `Exported ${plural(file.rows ?? 0, 'item')} (recorded in the audit log)`,
                )
              }
            >
              Export to Excel
            </button>
          )
        }
      />
      <Field
        name="withinDays"
        label="Expiring within (days)"
        error={valid ? undefined : 'Enter a whole number of days from 1 to 730'}
      >
        {(c) => (
          <input
            {...c}
            className="input-narrow"
            type="text"
            inputMode="numeric"
            value={daysText}
            onChange={(e) => setWithin(e.target.value)}
          />
        )}
      </Field>
      {list.error && (
        <p role="alert" className="error-message">
          {list.error.message}
        </p>
      )}
      {list.data && !rows.length && (
        <EmptyState title="Nothing expiring">
          No CSCS cards expire and no HS&amp;E passes lapse in the next {valid ? days : 60} days.
        </EmptyState>
      )}
      {rows.length > 0 && (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Expiring cards and HS&amp;E passes</caption>
            <thead>
              <tr>
                <th scope="col">Expires</th>
                <th scope="col" className="num">
                  Days left
                </th>
                <th scope="col">What</th>
                <th scope="col">Name</th>
                <th scope="col">Reference</th>
                <th scope="col">Phone</th>
                <th scope="col">Email</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatUkDate(r.expiresOn)}</td>
                  <td className="num">{r.daysLeft}</td>
                  <td>
                    <span className={`tag ${r.kind === 'card' ? 'tag-blue' : 'tag-yellow'}`}>
                      {r.kind === 'card' ? 'Card' : 'HS&E'}
                    </span>{' '}
                    {r.item}
                  </td>
                  <td>{r.name}</td>
                  <td className="unbroken">{r.reference}</td>
                  <td className="unbroken">{r.phone ?? ''}</td>
                  <td>{r.email ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
