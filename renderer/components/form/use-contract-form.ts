// The one way to build a form: react-hook-form over the contract's zod schema for a channel, so
// the window checks with the same schema as the backend. A submit shows every problem at once in
// the error summary and moves focus to it (and, with `validate: 'onLeave'`, messages also appear
// as fields are left); the backend's field errors are put on the fields they concern, the rest
// go in the summary.
//
//   const f = useContractForm('participants.addNote', { defaultValues: { id, body: '' }, onSuccess });
//   <Form of={f}> <Field name="body" label="Note">{(c) => <textarea {...c} {...f.form.register('body')} />}</Field> </Form>
//
// A form whose fields are not the channel's input as they stand (the `record` part of it, text
// that becomes pence, a choice that becomes a boolean) gives its own `schema` and a `toInput`;
// what `toInput` makes is then checked against the contract too, before anything is sent.
import { useRef, useState, type BaseSyntheticEvent } from 'react';
import {
  get,
  set,
  useForm,
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  type Resolver,
  type UseFormReturn,
} from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { contract, type ChannelInput, type ChannelName, type ChannelOutput } from '../../../shared/contract/index';
import { fieldErrorsFromZod, type AppError, type FieldError } from '../../../shared/result';
import { api } from '../../api/client';
import {
  allProblems,
  fieldPaths,
  flattenErrors,
  orderProblems,
  pathKey,
  placeServerErrors,
  type FieldPath,
} from './form-problems';

type FormSchema = z.ZodType<unknown, FieldValues>;

interface CommonOptions<C extends ChannelName, V extends FieldValues> {
  /** The fields' starting values (a required choice not made yet may be left out). Also the
   * field order of the summary, and what a failing field is set back to while looking for the
   * problems it hides (see allProblems). */
  defaultValues: DefaultValues<V>;
  /** Messages for a field left blank, and for problems the schema leaves generic (a number that
   * is not one), by field path ({ startsOn: 'Enter the start date' }) or worked out from it. */
  messages?: Partial<Record<string, string>> | ((path: FieldPath) => string | undefined);
  /** Checks the schema cannot make here (a file's type, two passwords that must match). */
  checks?(values: V): FieldError[];
  /** Which form field a backend error path belongs to; by default the longest tail of the path
   * that is a field (["record", "niNumber"] → "niNumber"). */
  fieldFor?(path: FieldPath, values: V): string | null;
  /** Runs after the form is valid and before the call; false stops the submit (e.g. to show
   * likely duplicates first). */
  beforeSubmit?(values: V, form: { showProblem(message: string): void }): boolean | Promise<boolean>;
  /** After a successful call; `form.reset()` starts the form again (from `defaultValues`, or
   * the values given); `form.showProblem()` reports what went wrong after it (a job that failed). */
  onSuccess?(
    output: ChannelOutput<C>,
    input: ChannelInput<C>,
    form: { values: V; reset(values?: DefaultValues<V>): void; showProblem(message: string): void },
  ): void | Promise<void>;
  /** A filter form: the checked input goes to the screen (which queries with it) instead of
   * being sent to the channel. */
  apply?(input: ChannelInput<C>): void;
  /** A failed call's error before it goes in the summary; return true when handled here. */
  onFailure?(error: AppError): boolean;
  /** Prefixes the field ids ("field-edit.outcomeDate") when two forms share a page. */
  idPrefix?: string;
  /** When messages first appear: at the first submit (the default, as GOV.UK advises: nothing
   * moves while someone is still filling in), or as each field is left (long record forms). After
   * a failed submit they follow every change either way. */
  validate?: 'onSubmit' | 'onLeave';
}

/** Options when the form's fields are the channel's input itself. */
export type InputFormOptions<C extends ChannelName> = CommonOptions<C, ChannelInput<C> & FieldValues>;

/** Options when the form's fields are validated by their own schema and mapped to the input. */
export interface MappedFormOptions<C extends ChannelName, S extends FormSchema> extends CommonOptions<C, z.input<S>> {
  schema: S;
  toInput(parsed: z.output<S>, values: z.input<S>): ChannelInput<C>;
}

export interface ContractForm<C extends ChannelName, V extends FieldValues = FieldValues, P = unknown> {
  channel: C;
  form: UseFormReturn<V, unknown, P>;
  /** The <form>'s onSubmit; also callable from a shortcut (Ctrl+S). */
  submit(event?: BaseSyntheticEvent): Promise<void>;
  saving: boolean;
  /** What the error summary lists once a submit has failed: field problems in form order, then
   * general ones. Empty before. */
  problems: FieldError[];
  /** Goes up at each submit that failed, so the summary can take focus then and only then. */
  failedSubmits: number;
  idPrefix: string | undefined;
  /** Adds a problem found outside the schema (e.g. by another channel) to the summary. */
  showProblem(message: string, path?: FieldPath): void;
  /** Work a control is still doing on its value (reading a chosen file); a submit waits for it. */
  track(work: Promise<unknown>): void;
}

export function useContractForm<C extends ChannelName, S extends FormSchema>(
  channel: C,
  options: MappedFormOptions<C, S>,
): ContractForm<C, z.input<S>, z.output<S>>;
export function useContractForm<C extends ChannelName>(
  channel: C,
  options: InputFormOptions<C>,
): ContractForm<C, ChannelInput<C> & FieldValues, z.output<(typeof contract)[C]['input']>>;
export function useContractForm(
  channel: ChannelName,
  options: CommonOptions<ChannelName, FieldValues> & {
    schema?: FormSchema;
    toInput?(parsed: unknown, values: FieldValues): ChannelInput<ChannelName>;
  },
): ContractForm<ChannelName> {
  const schema: FormSchema = options.schema ?? contract[channel].input;
  const form = useForm<FieldValues, unknown, unknown>({
    // Made at each render with the current options: react-hook-form takes the latest.
    resolver: contractResolver(schema, channel, options),
    defaultValues: options.defaultValues,
    mode: options.validate === 'onLeave' ? 'onTouched' : 'onSubmit',
    reValidateMode: 'onChange',
    criteriaMode: 'firstError',
    // GOV.UK: a failed submit focuses the error summary, whose links lead to the fields.
    shouldFocusError: false,
  });
  const [general, setGeneral] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);
  const [failedSubmits, setFailedSubmits] = useState(0);
  const failed = () => setFailedSubmits((n) => n + 1);

  const pending = useRef(new Set<Promise<unknown>>());
  const track = (work: Promise<unknown>) => {
    pending.current.add(work);
    void work.finally(() => pending.current.delete(work));
  };

  const validateAndSend = form.handleSubmit(async (parsed) => {
    const values = form.getValues();
    setGeneral([]);
    if (options.beforeSubmit && !(await options.beforeSubmit(values, { showProblem: (m) => showProblem(m) }))) return;
    const input = options.toInput ? options.toInput(parsed, values) : values;
    if (options.apply) {
      setFailedSubmits(0);
      options.apply(input);
      return;
    }
    setSaving(true);
    try {
      const result = await api.call(channel, input);
      if (result.ok) {
        setFailedSubmits(0);
        await options.onSuccess?.(result.value, input, {
          values,
          reset: (next) => form.reset(next ?? options.defaultValues),
          showProblem: (message) => showProblem(message),
        });
        return;
      }
      if (options.onFailure?.(result.error)) return;
      const fields = new Set(fieldPaths(values));
      const fieldFor = options.fieldFor;
      const placed = placeServerErrors(result.error, fields, fieldFor && ((path) => fieldFor(path, values)));
      for (const { field, message } of placed.onFields)
        form.setError(field, { type: 'server', message }, { shouldFocus: false });
      setGeneral(placed.general.map((message) => ({ path: [], message })));
      failed();
    } finally {
      setSaving(false);
    }
  }, failed);
  const submit = async (event?: BaseSyntheticEvent) => {
    // Before anything is awaited, or the browser would submit the form itself.
    event?.preventDefault();
    if (pending.current.size) await Promise.allSettled([...pending.current]);
    await validateAndSend();
  };

  // Listed once a submit has failed (before that, messages show beside the fields as they are
  // left); from then on the list follows the fields as they are put right.
  const errors = form.formState.errors;
  const problems =
    failedSubmits > 0 ? orderProblems([...flattenErrors(errors), ...general], fieldPaths(form.getValues())) : [];

  const showProblem = (message: string, path: FieldPath = []) => {
    if (path.length) form.setError(pathKey(path), { type: 'server', message }, { shouldFocus: false });
    else setGeneral((g) => [...g, { path: [], message }]);
    failed();
  };

  return {
    channel,
    form,
    submit,
    saving,
    problems,
    failedSubmits,
    idPrefix: options.idPrefix,
    showProblem,
    track,
  };
}

/**
 * The zod resolver with three additions: the problems zod hides behind a failing field (cross-field
 * rules run only once every field is valid; see allProblems); for a form with its own schema, the
 * contract's own check of what `toInput` makes, put back on the form's fields; and the form's
 * own checks. The parse uses the form's `messages` for issues the schema leaves generic.
 */
function contractResolver(
  schema: FormSchema,
  channel: ChannelName,
  options: Pick<CommonOptions<ChannelName, FieldValues>, 'messages' | 'checks' | 'defaultValues' | 'fieldFor'> & {
    toInput?(parsed: unknown, values: FieldValues): ChannelInput<ChannelName>;
  },
): Resolver<FieldValues, unknown, unknown> {
  const messageFor = (path: FieldPath) => {
    const messages = options.messages;
    return typeof messages === 'function' ? messages(path) : messages?.[pathKey(path)];
  };
  const params = {
    error: (issue: { path?: PropertyKey[] | undefined }) =>
      messageFor((issue.path ?? []).map((k) => (typeof k === 'symbol' ? String(k) : k))),
  };
  const base = zodResolver(schema, params);
  return async (values, context, resolverOptions) => {
    const result = await base(values, context, resolverOptions);
    const failedHere = Object.keys(result.errors).length > 0;
    // The form's own checks first: where they and the contract both speak, theirs are the words.
    const extra = [
      ...(options.checks?.(values) ?? []),
      ...(failedHere ? allProblems(schema, values, options.defaultValues, params) : []),
      ...(!failedHere && options.toInput
        ? contractProblems(channel, options.toInput(result.values, values), values, options.fieldFor)
        : []),
    ];
    if (!failedHere && !extra.length) return result;
    const errors: FieldErrors<FieldValues> = { ...result.errors };
    for (const p of extra) {
      const key = pathKey(p.path);
      if (!get(errors, key)) set(errors, key, { type: 'validation', message: p.message });
    }
    // A blank field gets the form's own words for it ("Enter the start date") rather than the
    // schema's message about the format.
    for (const p of flattenErrors(errors)) {
      const value: unknown = get(values, pathKey(p.path));
      const own = value === '' || value === null || value === undefined ? messageFor(p.path) : undefined;
      if (own) set(errors, pathKey(p.path), { type: 'validation', message: own });
    }
    return { values: {}, errors };
  };
}

/** The contract's check of a mapped form's input, on the form's fields (others are left to the
 * backend's answer, which the summary lists). */
function contractProblems(
  channel: ChannelName,
  input: unknown,
  values: FieldValues,
  fieldFor: ((path: FieldPath, values: FieldValues) => string | null) | undefined,
): FieldError[] {
  const parsed = contract[channel].input.safeParse(input);
  if (parsed.success) return [];
  const fields = new Set(fieldPaths(values));
  return placeServerErrors(
    { message: '', fields: fieldErrorsFromZod(parsed.error) },
    fields,
    fieldFor && ((path) => fieldFor(path, values)),
  ).onFields.map(({ field, message }) => ({
    path: field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
    message,
  }));
}
