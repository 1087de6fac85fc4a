// The participant record's fields in sections, for the "New participant" form and the Details
// tab alike, inside a <Form>: each Field shows its message from the shared zod schema (instant)
// or the backend (authoritative).
import type { ReactNode } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { ChannelOutput } from '../../../shared/contract/index';
import type { ParticipantRecord, ParticipantRecordInput } from '../../../shared/domain/participant-record';
import { ethnicityOptions } from '../../../shared/domain/participant-record';
import {
  CONDITION_IMPACT_QUESTION,
  conditionImpactAnswers,
  contactMethods,
  exclusiveBenefitCodes,
  HEALTH_CONDITION_QUESTION,
  healthConditionAnswers,
  labourMarketStatuses,
  qualificationLevels,
  sexes,
  timeOutOfWork,
  ucConditionalityRegimes,
  yesNoPreferNot,
} from '../../../shared/domain/reference-lists';
import { parseUkDate } from '../../../shared/domain/dates';
import { labourMarketProblem } from '../../../shared/domain/labour-market';
import { Field } from '../../components/form/Field';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { SelectOptions } from '../../components/form/SelectOptions';
import { toId } from '../../components/form/values';
import { NameDigitsCheck } from './NameDigitsCheck';
import { PostcodeCheck } from './PostcodeCheck';
import type { DuplicateKeyField } from './use-duplicate-check';

export type RecordForm = UseFormReturn<ParticipantRecordInput, unknown, ParticipantRecord>;
type Options = ChannelOutput<'participants.options'>;
type Name = keyof ParticipantRecordInput & string;

const PARTNERS = ['JCP', 'NHC', 'Employers on the programme', 'Hertfordshire County Council'];

export function ParticipantFormFields({
  form,
  options,
  onKeyBlur,
  after,
  readOnly,
}: {
  form: RecordForm;
  options: Options;
  /** Leaving a field used to find duplicates. */
  onKeyBlur?(field: DuplicateKeyField): void;
  /** What to show right after a field used to find duplicates (the warning they brought up). */
  after?(field: DuplicateKeyField): ReactNode;
  readOnly?: boolean;
}) {
  const { register, watch } = form;
  const heldSource = form.formState.defaultValues?.referralSource ?? null;
  const text = (
    name: Name,
    label: string,
    extra: { hint?: string; type?: string; autoComplete?: string; keyField?: DuplicateKeyField; narrow?: boolean } = {},
  ) => {
    const key = extra.keyField;
    return (
      <>
        <Field name={name} label={label} {...(extra.hint ? { hint: extra.hint } : {})}>
          {(control) => (
            <input
              {...control}
              type={extra.type ?? 'text'}
              autoComplete={extra.autoComplete ?? 'off'}
              spellCheck={false}
              readOnly={readOnly}
              className={extra.narrow ? 'width-10' : undefined}
              {...register(name, key && onKeyBlur ? { onBlur: () => onKeyBlur(key) } : {})}
            />
          )}
        </Field>
        {key && after?.(key)}
      </>
    );
  };
  const select = (name: Name, label: string, list: Parameters<typeof SelectOptions>[0]['options'], hint?: string) => (
    <Field name={name} label={label} {...(hint ? { hint } : {})}>
      {(control) => (
        <select {...control} disabled={readOnly} {...register(name)}>
          <SelectOptions options={list} />
        </select>
      )}
    </Field>
  );
  const idSelect = (
    name: 'keyWorkerId' | 'fundingStreamId',
    label: string,
    list: Array<{ id: number; name: string }>,
  ) => (
    <Field name={name} label={label}>
      {(control) => (
        <select {...control} disabled={readOnly} {...register(name, { setValueAs: toId })}>
          <option value="">None</option>
          {list.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const dateHint = 'For example, 27/3/1990';
  const niStatus = watch('niStatus');
  const noFixedAbode = watch('noFixedAbode') === true;
  const healthCondition = watch('healthCondition');
  const benefits = watch('benefits') ?? [];
  const lmsProblem = labourMarketProblem({
    status: watch('labourMarketStatus') || null,
    timeOutOfWork: watch('timeOutOfWork') || null,
    dateOfBirth: parseUkDate(watch('dateOfBirth') ?? ''),
    entryDate: parseUkDate(watch('startDate') ?? '') ?? parseUkDate(watch('referralDate') ?? '') ?? options.today,
  });
  // "None" and "Prefer not to say" stand alone: ticking one clears the others, ticking a benefit clears them.
  const benefitProps = (code: string) => {
    const reg = register('benefits');
    return {
      ...reg,
      onChange: (e: { target: { checked: boolean } }) => {
        const now = form.getValues('benefits') ?? [];
        const next = e.target.checked
          ? exclusiveBenefitCodes.includes(code)
            ? [code]
            : [...now.filter((b) => !exclusiveBenefitCodes.includes(b)), code]
          : now.filter((b) => b !== code);
        form.setValue('benefits', next, { shouldDirty: true, shouldValidate: true });
      },
      checked: benefits.includes(code),
    };
  };

  return (
    <>
      <fieldset className="form-section" disabled={readOnly}>
        <legend className="visually-hidden">Identity and contact</legend>
        <h2>Identity and contact</h2>
        <div className="form-grid">
          {text('firstName', 'First name', { autoComplete: 'off', keyField: 'firstName' })}
          {text('lastName', 'Last name', { keyField: 'lastName' })}
          {text('preferredName', 'Preferred name (optional)')}
          {text('dateOfBirth', 'Date of birth', { hint: dateHint, keyField: 'dateOfBirth', narrow: true })}
        </div>
        <NameDigitsCheck
          names={[
            { label: 'First name', value: watch('firstName') },
            { label: 'Last name', value: watch('lastName') },
            { label: 'Preferred name', value: watch('preferredName') },
          ]}
        />
        <ChoiceGroup
          name="niStatus"
          legend="National Insurance number"
          type="radio"
          inline
          options={[
            { code: 'known', label: 'Known' },
            { code: 'not_yet_known', label: 'Not yet known' },
          ]}
          inputProps={() => register('niStatus')}
        />
        {niStatus === 'known' &&
          text('niNumber', 'NI number', { hint: 'For example, JK 12 34 56 C', keyField: 'niNumber', narrow: true })}
        <ChoiceGroup
          name="noFixedAbode"
          legend="Where they live"
          hint="Someone with no fixed abode is eligible through a local-connection statement instead of an address"
          type="checkbox"
          eachAField
          options={[{ code: 'noFixedAbode', label: 'No fixed abode' }]}
          inputProps={() => register('noFixedAbode')}
        />
        <div className="form-grid">
          {text('uln', 'Unique Learner Number (optional)', { hint: '10 digits, if the college has one', narrow: true })}
          {text('addressLine1', 'Address line 1')}
          {text('addressLine2', 'Address line 2 (optional)')}
          {text('town', 'Town')}
          <div>
            {text('postcode', noFixedAbode ? 'Postcode for letters (optional)' : 'Postcode', {
              keyField: 'postcode',
              narrow: true,
            })}
            {!noFixedAbode && <PostcodeCheck postcode={watch('postcode') ?? ''} />}
          </div>
          {text('phone', 'Phone', { type: 'tel', keyField: 'phone' })}
          {text('email', 'Email (optional)', { type: 'email' })}
          {select('preferredContact', 'Preferred contact method', contactMethods)}
        </div>
      </fieldset>

      <fieldset className="form-section" disabled={readOnly}>
        <legend className="visually-hidden">Equality monitoring</legend>
        <h2>Equality monitoring</h2>
        <p className="hint">
          Every question offers “Prefer not to say”. Ethnicity, health and disability, gender identity and benefits paid
          for a health condition (PIP, ESA) are special-category data.
        </p>
        <div className="form-grid">
          {select('sex', 'Sex', sexes)}
          {select(
            'genderSameAsBirth',
            'Is the gender you identify with the same as your sex registered at birth?',
            yesNoPreferNot,
          )}
          {select('ethnicity', 'Ethnic group (ONS 2021)', ethnicityOptions)}
          {select('isCarer', 'Caring responsibilities', yesNoPreferNot)}
          {select('isLoneParent', 'Lone parent', yesNoPreferNot)}
        </div>
        <ChoiceGroup
          name="healthCondition"
          legend={HEALTH_CONDITION_QUESTION}
          hint="Consider conditions or illnesses that affect physical or mental health"
          type="radio"
          inline
          options={healthConditionAnswers}
          inputProps={() => register('healthCondition')}
        />
        {healthCondition === 'yes' && (
          <ChoiceGroup
            name="conditionImpact"
            legend={CONDITION_IMPACT_QUESTION}
            type="radio"
            inline
            options={conditionImpactAnswers}
            inputProps={() => register('conditionImpact')}
          />
        )}
      </fieldset>

      <fieldset className="form-section" disabled={readOnly}>
        <legend className="visually-hidden">Situation at entry</legend>
        <h2>Situation at entry</h2>
        <div className="form-grid">
          {select('labourMarketStatus', 'Labour-market status', labourMarketStatuses)}
          {select('timeOutOfWork', 'Time out of work', timeOutOfWork)}
          {select('qualificationLevel', 'Highest qualification', qualificationLevels)}
        </div>
        {lmsProblem && (
          <div className="warning-text" role="status" id="labour-market-prompt">
            <strong>Check the labour-market status:</strong> {lmsProblem.message}
            {lmsProblem.suggested && !readOnly && (
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  form.setValue('labourMarketStatus', lmsProblem.suggested!, {
                    shouldDirty: true,
                    shouldValidate: true,
                  })
                }
              >
                Use “{labourMarketStatuses.find((s) => s.code === lmsProblem.suggested)?.label}”
              </button>
            )}
          </div>
        )}
        <ChoiceGroup
          name="benefits"
          legend="Benefits received"
          hint="Select all that apply"
          type="checkbox"
          options={options.benefits}
          inputProps={benefitProps}
        />
        {benefits.includes('universal_credit') &&
          select('ucConditionality', 'Universal Credit conditionality regime', ucConditionalityRegimes)}
        <ChoiceGroup
          name="barriers"
          legend="Barriers"
          hint="Select all that apply"
          type="checkbox"
          options={options.barriers}
          inputProps={() => register('barriers')}
        />
      </fieldset>

      <fieldset className="form-section" disabled={readOnly}>
        <legend className="visually-hidden">Referral and programme</legend>
        <h2>Referral and programme</h2>
        <div className="form-grid">
          {select(
            'referralSource',
            'Referral source',
            // Retired sources are not offered, except the one this record already holds.
            options.referralSources.filter((o) => o.isActive || o.code === heldSource),
          )}
          {text('referralDate', 'Referral date', { hint: dateHint, narrow: true })}
          {text('referrerName', 'Referrer (optional)')}
          {idSelect('fundingStreamId', 'Programme / funding stream', options.fundingStreams)}
          {idSelect('keyWorkerId', 'Key worker', options.staff)}
          {text('startDate', 'Start date', { hint: dateHint, narrow: true })}
          {text('leaveDate', 'Leave date (optional)', { hint: dateHint, narrow: true })}
        </div>
      </fieldset>

      <fieldset className="form-section" disabled={readOnly}>
        <legend className="visually-hidden">Consent and privacy</legend>
        <h2>Consent and privacy</h2>
        <div className="form-grid">
          {text('privacyNoticeVersion', 'Privacy notice version shown', { narrow: true })}
          {text('privacyNoticeDate', 'Date privacy notice shown', { hint: dateHint, narrow: true })}
        </div>
        <ChoiceGroup
          name="consentPartners"
          legend="Consents to share with"
          type="checkbox"
          options={PARTNERS.map((p) => ({ code: p, label: p }))}
          inputProps={() => register('consentPartners')}
        />
        <Field name="lawfulBasisNote" label="Lawful basis note">
          {(control) => <textarea {...control} rows={2} readOnly={readOnly} {...register('lawfulBasisNote')} />}
        </Field>
      </fieldset>
    </>
  );
}
