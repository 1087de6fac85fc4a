// Editing an indicator set: each indicator's wording and its counting rule, built from parts in a
// form (RuleBuilder) or typed as JSON (the advanced view), checked as you go and read back as a
// sentence. Saving writes a new version; old returns keep theirs.
import { useEffect, useState } from 'react';
import { useFieldArray, type UseFormRegisterReturn } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useToasts } from '../../components/Toasts';
import { Field, FieldMessage, useFieldError } from '../../components/form/Field';
import { useFieldId } from '../../components/form/field-id';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { parseRuleJson } from '../../../shared/domain/counting-rule';
import type { RuleDraft } from '../../../shared/domain/counting-rule-draft';
import { formatUkDate } from '../../../shared/domain/dates';
import { definitionStatusCodes, definitionStatusLabels } from '../../../shared/domain/definition-status';
import { geographyLevelLabels, geographyLevels } from '../../../shared/domain/geography';
import type { ChannelOutput } from '../../../shared/contract/index';
import { indicatorInputSchema, type IndicatorInput } from '../../../shared/contract/returns.contract';
import { RuleBuilder, type RuleBuilderOptions } from './RuleBuilder';
import { SaveCancel } from '../../components/form/SaveCancel';

type Detail = ChannelOutput<'returns.setDetail'>;
type Draft = Omit<IndicatorInput, 'rule'> & { ruleText: string };

function toDraft(i: Detail['indicators'][number]): Draft {
  const { sentence: _s, agreedBy: _b, agreedOn: _o, rule, ...rest } = i;
  return { ...rest, ruleText: JSON.stringify(rule, null, 2) };
}

function RuleSentence({ text, funderId }: { text: string; funderId: number }) {
  const [sentence, setSentence] = useState('');
  const parsed = parseRuleJson(text);
  useEffect(() => {
    if (!parsed.ok) return;
    const timer = setTimeout(
      () =>
        void api
          .call('returns.describeRule', { rule: parsed.rule, funderId })
          .then((r) => r.ok && setSentence(r.value.sentence)),
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

/** The rule typed so far as an object the form can edit, or null while the JSON does not read. */
function draftOf(text: string): RuleDraft | null {
  try {
    const raw: unknown = JSON.parse(text);
    // Checked against the rule's schema on save (setForm); the form edits it part by part meanwhile.
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as RuleDraft) : null;
  } catch {
    return null;
  }
}

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
      subject: 'participants',
      dateField: 'start_date',
      countDistinct: 'participant',
      funding: 'funder',
      excludeClaimedInSubmittedReturns: true,
    },
    null,
    2,
  ),
});

/** One indicator's counting rule: the form of parts, or the JSON (advanced); either way read back
 * as a sentence. The JSON text is the form's value, so an error on save belongs to it. */
function RuleEditor({
  index,
  json,
  onJson,
  text,
  onText,
  register,
  options,
  funderId,
}: {
  funderId: number;
  index: number;
  json: boolean;
  onJson(on: boolean): void;
  text: string;
  onText(text: string): void;
  register: UseFormRegisterReturn;
  options: RuleBuilderOptions;
}) {
  const name = `indicators.${index}.ruleText`;
  const error = useFieldError(name);
  const id = useFieldId(name);
  const draft = draftOf(text);
  return (
    <fieldset className="field rule-edit">
      <legend>Counting rule</legend>
      <label className="radio">
        <input type="checkbox" checked={json} onChange={(e) => onJson(e.target.checked)} />
        Show the rule as JSON (advanced)
      </label>
      {json ? (
        <Field name={name} label="Counting rule (JSON)" hint={areaHint}>
          {(c) => <textarea {...c} className="rule-json" spellCheck={false} {...register} />}
        </Field>
      ) : draft ? (
        <>
          <FieldMessage id={id} message={error} />
          <RuleBuilder
            name={`indicators.${index}.rule`}
            firstId={name}
            draft={draft}
            onChange={(next) => onText(JSON.stringify(next, null, 2))}
            options={options}
          />
        </>
      ) : (
        <p className="error-message">The JSON of this rule does not read: correct it in the JSON view.</p>
      )}
      <RuleSentence text={text} funderId={funderId} />
    </fieldset>
  );
}

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
  const { register, control, watch, setValue } = f.form;
  const rows = useFieldArray({ control, name: 'indicators' });
  const drafts = watch('indicators');
  const [asJson, setAsJson] = useState<ReadonlySet<string>>(new Set());
  const lookups = useChannel('outcomes.lookups', {}, { areas: ['outcomes'] });
  const setup = useChannel('funding.setup', {}, { areas: ['funding'] });
  const eventKinds = useChannel('events.kinds', {}, { areas: ['participants'] });
  const funderStreams = (setup.data?.streams ?? []).filter((s) => s.funderId === detail.set.funderId);
  const builderOptions = (i: number): RuleBuilderOptions => ({
    outcomeTypes: (lookups.data?.outcomeTypes ?? []).filter((t) => t.isActive),
    streams: setup.data?.streams ?? [],
    projects: (setup.data?.projects ?? []).filter(
      (p) => funderStreams.length === 0 || funderStreams.some((s) => s.id === p.streamId),
    ),
    siblings: drafts.flatMap((d, j) => (j !== i && d.code ? [{ code: d.code, title: d.title }] : [])),
    funderName: detail.set.funderName,
    eventKinds: eventKinds.data ?? [],
  });
  const agreedOf = (code: string | undefined) => detail.indicators.find((x) => x.code === code && x.agreedOn);

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
                <>
                  <select {...c} {...register(`indicators.${i}.definitionStatus`)}>
                    {definitionStatusCodes.map((code) => (
                      <option key={code} value={code}>
                        {definitionStatusLabels[code]}
                      </option>
                    ))}
                  </select>
                  {drafts[i]?.definitionStatus === 'agreed' && agreedOf(code) && (
                    <p className="muted">
                      Confirmed by {agreedOf(code)!.agreedBy ?? 'an administrator'} on{' '}
                      {formatUkDate(agreedOf(code)!.agreedOn!)}; changing the wording or rule records you instead.
                    </p>
                  )}
                  {drafts[i]?.definitionStatus === 'agreed' && !agreedOf(code) && (
                    <p className="muted">Saving records you, today, as confirming it was agreed with the funder.</p>
                  )}
                </>
              )}
            </Field>
            <RuleEditor
              index={i}
              json={asJson.has(row.id)}
              onJson={(on) => {
                const next = new Set(asJson);
                if (on) next.add(row.id);
                else next.delete(row.id);
                setAsJson(next);
              }}
              text={drafts[i]?.ruleText ?? ''}
              onText={(text) => setValue(`indicators.${i}.ruleText`, text, { shouldDirty: true })}
              register={register(`indicators.${i}.ruleText`)}
              options={builderOptions(i)}
              funderId={detail.set.funderId}
            />
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
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save as version {detail.versions[0] ? detail.versions[0].version + 1 : 1}
      </SaveCancel>
    </Form>
  );
}
