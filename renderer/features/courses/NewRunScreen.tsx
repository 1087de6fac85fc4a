// Planning a course run: the run form, then straight to the run's enrolments.
import { PageHeader } from '../../components/PageHeader';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { useToasts } from '../../components/Toasts';
import { RunForm, blankRun, runInput } from './RunForm';
import { coursesRoutes } from './courses.routes';

export function NewRunScreen() {
  const lookups = useChannel('courses.lookups', {});
  const toasts = useToasts();
  return (
    <>
      <PageHeader title="Plan a course run" subtitle={<a href={coursesRoutes.runs.href()}>Back to course runs</a>} />
      {lookups.error && (
        <p role="alert" className="error-message">
          {lookups.error.message}
        </p>
      )}
      {lookups.data && (
        <RunForm
          lookups={lookups.data}
          initial={blankRun}
          isNew
          submitLabel="Plan the run"
          onCancel={() => navigate(coursesRoutes.runs.path())}
          onSubmit={async (v) => {
            const result = await api.call('courses.runs.create', {
              ...runInput(v),
              generateSessions: v.generateSessions,
              sessionStartsAt: v.sessionStartsAt || null,
              sessionEndsAt: v.sessionEndsAt || null,
            });
            if (!result.ok) {
              if (result.error.fields?.length) return result.error.fields;
              toasts.show({ kind: 'error', message: result.error.message });
              return null;
            }
            toasts.show({ kind: 'success', message: 'Course run planned' });
            navigate(coursesRoutes.run.path({ id: result.value.id, tab: 'enrolments' }));
            return null;
          }}
        />
      )}
    </>
  );
}
