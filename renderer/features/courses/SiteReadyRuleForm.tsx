// The site-ready rule, as administrators set it: which requirements count, which card types,
// and whether PPE and sign-off lapse. Saving applies it at once to everyone.
import { useState } from 'react';
import { cscsCardTypes } from '../../../shared/domain/cscs';
import type { SiteReadyRule } from '../../../shared/domain/site-ready';
import type { FieldError } from '../../../shared/result';
import { api } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';

export function SiteReadyRuleForm({ rule, onDone }: { rule: SiteReadyRule; onDone(): void }) {
  const [r, setR] = useState(rule);
  const [ppeMonths, setPpeMonths] = useState(rule.ppeValidMonths ? String(rule.ppeValidMonths) : '');
  const [signMonths, setSignMonths] = useState(rule.signoffValidMonths ? String(rule.signoffValidMonths) : '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const toasts = useToasts();
  const flag = (
    key: 'requireCard' | 'requireHsePass' | 'requireL1Award' | 'requirePpe' | 'requireSignoff',
    label: string,
  ) => (
    <label className="radio">
      <input type="checkbox" checked={r[key]} onChange={(e) => setR({ ...r, [key]: e.target.checked })} /> {label}
    </label>
  );
  const save = async () => {
    const months = (t: string) => (t.trim() === '' ? null : Number(t));
    const result = await api.call('courses.siteReady.setRule', {
      ...r,
      ppeValidMonths: months(ppeMonths),
      signoffValidMonths: months(signMonths),
    });
    if (!result.ok) {
      setErrors(
        result.error.fields?.length
          ? result.error.fields.map((f) => ({ ...f, path: [String(f.path[0])] }))
          : [{ path: ['requireCard'], message: result.error.message }],
      );
      return;
    }
    toasts.show({ kind: 'success', message: 'Site-ready rule saved and applied' });
    onDone();
  };
  return (
    <div>
      <ErrorSummary
        errors={errors.map((e) => ({
          ...e,
          message:
            e.path[0] === 'ppeValidMonths' || e.path[0] === 'signoffValidMonths'
              ? 'Months must be a whole number from 1 to 120, or blank'
              : e.message,
        }))}
      />
      <fieldset className="field">
        <legend>A person is site ready when they have</legend>
        {flag('requireCard', 'A valid CSCS card')}
        {flag('requireHsePass', 'An HS&E test pass within its validity')}
        {flag('requireL1Award', 'The Level 1 Award in Health and Safety')}
        {flag('requirePpe', 'PPE issued')}
        {flag('requireSignoff', 'Readiness signed off by an officer')}
      </fieldset>
      <fieldset className="field">
        <legend>Card types that count (none ticked = any CSCS card)</legend>
        {cscsCardTypes.map((c) => (
          <label key={c.code} className="radio">
            <input
              type="checkbox"
              checked={r.acceptedCardTypes.includes(c.code)}
              onChange={(e) =>
                setR({
                  ...r,
                  acceptedCardTypes: e.target.checked
                    ? [...r.acceptedCardTypes, c.code]
                    : r.acceptedCardTypes.filter((x) => x !== c.code),
                })
              }
            />{' '}
            {c.label}
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="field-ppeValidMonths">PPE counts for (months)</label>
          <p className="hint" id="hint-ppe">
            Blank: PPE once issued always counts
          </p>
          <input
            id="field-ppeValidMonths"
            className="input-narrow"
            inputMode="numeric"
            value={ppeMonths}
            onChange={(e) => setPpeMonths(e.target.value)}
            aria-describedby="hint-ppe"
          />
        </div>
        <div className="field">
          <label htmlFor="field-signoffValidMonths">A sign-off counts for (months)</label>
          <p className="hint" id="hint-sign">
            Blank: until it is revoked
          </p>
          <input
            id="field-signoffValidMonths"
            className="input-narrow"
            inputMode="numeric"
            value={signMonths}
            onChange={(e) => setSignMonths(e.target.value)}
            aria-describedby="hint-sign"
          />
        </div>
      </div>
      <div className="button-row">
        <button type="button" className="primary" onClick={save}>
          Save the rule
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
