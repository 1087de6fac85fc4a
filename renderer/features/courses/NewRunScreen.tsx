// Planning a course run: the run form, then straight to the run's enrolments.
import { PageHeader } from '../../components/PageHeader';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { useToasts } from '../../components/Toasts';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import type { ChannelOutput } from '../../../shared/contract/index';
import { RunFormFields, blankRun, runMessages } from './RunForm';
import { coursesRoutes } from './courses.routes';
import { SaveCancel } from '../../components/form/SaveCancel';

export function NewRunScreen() {
  const lookups = useChannel('courses.lookups', {});
  return (
    <>
      <PageHeader title="Plan a course run" back={{ label: 'Back to course runs', href: coursesRoutes.runs.href() }} />
      {lookups.error && (
        <p role="alert" className="error-message">
          {lookups.error.message}
        </p>
      )}
      {lookups.data && <NewRunForm lookups={lookups.data} />}
    </>
  );
}

function NewRunForm({ lookups }: { lookups: ChannelOutput<'courses.lookups'> }) {
  const toasts = useToasts();
  const f = useContractForm('courses.runs.create', {
    defaultValues: blankRun,
    messages: runMessages,
    onSuccess: (created) => {
      toasts.show({ kind: 'success', message: 'Course run planned' });
      navigate(coursesRoutes.run.path({ id: created.id, tab: 'enrolments' }));
    },
  });
  return (
    <Form of={f}>
      <RunFormFields lookups={lookups} isNew />
      <SaveCancel saving={f.saving} onCancel={() => navigate(coursesRoutes.runs.path())}>
        Plan the run
      </SaveCancel>
    </Form>
  );
}
