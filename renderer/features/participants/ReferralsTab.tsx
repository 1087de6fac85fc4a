// Referrals: the first participation (the record's own referral, which counting starts from) and
// each later one, and a form to add a new referral when someone already on the record is referred
// again, so the first referral date is never overwritten.
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { DateField } from '../../components/form/ControlledFields';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { SelectOptions } from '../../components/form/SelectOptions';
import { useContractForm } from '../../components/form/use-contract-form';
import { useToasts } from '../../components/Toasts';
import { formatUkDate } from '../../../shared/domain/dates';
import { labelOf } from '../../../shared/domain/reference-lists';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import { TableScroll } from '../../components/TableScroll';

const sourceText = { record: 'On the record', form: 'Added by an officer', import: 'From a partner’s file' } as const;

export function ReferralsTab({ detail }: { detail: ParticipantDetail }) {
  const referrals = useChannel('participants.referrals', { id: detail.id }, { areas: ['participants'] });
  // Referral sources are a reference list (Settings → Reference lists): labels of retired ones too.
  const sources = useChannel('reference.choices', {}, { areas: ['participants'] }).data?.referralSources ?? [];
  const canEdit = useCan('officer') && detail.status !== 'merged' && detail.status !== 'anonymised';
  const toasts = useToasts();
  const f = useContractForm('participants.addReferral', {
    defaultValues: {
      participantId: detail.id,
      referralDate: '',
      referralSource: '',
      referrerName: '',
      startDate: null,
      notes: '',
    },
    messages: { referralDate: 'Enter the date of the new referral' },
    onSuccess: (added, _input, form) => {
      form.reset();
      referrals.reload();
      toasts.show({ kind: 'success', message: `Referral ${added.number} added; the first referral is kept` });
    },
  });
  const rows = referrals.data ?? [];
  return (
    <div>
      <h2>Referrals</h2>
      <p className="muted">
        The first referral is the person’s first participation: returns count their start from it unless an indicator
        counts re-entries. A person referred again gets a new referral here.
      </p>
      {referrals.error && (
        <p role="alert" className="error-message">
          {referrals.error.message}
        </p>
      )}
      <TableScroll>
        <table className="data">
          <caption className="visually-hidden">Referrals of {detail.reference}</caption>
          <thead>
            <tr>
              <th scope="col">Referral</th>
              <th scope="col">Referred on</th>
              <th scope="col">Referred by</th>
              <th scope="col">Started</th>
              <th scope="col">Recorded</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id ?? 'first'}>
                <th scope="row">
                  {r.number === 1 ? 'First referral' : `Referral ${r.number}`}
                  {r.notes && <div className="muted small">{r.notes}</div>}
                </th>
                <td>{formatUkDate(r.referralDate) || 'Not recorded'}</td>
                <td>
                  {r.referralSource ? labelOf(sources, r.referralSource) : '–'}
                  {r.referrerName && <div className="muted small">{r.referrerName}</div>}
                </td>
                <td>{formatUkDate(r.startDate) || '–'}</td>
                <td className="muted">
                  {sourceText[r.source]}
                  {r.createdBy ? ` · ${r.createdBy}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {canEdit && (
        <section className="form-box" aria-labelledby="add-referral-title">
          <Form
            of={f}
            heading={
              <h3 id="add-referral-title" className="flush-top">
                Add a new referral
              </h3>
            }
          >
            <div className="form-grid">
              <DateField name="referralDate" label="Referral date" blank="" />
              <Field name="referralSource" label="Referred by">
                {(c) => (
                  <select {...c} {...f.form.register('referralSource')}>
                    <SelectOptions options={sources.filter((o) => o.isActive)} />
                  </select>
                )}
              </Field>
              <Field name="referrerName" label="Referrer (optional)">
                {(c) => <input {...c} type="text" {...f.form.register('referrerName')} />}
              </Field>
              <DateField name="startDate" label="Start date (optional)" />
            </div>
            <Field name="notes" label="Notes (optional)">
              {(c) => <textarea {...c} rows={2} {...f.form.register('notes')} />}
            </Field>
            <button type="submit" className="primary" disabled={f.saving}>
              Add referral
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
