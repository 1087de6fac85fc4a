// Editing an indicator set: each indicator's wording and its counting rule (JSON, checked as
// you type and read back as a sentence). Saving writes a new version; old returns keep theirs.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ErrorSummary, fieldId } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { parseRuleJson } from '../../../shared/domain/counting-rule';
import type { ChannelOutput } from '../../../shared/contract/index';
import type { IndicatorInput } from '../../../shared/contract/returns.contract';
import type { FieldError } from '../../../shared/result';

type Detail = ChannelOutput<'returns.setDetail'>;
type Draft = Omit<IndicatorInput, 'rule'> & { ruleText: string };

function toDraft(i: Detail['indicators'][number]): Draft {
  const { sentence: _s, rule, ...rest } = i;
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

export function IndicatorSetEditor({ detail, onDone }: { detail: Detail; onDone(): void }) {
  const [drafts, setDrafts] = useState<Draft[]>(() => detail.indicators.map(toDraft));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const toasts = useToasts();
  const update = (i: number, patch: Partial<Draft>) =>
    setDrafts((all) => all.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  async function save() {
    const problems: FieldError[] = [];
    const indicators: IndicatorInput[] = [];
    drafts.forEach((d, i) => {
      const parsed = parseRuleJson(d.ruleText);
      if (!parsed.ok)
        problems.push({
          path: ['indicators', i, 'rule'],
          message:
            `${d.code || `Indicator ${i + 1}`}: the counting rule — ${parsed.errors[0]!.path ? `${parsed.errors[0]!.path}: ` : ''}` +
            `${parsed.errors[0]!.message}`,
        });
      else {
        const { ruleText: _t, ...rest } = d;
        indicators.push({ ...rest, rule: parsed.rule });
      }
    });
    if (note.trim().length < 3) problems.push({ path: ['note'], message: 'Say what changed in this version' });
    if (problems.length) return setErrors(problems);
    const result = await api.call('returns.saveSetVersion', {
      setId: detail.set.id,
      basedOnVersionId: detail.versionId,
      note,
      indicators,
    });
    if (!result.ok)
      return setErrors(
        result.error.fields?.length
          ? result.error.fields.map((f) => ({ ...f, message: describeField(f, drafts) }))
          : [{ path: ['note'], message: result.error.message }],
      );
    toasts.show({ kind: 'success', message: `Saved version ${result.value.version} of ${detail.set.name}` });
    onDone();
  }

  const fieldClass = (path: Array<string | number>) =>
    `field ${errors.some((e) => e.path.join('.') === path.join('.')) ? 'field-error' : ''}`;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-labelledby="edit-set-heading"
    >
      <h3 id="edit-set-heading">
        Edit {detail.set.name} (currently version {detail.version})
      </h3>
      <ErrorSummary errors={errors} />
      {drafts.map((d, i) => (
        <fieldset key={i} className="indicator-edit">
          <legend>{d.code || `New indicator ${i + 1}`}</legend>
          <div className={fieldClass(['indicators', i, 'code'])}>
            <label htmlFor={fieldId(['indicators', i, 'code'])}>Code</label>
            <input
              id={fieldId(['indicators', i, 'code'])}
              value={d.code}
              onChange={(e) => update(i, { code: e.target.value })}
            />
          </div>
          <div className={fieldClass(['indicators', i, 'title'])}>
            <label htmlFor={fieldId(['indicators', i, 'title'])}>Title</label>
            <input
              id={fieldId(['indicators', i, 'title'])}
              value={d.title}
              onChange={(e) => update(i, { title: e.target.value })}
            />
          </div>
          <div className={fieldClass(['indicators', i, 'definition'])}>
            <label htmlFor={fieldId(['indicators', i, 'definition'])}>Definition</label>
            <textarea
              id={fieldId(['indicators', i, 'definition'])}
              rows={2}
              value={d.definition}
              onChange={(e) => update(i, { definition: e.target.value })}
            />
          </div>
          <div className={fieldClass(['indicators', i, 'unit'])}>
            <label htmlFor={fieldId(['indicators', i, 'unit'])}>Unit</label>
            <input
              id={fieldId(['indicators', i, 'unit'])}
              value={d.unit}
              onChange={(e) => update(i, { unit: e.target.value })}
            />
          </div>
          <div className={fieldClass(['indicators', i, 'evidenceRequired'])}>
            <label htmlFor={fieldId(['indicators', i, 'evidenceRequired'])}>Evidence required</label>
            <textarea
              id={fieldId(['indicators', i, 'evidenceRequired'])}
              rows={2}
              value={d.evidenceRequired}
              onChange={(e) => update(i, { evidenceRequired: e.target.value })}
            />
          </div>
          <label className="radio">
            <input
              type="checkbox"
              checked={d.needsLocalConfirmation}
              onChange={(e) => update(i, { needsLocalConfirmation: e.target.checked })}
            />{' '}
            For local confirmation (no public source confirms the wording)
          </label>
          <div className={fieldClass(['indicators', i, 'rule'])}>
            <label htmlFor={fieldId(['indicators', i, 'rule'])}>Counting rule (JSON)</label>
            <textarea
              className="rule-json"
              id={fieldId(['indicators', i, 'rule'])}
              value={d.ruleText}
              onChange={(e) => update(i, { ruleText: e.target.value })}
              spellCheck={false}
            />
            <RuleSentence text={d.ruleText} />
          </div>
          <button type="button" className="danger" onClick={() => setDrafts((all) => all.filter((_, j) => j !== i))}>
            Remove {d.code || 'this indicator'}
          </button>
        </fieldset>
      ))}
      <div className="button-row">
        <button
          type="button"
          onClick={() =>
            setDrafts((all) => [
              ...all,
              {
                code: '',
                title: '',
                definition: '',
                unit: 'People',
                evidenceRequired: '',
                interventionCode: null,
                needsLocalConfirmation: true,
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
              },
            ])
          }
        >
          Add an indicator
        </button>
      </div>
      <div className={fieldClass(['note'])}>
        <label htmlFor={fieldId(['note'])}>What changed in this version</label>
        <input id={fieldId(['note'])} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="primary">
          Save as version {detail.versions[0] ? detail.versions[0].version + 1 : 1}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function describeField(f: FieldError, drafts: Draft[]): string {
  const i = typeof f.path[1] === 'number' ? f.path[1] : -1;
  return i >= 0 ? `${drafts[i]?.code || `Indicator ${i + 1}`}: ${f.message}` : f.message;
}
