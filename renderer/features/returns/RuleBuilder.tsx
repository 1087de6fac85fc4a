// A counting rule built from parts, without code: what is counted and by which date, then the
// conditions (who, what kind, which funding, where), each a labelled control. The set editor keeps
// the rule as JSON text (its "advanced" view); this form reads that text and writes it back, and
// the sentence under it reads the rule back (returns.describeRule).
import { useId, useState, type ReactNode } from 'react';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { useFieldId } from '../../components/form/field-id';
import {
  dateFieldsBySubject,
  ruleSubjects,
  type AgeRange,
  type CountingRule,
  type RuleSubject,
} from '../../../shared/domain/counting-rule';
import {
  agePresets,
  changeSubject,
  distinctFor,
  partsBySubject,
  sameRange,
  withPart,
  type RuleDraft,
} from '../../../shared/domain/counting-rule-draft';
import { labourMarketStatuses, qualificationLevels, sexes } from '../../../shared/domain/reference-lists';
import { placementKinds } from '../../../shared/domain/outcome-lists';
import { geographyLevelLabels, geographyLevels, type GeographyLevel } from '../../../shared/domain/geography';

const subjectLabels: Record<RuleSubject, string> = {
  participants: 'People starting on the programme',
  funding_spells: 'People starting funded support (funding spells)',
  outcomes: 'Outcomes (jobs, qualifications and other results)',
  enrolments: 'Course enrolments',
  course_runs: 'Course runs',
  site_ready: 'Site-ready sign-offs',
  placements: 'Placements (work experience, trials, jobs)',
};

const dateLabels: Record<string, string> = {
  start_date: 'The start date',
  referral_date: 'The referral date',
  starts_on: 'The start of the spell or placement',
  outcome_date: 'The outcome date',
  run_start_date: 'The course run’s start',
  enrolled_on: 'The day they enrolled',
  completed_on: 'The day they completed',
  end_date: 'The course run’s end',
  signed_on: 'The sign-off date',
};

const distinctLabels: Record<CountingRule['countDistinct'], string> = {
  participant: 'Each person once',
  item: 'Each item once',
  employer: 'Each employer once',
};

const enrolmentStatusLabels = [
  { code: 'enrolled', label: 'Enrolled' },
  { code: 'waiting', label: 'Waiting' },
  { code: 'completed', label: 'Completed' },
  { code: 'not_completed', label: 'Did not complete' },
  { code: 'withdrawn', label: 'Withdrawn' },
] as const;

const apprenticeshipLevels = [2, 3, 4, 5, 6, 7].map((n) => ({ code: String(n), label: `Level ${n}` }));

export interface RuleBuilderOptions {
  outcomeTypes: ReadonlyArray<{ code: string; label: string }>;
  streams: ReadonlyArray<{ code: string; name: string }>;
  projects: ReadonlyArray<{ code: string; name: string; interventionCode: string | null }>;
  /** The other indicators of the set (for "not if already counted under"). */
  siblings: ReadonlyArray<{ code: string; title: string }>;
  funderName: string;
  /** Kinds of event (the reference list), for "attended an event of kind …". */
  eventKinds: ReadonlyArray<{ code: string; label: string }>;
}

/** A comma-separated list typed into a box (postcode districts, sectors, area codes): the text is
 * kept as typed and the list given on each change. */
function ListInput({
  id,
  value,
  onList,
  describedBy,
}: {
  id: string;
  value: readonly string[];
  onList(list: string[]): void;
  describedBy?: string;
}) {
  const [text, setText] = useState(value.join(', '));
  return (
    <input
      id={id}
      value={text}
      aria-describedby={describedBy}
      onChange={(e) => {
        setText(e.target.value);
        onList(
          e.target.value
            .split(/[,;\n]/)
            .map((s) => s.trim())
            .filter(Boolean),
        );
      }}
    />
  );
}

function Labelled({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}

const numberOrUndefined = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

export function RuleBuilder({
  name,
  firstId,
  draft,
  onChange,
  options,
}: {
  /** The form path of the indicator's rule ("indicators.0.rule"), for the controls' ids. */
  name: string;
  /** The form path whose errors the rule's first control stands for (the error summary links to it). */
  firstId: string;
  draft: RuleDraft;
  onChange(next: RuleDraft): void;
  options: RuleBuilderOptions;
}) {
  const base = useFieldId(name);
  const subjectId = useFieldId(firstId);
  const uid = useId();
  const subject: RuleSubject = draft.subject ?? 'participants';
  const parts = new Set<string>(partsBySubject[subject]);
  const has = (k: keyof CountingRule) => parts.has(k);
  const set = <K extends keyof CountingRule>(k: K, v: CountingRule[K] | undefined) => onChange(withPart(draft, k, v));
  const toggle = <T extends string | number>(list: readonly T[] | undefined, v: T, on: boolean): T[] =>
    on ? [...(list ?? []).filter((x) => x !== v), v] : (list ?? []).filter((x) => x !== v);
  const checks =
    <K extends keyof CountingRule>(k: K, list: readonly string[] | undefined) =>
    (code: string) => ({
      checked: (list ?? []).includes(code),
      onChange: (e: { target: { checked: boolean } }) =>
        set(k, toggle(list ?? [], code, e.target.checked) as CountingRule[K]),
    });
  const ages = draft.ageAtStart ?? [];
  const customAges = ages.filter((r) => !agePresets.some((p) => sameRange(p.range, r)));
  const setAges = (next: AgeRange[]) => set('ageAtStart', next);
  const area = draft.area;
  const areaLevel: GeographyLevel | '' = area?.level ?? '';

  return (
    <div className="rule-builder">
      <Labelled id={subjectId} label="What is counted">
        <select
          id={subjectId}
          value={subject}
          onChange={(e) => onChange(changeSubject(draft, e.target.value as RuleSubject))}
        >
          {ruleSubjects.map((s) => (
            <option key={s} value={s}>
              {subjectLabels[s]}
            </option>
          ))}
        </select>
      </Labelled>
      <div className="rule-row">
        <Labelled id={`${base}.dateField`} label="Counted in the period by">
          <select
            id={`${base}.dateField`}
            value={draft.dateField ?? ''}
            onChange={(e) => set('dateField', e.target.value)}
          >
            {dateFieldsBySubject[subject].map((d) => (
              <option key={d} value={d}>
                {dateLabels[d] ?? d}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled id={`${base}.countDistinct`} label="Count">
          <select
            id={`${base}.countDistinct`}
            value={draft.countDistinct ?? 'participant'}
            onChange={(e) => set('countDistinct', e.target.value as CountingRule['countDistinct'])}
          >
            {distinctFor(subject).map((d) => (
              <option key={d} value={d}>
                {distinctLabels[d]}
              </option>
            ))}
          </select>
        </Labelled>
      </div>

      {subject === 'outcomes' && (
        <>
          <ChoiceGroup
            name={`${name}.outcomeTypes`}
            legend="Outcome types"
            hint="None ticked: every type."
            type="checkbox"
            inline
            options={options.outcomeTypes}
            inputProps={checks('outcomeTypes', draft.outcomeTypes)}
          />
          <label className="radio">
            <input
              type="checkbox"
              checked={draft.verifiedOnly ?? false}
              onChange={(e) => set('verifiedOnly', e.target.checked)}
            />
            Verified outcomes only
          </label>
          <Labelled
            id={`${base}.sectors`}
            label="Sectors (optional)"
            hint="Separate with commas, e.g. Construction. Blank: any sector."
          >
            <ListInput
              id={`${base}.sectors`}
              describedBy={`${base}.sectors-hint`}
              value={draft.sectors ?? []}
              onList={(l) => set('sectors', l)}
            />
          </Labelled>
        </>
      )}
      {subject === 'enrolments' && (
        <ChoiceGroup
          name={`${name}.enrolmentStatuses`}
          legend="Enrolment status"
          hint="None ticked: any status."
          type="checkbox"
          inline
          options={enrolmentStatusLabels}
          inputProps={checks('enrolmentStatuses', draft.enrolmentStatuses)}
        />
      )}
      {has('cscsOnly') && (
        <label className="radio">
          <input
            type="checkbox"
            checked={draft.cscsOnly ?? false}
            onChange={(e) => set('cscsOnly', e.target.checked)}
          />
          CSCS courses only
        </label>
      )}
      {subject === 'placements' && (
        <ChoiceGroup
          name={`${name}.placementKinds`}
          legend="Kinds of placement"
          hint="None ticked: every kind."
          type="checkbox"
          inline
          options={placementKinds}
          inputProps={checks('placementKinds', draft.placementKinds)}
        />
      )}
      {has('apprenticeshipLevels') && (
        <ChoiceGroup
          name={`${name}.apprenticeshipLevels`}
          legend="Apprenticeship level"
          hint="None ticked: not limited to apprenticeships."
          type="checkbox"
          inline
          options={apprenticeshipLevels}
          inputProps={(code) => ({
            checked: (draft.apprenticeshipLevels ?? []).includes(Number(code)),
            onChange: (e: { target: { checked: boolean } }) =>
              set(
                'apprenticeshipLevels',
                toggle(draft.apprenticeshipLevels ?? [], Number(code), e.target.checked).sort(),
              ),
          })}
        />
      )}
      {has('minHoursPerWeek') && (
        <Labelled
          id={`${base}.minHoursPerWeek`}
          label="At least this many hours a week (optional)"
          hint="16 for the usual job measure."
        >
          <input
            id={`${base}.minHoursPerWeek`}
            type="number"
            min={1}
            max={60}
            inputMode="numeric"
            className="narrow"
            aria-describedby={`${base}.minHoursPerWeek-hint`}
            value={draft.minHoursPerWeek ?? ''}
            onChange={(e) => set('minHoursPerWeek', numberOrUndefined(e.target.value))}
          />
        </Labelled>
      )}
      {has('countReEntries') && (
        <label className="radio">
          <input
            type="checkbox"
            checked={draft.countReEntries ?? false}
            onChange={(e) => set('countReEntries', e.target.checked)}
          />
          Count a person referred again each time (re-entries)
        </label>
      )}

      {has('ageAtStart') && (
        <fieldset className="field">
          <legend>People: conditions at their start</legend>
          <label className="radio">
            <input
              type="checkbox"
              checked={draft.eligibleOnly ?? false}
              onChange={(e) => set('eligibleOnly', e.target.checked)}
            />
            Only people whose eligibility is confirmed
          </label>
          <label className="radio">
            <input
              type="checkbox"
              checked={draft.attendedEvent !== undefined}
              onChange={(e) => set('attendedEvent', e.target.checked ? { kinds: [] } : undefined)}
            />
            Only people who attended an event in the period
          </label>
          {draft.attendedEvent && (
            <ChoiceGroup
              name={`${name}.attendedEvent.kinds`}
              legend="Events of these kinds"
              hint="None ticked: any event."
              type="checkbox"
              inline
              options={options.eventKinds}
              inputProps={(code) => ({
                checked: draft.attendedEvent?.kinds.includes(code) ?? false,
                onChange: (e: { target: { checked: boolean } }) =>
                  set('attendedEvent', { kinds: toggle(draft.attendedEvent?.kinds, code, e.target.checked) }),
              })}
            />
          )}
          <ChoiceGroup
            name={`${name}.ageAtStart`}
            legend="Age at their start"
            hint="None ticked: any age."
            type="checkbox"
            inline
            options={agePresets}
            inputProps={(code) => {
              const preset = agePresets.find((p) => p.code === code)!;
              return {
                checked: ages.some((r) => sameRange(r, preset.range)),
                onChange: (e: { target: { checked: boolean } }) =>
                  setAges(e.target.checked ? [...ages, preset.range] : ages.filter((r) => !sameRange(r, preset.range))),
              };
            }}
            extra={
              <>
                {customAges.map((r, i) => (
                  <div className="rule-row" key={`${uid}-age-${i}`}>
                    <Labelled id={`${base}.age-${i}-min`} label="Another range: from age">
                      <input
                        id={`${base}.age-${i}-min`}
                        type="number"
                        className="narrow"
                        value={r.min ?? ''}
                        onChange={(e) =>
                          setAges(ages.map((x) => (x === r ? { ...x, min: numberOrUndefined(e.target.value) } : x)))
                        }
                      />
                    </Labelled>
                    <Labelled id={`${base}.age-${i}-max`} label="to age">
                      <input
                        id={`${base}.age-${i}-max`}
                        type="number"
                        className="narrow"
                        value={r.max ?? ''}
                        onChange={(e) =>
                          setAges(ages.map((x) => (x === r ? { ...x, max: numberOrUndefined(e.target.value) } : x)))
                        }
                      />
                    </Labelled>
                    <button type="button" onClick={() => setAges(ages.filter((x) => x !== r))}>
                      Remove this age range
                    </button>
                  </div>
                ))}
                <button type="button" onClick={() => setAges([...ages, { min: 16 }])}>
                  Add another age range
                </button>
              </>
            }
          />
          <ChoiceGroup
            name={`${name}.sexes`}
            legend="Sex"
            hint="None ticked: anyone."
            type="checkbox"
            inline
            options={sexes}
            inputProps={checks('sexes', draft.sexes)}
          />
          <ChoiceGroup
            name={`${name}.labourMarketStatuses`}
            legend="Labour-market status at entry"
            hint="None ticked: any status."
            type="checkbox"
            inline
            options={labourMarketStatuses}
            inputProps={checks('labourMarketStatuses', draft.labourMarketStatuses)}
          />
          <ChoiceGroup
            name={`${name}.qualificationLevels`}
            legend="Highest qualification at entry"
            hint="None ticked: any level."
            type="checkbox"
            inline
            options={qualificationLevels}
            inputProps={checks('qualificationLevels', draft.qualificationLevels)}
          />
        </fieldset>
      )}
      {has('area') && (
        <div className="rule-row">
          <Labelled id={`${base}.area`} label="Where they live">
            <select
              id={`${base}.area`}
              value={areaLevel}
              onChange={(e) => {
                const level = e.target.value as GeographyLevel | '';
                set('area', level ? { level, codes: [] } : undefined);
              }}
            >
              <option value="">Anywhere</option>
              {geographyLevels.map((l) => (
                <option key={l} value={l}>
                  {l === 'local'
                    ? 'In the local area (Settings → Geography)'
                    : `In chosen: ${geographyLevelLabels[l].toLowerCase()}`}
                </option>
              ))}
            </select>
          </Labelled>
          {area && area.level !== 'local' && (
            <Labelled
              key={area.level}
              id={`${base}.areaCodes`}
              label={`Which (${geographyLevelLabels[area.level].toLowerCase()} codes)`}
              hint={
                area.level === 'postcode_district'
                  ? 'e.g. SG1, SG2'
                  : area.level === 'imd_decile'
                    ? 'e.g. 1, 2 (1 = most deprived)'
                    : 'ONS codes, e.g. E07000243'
              }
            >
              <ListInput
                id={`${base}.areaCodes`}
                describedBy={`${base}.areaCodes-hint`}
                value={area.codes}
                onList={(codes) => set('area', { level: area.level, codes: codes.map((c) => c.toUpperCase()) })}
              />
            </Labelled>
          )}
        </div>
      )}

      <fieldset className="field">
        <legend>Funding</legend>
        <ChoiceGroup
          name={`${name}.funding`}
          legend="Which items count"
          type="radio"
          options={[
            { code: 'funder', label: `Only items attributed to a funding stream of ${options.funderName}` },
            { code: 'any', label: 'Items under any funding stream' },
          ]}
          inputProps={(code) => ({
            name: `${base}.funding`,
            checked: (draft.funding ?? 'any') === code,
            onChange: () => set('funding', code as CountingRule['funding']),
          })}
        />
        {options.streams.length > 0 && (
          <ChoiceGroup
            name={`${name}.fundingStreams`}
            legend="Only these funding streams (optional)"
            type="checkbox"
            inline
            options={options.streams.map((s) => ({ code: s.code, label: s.name }))}
            inputProps={checks('fundingStreams', draft.fundingStreams)}
          />
        )}
        {has('fundingProjects') && options.projects.length > 0 && (
          <ChoiceGroup
            name={`${name}.fundingProjects`}
            legend="Only these projects (optional)"
            type="checkbox"
            inline
            options={options.projects.map((p) => ({
              code: p.code,
              label: `${p.name}${p.interventionCode ? ` (${p.interventionCode})` : ''}`,
            }))}
            inputProps={checks('fundingProjects', draft.fundingProjects)}
          />
        )}
      </fieldset>

      {options.siblings.length > 0 && (
        <ChoiceGroup
          name={`${name}.notCountedUnder`}
          legend="Not if already counted under"
          type="checkbox"
          inline
          options={options.siblings.map((s) => ({ code: s.code, label: `${s.code}: ${s.title}` }))}
          inputProps={checks('notCountedUnder', draft.notCountedUnder)}
        />
      )}
      <label className="radio">
        <input
          type="checkbox"
          checked={draft.excludeClaimedInSubmittedReturns ?? true}
          onChange={(e) => set('excludeClaimedInSubmittedReturns', e.target.checked)}
        />
        Not if already claimed in an earlier submitted return
      </label>
    </div>
  );
}
