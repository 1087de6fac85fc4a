// Editing an indicator set: each indicator's wording and its counting rule (JSON, checked as
// you type and read back as a sentence). Saving writes a new version; old returns keep theirs.
import { useEffect, useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../../api/client';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { parseRuleJson } from '../../../shared/domain/counting-rule';
import { definitionStatusCodes, definitionStatusLabels } from '../../../shared/domain/definition-status';
import { geographyLevelLabels, geographyLevels } from '../../../shared/domain/geography';
import type { ChannelOutput } from '../../../shared/contract/index';
import { indicatorInputSchema, type IndicatorInput } from '../../../shared/contract/returns.contract';

type Detail = ChannelOutput<'returns.setDetail'>;
type Draft = Omit<IndicatorInput, 'rule'> & { ruleText: string };

function toDraft(i: Detail['indicators'][number]): Draft {
  const { sentence: _s, agreedBy: _b, agreedOn: _o, rule, ...rest } = i;
  return { ...rest, ruleText: JSON.stringify(rule, null, 2) };
}

function RuleSentence({ text }: { text: string }) {
  const [sentence, setSentence] = useState('');
  const parsed = parseRuleJson(text);
  useEffect(() => {
    if (!parsed.ok) return;
    const timer = setTimeout(
      () =>
        void api.call('returns.describeRule', { rule: parsed.rule }).then((r) => r.ok && setSentence(r.value.sentence)),
      250,
    );
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-run when the text changes
  }, [text]);
  if (!parsed.ok)
    return (
      <ul className="error-message">
        {parsed.errors.map((e, i) => (
          <li key={i}>
            {e.path ? `${e.path}: ` : ''}
            {e.message}
          </li>
        ))}
      </ul>
    );
  return (
    <p className="sentence" aria-live="polite">
      <strong>Reads as:</strong> {sentence}
    </p>
  );
}

/** The form: each indicator with its rule as JSON text (read into the rule here, with a message
 * naming the indicator when it cannot be); the note says what changed. */
const setForm = z.object({
  note: z.string(),
  indicators: z.array(
    indicatorInputSchema
      .omit({ rule: true })
      .extend({ ruleText: z.string() })
      .transform(({ ruleText, ...indicator }, ctx) => {
        const parsed = parseRuleJson(ruleText);
        if (parsed.ok) return { ...indicator, rule: parsed.rule };
        const first = parsed.errors[0]!;
        ctx.addIssue({
          code: 'custom',
          path: ['ruleText'],
          message: `${indicator.code || 'This indicator'}: the counting rule — ${first.path ? `${first.path}: ` : ''}${first.message}`,
        });
        return z.NEVER;
      }),
  ),
});

/** Where people live, as a rule says it: the levels the geography area resolves (the local area
 * is the set of local authorities in Settings → Geography). */
const areaHint = (
  <>
    To count only people living in an area, add <code>&quot;area&quot;</code>: <code>{'{ "level": "local" }'}</code> for
    the local area set in Settings → Geography, or a level (
    {geographyLevels
      .filter((l) => l !== 'local')
      .map((l, i) => (
        <span key={l}>
          {i > 0 ? ', ' : ''}
          <code>{l}</code> ({geographyLevelLabels[l].toLowerCase()})
        </span>
      ))}
    ) with its codes, for example <code>{'{ "level": "imd_decile", "codes": ["1", "2"] }'}</code>.
  </>
);

const newIndicator = (): Draft => ({
  code: '',
  title: '',
  definition: '',
  unit: 'People',
  evidenceRequired: '',
  interventionCode: null,
  definitionStatus: 'local_draft',
  ruleText: JSON.stringify(
    {
      subject: 'outcomes',
      dateField: 'outcome_date',
      outcomeTypes: ['job_start'],
      verifiedOnly: true,
      countDistinct: 'participant',
      excludeClaimedInSubmittedReturns: true,
    },
    null,
    2,
  ),
});

export function IndicatorSetEditor({ detail, onDone }: { detail: Detail; onDone(): void }) {
  const toasts = useToasts();
  const f = useContractForm('returns.saveSetVersion', {
    schema: setForm,
    defaultValues: { note: '', indicators: detail.indicators.map(toDraft) },
    messages: { note: 'Say what changed in this version' },
    toInput: ({ note, indicators }) => ({ setId: detail.set.id, basedOnVersionId: detail.versionId, note, indicators }),
    // The rule is typed as JSON in one box: the contract's errors inside it belong there.
    fieldFor: (path) =>
      path[0] === 'indicators' && typeof path[1] === 'number'
        ? `indicators.${path[1]}.${path[2] === 'rule' || path[2] === undefined ? 'ruleText' : path[2]}`
        : path[0] === 'note'
          ? 'note'
          : null,
    onSuccess: (saved) => {
      toasts.show({ kind: 'success', message: `Saved version ${saved.version} of ${detail.set.name}` });
      onDone();
    },
  });
  const { register, control, watch } = f.form;
  const rows = useFieldArray({ control, name: 'indicators' });
  const drafts = watch('indicators');

  return (
    <Form
      of={f}
      aria-labelledby="edit-set-heading"
      heading={
        <h3 id="edit-set-heading">
          Edit {detail.set.name} (currently version {detail.version})
        </h3>
      }
    >
      {rows.fields.map((row, i) => {
        const code = drafts[i]?.code;
        return (
          <fieldset key={row.id} className="indicator-edit">
            <legend>{code || `New indicator ${i + 1}`}</legend>
            <Field name={`indicators.${i}.code`} label="Code">
              {(c) => <input {...c} {...register(`indicators.${i}.code`)} />}
            </Field>
            <Field name={`indicators.${i}.title`} label="Title">
              {(c) => <input {...c} {...register(`indicators.${i}.title`)} />}
            </Field>
            <Field name={`indicators.${i}.definition`} label="Definition">
              {(c) => <textarea {...c} rows={2} {...register(`indicators.${i}.definition`)} />}
            </Field>
            <Field name={`indicators.${i}.unit`} label="Unit">
              {(c) => <input {...c} {...register(`indicators.${i}.unit`)} />}
            </Field>
            <Field name={`indicators.${i}.evidenceRequired`} label="Evidence required">
              {(c) => <textarea {...c} rows={2} {...register(`indicators.${i}.evidenceRequired`)} />}
            </Field>
            <Field
              name={`indicators.${i}.definitionStatus`}
              label="Definition status"
              hint="Choose “agreed with the funder” only when the funder has confirmed this definition."
            >
              {(c) => (
                <select {...c} {...register(`indicators.${i}.definitionStatus`)}>
                  {definitionStatusCodes.map((code) => (
                    <option key={code} value={code}>
                      {definitionStatusLabels[code]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name={`indicators.${i}.ruleText`} label="Counting rule (JSON)" hint={areaHint}>
              {(c) => (
                <>
                  <textarea {...c} className="rule-json" spellCheck={false} {...register(`indicators.${i}.ruleText`)} />
                  <RuleSentence text={drafts[i]?.ruleText ?? ''} />
                </>
              )}
            </Field>
            <button type="button" className="danger" onClick={() => rows.remove(i)}>
              Remove {code || 'this indicator'}
            </button>
          </fieldset>
        );
      })}
      <div className="button-row">
        <button type="button" onClick={() => rows.append(newIndicator())}>
          Add an indicator
        </button>
      </div>
      <Field name="note" label="What changed in this version">
        {(c) => <input {...c} {...register('note')} />}
      </Field>
      <div className="button-row">
        <button type="submit" className="primary" disabled={f.saving}>
          Save as version {detail.versions[0] ? detail.versions[0].version + 1 : 1}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </Form>
  );
}
