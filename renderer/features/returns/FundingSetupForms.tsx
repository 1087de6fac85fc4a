// The forms administrators keep the funding set-up with: a funder (added, renamed), a funding
// agreement, a funding stream and a project within a stream (with its intervention code). Each
// adds when given nothing and changes when given the row; the backend audits every change.
import type { UseFormRegisterReturn } from 'react-hook-form';
import { z } from 'zod';
import { DateField } from '../../components/form/ControlledFields';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { useToasts } from '../../components/Toasts';
import type { ChannelOutput } from '../../../shared/contract/index';
import type { AgreementView } from '../../../shared/contract/returns.contract';
import type { ProjectView, StreamView } from '../../../shared/contract/funding.contract';
import { SaveCancel } from '../../components/form/SaveCancel';

type Setup = ChannelOutput<'funding.setup'>;
type Funder = Setup['funders'][number];

function ActiveBox({ register }: { register: UseFormRegisterReturn }) {
  return (
    <label className="radio">
      <input type="checkbox" {...register} />
      Open for new items (untick when it closes)
    </label>
  );
}

export function AddFunderForm() {
  const toasts = useToasts();
  const f = useContractForm('funding.createFunder', {
    idPrefix: 'funder',
    schema: z.object({ code: z.string(), name: z.string(), notes: z.string() }),
    defaultValues: { code: '', name: '', notes: '' },
    toInput: (v) => ({ code: v.code, name: v.name, notes: v.notes.trim() || null }),
    onSuccess: (_saved, input, form) => {
      toasts.show({ kind: 'success', message: `${input.name} added` });
      form.reset();
    },
  });
  return (
    <Form of={f} aria-labelledby="add-funder-heading" heading={<h4 id="add-funder-heading">Add a funder</h4>}>
      <Field name="name" label="Funder name">
        {(c) => <input {...c} {...f.form.register('name')} />}
      </Field>
      <Field name="code" label="Short code" hint="Letters, digits and hyphens, for example TOWNS-FUND">
        {(c) => <input {...c} className="width-10" {...f.form.register('code')} />}
      </Field>
      <Field name="notes" label="Notes (optional)">
        {(c) => <textarea {...c} rows={2} {...f.form.register('notes')} />}
      </Field>
      <SaveCancel saving={f.saving}>Add funder</SaveCancel>
    </Form>
  );
}

/** Renames a funder (its claim-lines columns stay as they are, set in Indicator sets). */
export function EditFunderForm({
  funder,
  personalColumns,
  onDone,
}: {
  funder: Funder;
  personalColumns: ChannelOutput<'returns.funders'>[number]['personalColumns'];
  onDone(): void;
}) {
  const toasts = useToasts();
  const f = useContractForm('returns.saveFunder', {
    idPrefix: `funder-${funder.id}`,
    schema: z.object({ name: z.string(), notes: z.string() }),
    defaultValues: { name: funder.name, notes: funder.notes ?? '' },
    toInput: (v) => ({ id: funder.id, name: v.name, notes: v.notes.trim() || null, personalColumns }),
    onSuccess: (_saved, input) => {
      toasts.show({ kind: 'success', message: `${input.name} saved` });
      onDone();
    },
  });
  return (
    <Form of={f} aria-label={`Change ${funder.name}`}>
      <Field name="name" label="Funder name">
        {(c) => <input {...c} {...f.form.register('name')} />}
      </Field>
      <Field name="notes" label="Notes (optional)">
        {(c) => <textarea {...c} rows={2} {...f.form.register('notes')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save funder
      </SaveCancel>
    </Form>
  );
}

export function AgreementForm({
  funders,
  agreement,
  onDone,
}: {
  funders: Setup['funders'];
  agreement?: AgreementView;
  onDone?: () => void;
}) {
  const toasts = useToasts();
  const f = useContractForm('funding.saveAgreement', {
    idPrefix: agreement ? `agreement-${agreement.id}` : 'agreement',
    schema: z.object({
      funderId: z.string().min(1, 'Choose the funder'),
      name: z.string(),
      startsOn: z.string(),
      endsOn: z.string().nullable(),
      closureOn: z.string().nullable(),
    }),
    defaultValues: {
      funderId: agreement ? String(agreement.funderId) : '',
      name: agreement?.name ?? '',
      startsOn: agreement?.startsOn ?? '',
      endsOn: agreement?.endsOn ?? null,
      closureOn: agreement?.closureOn ?? null,
    },
    toInput: (v) => ({
      id: agreement?.id ?? null,
      funderId: Number(v.funderId),
      name: v.name,
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      closureOn: v.closureOn,
      notes: agreement?.notes ?? null,
    }),
    onSuccess: (_saved, _input, form) => {
      toasts.show({ kind: 'success', message: 'Funding agreement saved' });
      if (onDone) onDone();
      else form.reset();
    },
  });
  const heading = agreement ? `Change ${agreement.name}` : 'Add a funding agreement';
  return (
    <Form
      of={f}
      {...(agreement
        ? { 'aria-label': heading }
        : {
            'aria-labelledby': 'add-agreement-heading',
            heading: <h4 id="add-agreement-heading">{heading}</h4>,
          })}
    >
      <Field name="funderId" label="Funder">
        {(c) => (
          <select {...c} {...f.form.register('funderId')}>
            <option value="">Choose a funder</option>
            {funders.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="name" label="Agreement name">
        {(c) => <input {...c} {...f.form.register('name')} />}
      </Field>
      <DateField name="startsOn" label="Starts" blank="" />
      <DateField name="endsOn" label="Ends" hint="Leave blank if it has no end yet" />
      <DateField name="closureOn" label="Closure date for final claims" hint="Optional" />
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save agreement
      </SaveCancel>
    </Form>
  );
}

export function StreamForm({
  funders,
  stream,
  onDone,
}: {
  funders: Setup['funders'];
  stream?: StreamView;
  onDone?: () => void;
}) {
  const toasts = useToasts();
  const f = useContractForm('funding.saveStream', {
    idPrefix: stream ? `stream-${stream.id}` : 'stream',
    schema: z.object({
      funderId: z.string().min(1, 'Choose the funder'),
      code: z.string(),
      name: z.string(),
      startsOn: z.string().nullable(),
      endsOn: z.string().nullable(),
      isActive: z.boolean(),
    }),
    defaultValues: {
      funderId: stream?.funderId ? String(stream.funderId) : '',
      code: stream?.code ?? '',
      name: stream?.name ?? '',
      startsOn: stream?.startsOn ?? null,
      endsOn: stream?.endsOn ?? null,
      isActive: stream?.isActive ?? true,
    },
    toInput: (v) => ({ id: stream?.id ?? null, ...v, funderId: Number(v.funderId) }),
    onSuccess: (_saved, input, form) => {
      toasts.show({ kind: 'success', message: `Funding stream ${input.name} saved` });
      if (onDone) onDone();
      else form.reset();
    },
  });
  const { register } = f.form;
  return (
    <Form
      of={f}
      {...(stream
        ? { 'aria-label': `Change ${stream.name}` }
        : { 'aria-labelledby': 'add-stream-heading', heading: <h4 id="add-stream-heading">Add a funding stream</h4> })}
    >
      <Field name="name" label="Stream name">
        {(c) => <input {...c} {...register('name')} />}
      </Field>
      <Field name="code" label="Short code" hint="Letters, digits and hyphens; counting rules name streams by it">
        {(c) => <input {...c} className="width-10" {...register('code')} />}
      </Field>
      <Field name="funderId" label="Funder">
        {(c) => (
          <select {...c} {...register('funderId')}>
            <option value="">Choose a funder</option>
            {funders.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DateField name="startsOn" label="Starts" hint="Optional" />
      <DateField name="endsOn" label="Ends" hint="Optional" />
      <ActiveBox register={register('isActive')} />
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save stream
      </SaveCancel>
    </Form>
  );
}

export function ProjectForm({
  streams,
  project,
  onDone,
}: {
  streams: StreamView[];
  project?: ProjectView;
  onDone?: () => void;
}) {
  const toasts = useToasts();
  const f = useContractForm('funding.saveProject', {
    idPrefix: project ? `project-${project.id}` : 'project',
    schema: z.object({
      streamId: z.string().min(1, 'Choose the funding stream'),
      code: z.string(),
      name: z.string(),
      interventionCode: z.string(),
      isActive: z.boolean(),
    }),
    defaultValues: {
      streamId: project ? String(project.streamId) : '',
      code: project?.code ?? '',
      name: project?.name ?? '',
      interventionCode: project?.interventionCode ?? '',
      isActive: project?.isActive ?? true,
    },
    toInput: (v) => ({
      id: project?.id ?? null,
      ...v,
      streamId: Number(v.streamId),
      interventionCode: v.interventionCode.trim() || null,
    }),
    onSuccess: (_saved, input, form) => {
      toasts.show({ kind: 'success', message: `Project ${input.name} saved` });
      if (onDone) onDone();
      else form.reset();
    },
  });
  const { register } = f.form;
  return (
    <Form
      of={f}
      {...(project
        ? { 'aria-label': `Change ${project.name}` }
        : { 'aria-labelledby': 'add-project-heading', heading: <h4 id="add-project-heading">Add a project</h4> })}
    >
      <Field name="name" label="Project name">
        {(c) => <input {...c} {...register('name')} />}
      </Field>
      <Field name="code" label="Short code" hint="Letters, digits and hyphens">
        {(c) => <input {...c} className="width-10" {...register('code')} />}
      </Field>
      <Field name="streamId" label="Funding stream">
        {(c) => (
          <select {...c} {...register('streamId')}>
            <option value="">Choose a funding stream</option>
            {streams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="interventionCode"
        label="Intervention code (optional)"
        hint="The funder's code the project reports under, for example E38"
      >
        {(c) => <input {...c} className="width-10" {...register('interventionCode')} />}
      </Field>
      <ActiveBox register={register('isActive')} />
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save project
      </SaveCancel>
    </Form>
  );
}
