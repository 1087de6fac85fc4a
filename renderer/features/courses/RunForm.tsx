// The course run's fields, for planning a run and for changing one (inside a <Form>): the course
// from the catalogue (which suggests provider and end date), dates typed day-first, places,
// tutor, funding, status; and, when planning, the sessions to create.
import { useFormContext } from 'react-hook-form';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/index';
import { runStatuses } from '../../../shared/contract/courses.contract';
import { sessionDaysBetween, weekdayBankHolidaysBetween } from '../../../shared/domain/course-sessions';
import { addDaysIso, formatUkDate, isIsoDate } from '../../../shared/domain/dates';
import { Field } from '../../components/form/Field';
import { DateField } from '../../components/form/ControlledFields';
import { toCode, toId, toNumber } from '../../components/form/values';
import { runStatusLabels } from './format';
import { RecordSelectField } from '../../components/form/RecordSelectField';

type Lookups = ChannelOutput<'courses.lookups'>;
/** The fields both channels have (the create form adds the sessions). */
type RunFields = Omit<ChannelInput<'courses.runs.update'>, 'id'> &
  Partial<Pick<ChannelInput<'courses.runs.create'>, 'generateSessions' | 'sessionStartsAt' | 'sessionEndsAt'>>;

export const blankRun: ChannelInput<'courses.runs.create'> = {
  // 0 is no course: the schema asks for one to be chosen.
  courseTypeId: 0,
  providerOrgId: null,
  venue: '',
  startDate: '',
  endDate: '',
  capacity: 12,
  tutor: '',
  fundingStreamId: null,
  status: 'planned',
  notes: '',
  generateSessions: true,
  sessionStartsAt: '09:30',
  sessionEndsAt: '15:30',
};

/** Messages for what the schema leaves generic. */
export const runMessages = { courseTypeId: 'Choose a course from the catalogue' };

export function RunFormFields({ lookups, isNew }: { lookups: Lookups; isNew: boolean }) {
  const { register, setValue, getValues, watch } = useFormContext<RunFields>();
  const [courseTypeId, startDate, endDate, generate] = watch([
    'courseTypeId',
    'startDate',
    'endDate',
    'generateSessions',
  ]);

  const chooseType = (id: number | null) => {
    const type = lookups.courseTypes.find((t) => t.id === id);
    if (type?.providerOrgId && !getValues('providerOrgId')) setValue('providerOrgId', type.providerOrgId);
    const start = getValues('startDate');
    if (type?.typicalDays && isIsoDate(start) && !getValues('endDate'))
      setValue('endDate', endAfterWeekdays(start, type.typicalDays));
  };
  const datesKnown = isIsoDate(startDate) && isIsoDate(endDate) && endDate >= startDate;
  const sessions = generate && datesKnown ? sessionDaysBetween(startDate, endDate).length : 0;
  const holidays = generate && datesKnown ? weekdayBankHolidaysBetween(startDate, endDate) : [];

  return (
    <>
      <div className="form-grid">
        <Field name="courseTypeId" label="Course">
          {(c) => (
            <select
              {...c}
              {...register('courseTypeId', { setValueAs: toId, onChange: (e) => chooseType(toId(e.target.value)) })}
            >
              {/* 0, the blank run's value: a select shows an empty box when no option has its value. */}
              <option value="0">Choose a course</option>
              {lookups.courseTypes
                .filter((t) => t.isActive || t.id === courseTypeId)
                .map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <RecordSelectField
          name="providerOrgId"
          label="Provider"
          hint="Training organisations (managed under Placements & outcomes)"
          records={lookups.providers}
          empty="Not recorded"
        />
        <DateField name="startDate" label="Start date" hint="For example, 02/11/2026" blank="" />
        <DateField name="endDate" label="End date" hint="The course's last day" blank="" />
        <Field name="capacity" label="Places">
          {(c) => (
            <input
              {...c}
              className="input-narrow"
              type="text"
              inputMode="numeric"
              {...register('capacity', { setValueAs: toNumber })}
            />
          )}
        </Field>
        <Field name="status" label="Status">
          {(c) => (
            <select {...c} {...register('status')}>
              {runStatuses.map((s) => (
                <option key={s} value={s}>
                  {runStatusLabels[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="venue" label="Venue">
          {(c) => <input {...c} type="text" {...register('venue')} />}
        </Field>
        <Field name="tutor" label="Tutor">
          {(c) => <input {...c} type="text" {...register('tutor')} />}
        </Field>
        <RecordSelectField
          name="fundingStreamId"
          label="Funding stream"
          records={lookups.fundingStreams}
          empty="Not recorded"
        />
      </div>
      <Field name="notes" label="Notes">
        {(c) => <textarea {...c} rows={2} {...register('notes')} />}
      </Field>
      {isNew && (
        <fieldset className="field">
          <legend>Sessions</legend>
          <label className="radio">
            <input type="checkbox" {...register('generateSessions')} /> Create a session on each working day
            {generate && datesKnown && ` (${sessions} ${sessions === 1 ? 'session' : 'sessions'})`}
          </label>
          {holidays.length > 0 && (
            <p className="hint" id="bank-holidays-left-out">
              Bank holidays left out: {holidays.map((d) => formatUkDate(d)).join(', ')}.
            </p>
          )}
          {generate && (
            <div className="toolbar">
              <label htmlFor="field-sessionStartsAt">From</label>
              <input
                id="field-sessionStartsAt"
                className="input-narrow"
                type="text"
                {...register('sessionStartsAt', { setValueAs: toCode })}
              />
              <label htmlFor="field-sessionEndsAt">to</label>
              <input
                id="field-sessionEndsAt"
                className="input-narrow"
                type="text"
                {...register('sessionEndsAt', { setValueAs: toCode })}
              />
            </div>
          )}
        </fieldset>
      )}
    </>
  );
}

/** The date on which `days` working days from `start` end (a 10-day course from a Monday ends on the second
 * Friday, or a day later past a bank holiday). */
function endAfterWeekdays(start: string, days: number): string {
  let d = start;
  let count = 0;
  for (let i = 0; i < 400; i++, d = addDaysIso(d, 1)) {
    if (sessionDaysBetween(d, d).length) count++;
    if (count >= days) return d;
  }
  return start;
}
