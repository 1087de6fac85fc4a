// Small formatters and labels shared by the course screens.
import { enrolmentStatusOptions } from '../../../shared/domain/labels';

export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '–' : `${Math.round(r * 100)}%`);

export const runStatusLabels: Record<string, string> = {
  planned: 'Planned',
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
export const runStatusTag: Record<string, string> = {
  planned: 'tag-blue',
  running: 'tag-yellow',
  completed: 'tag-green',
  cancelled: 'tag-grey',
};
export const enrolmentLabels: Record<string, string> = Object.fromEntries(
  enrolmentStatusOptions.map((o) => [o.code, o.label]),
);
export const eligibilityLabels: Record<string, string> = {
  eligible: 'Eligible',
  pending: 'Pending evidence',
  not_eligible: 'Not eligible',
};
export const markLabels = { present: 'Present', late: 'Late', absent: 'Absent', excused: 'Excused' } as const;
export const markKeys: Record<string, keyof typeof markLabels> = { p: 'present', l: 'late', a: 'absent', e: 'excused' };
