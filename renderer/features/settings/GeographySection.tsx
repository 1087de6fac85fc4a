// Geography (administrators): the ONS files in use (postcode directory, Indices of Deprivation,
// area names), loading a newer one (sent in pieces, loaded as a job with progress), the local
// area (which local authorities count as local), and how everyone's postcode resolved.
import './settings-geography.css';
import { useRef, useState } from 'react';
import { useController } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useToasts } from '../../components/Toasts';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { DateField } from '../../components/form/ControlledFields';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { waitForJob } from '../imports/run-job';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';
import { guessFileDate, lookupKindLabels } from '../../../shared/domain/geography';
import { UPLOAD_CHUNK_BYTES, type LookupVersion } from '../../../shared/contract/geography.contract';
import type { ChannelOutput } from '../../../shared/contract/index';
import { openPickerOnEnter } from '../../components/form/file-picker';
import { TableScroll } from '../../components/TableScroll';

type Status = ChannelOutput<'geography.status'>;

export function GeographySection() {
  const status = useChannel('geography.status', {}, { areas: ['geography', 'settings', 'participants'] });
  const s = status.data;
  if (status.error) return <p className="error-message">{status.error.message}</p>;
  if (!s) return <p aria-busy="true">Loading…</p>;
  return (
    <>
      <p>
        Where people live comes from the files the Office for National Statistics publishes: the postcode directory
        (NSPL or ONSPD, the whole country or cut to Hertfordshire), the English Indices of Deprivation by neighbourhood
        (LSOA), and the names of wards and local authorities. Load a newer edition here when ONS publishes one; everyone
        is then worked out again.
      </p>
      <FilesInUse s={s} />
      <LoadFileForm onLoaded={status.reload} />
      <LocalAreaForm s={s} onSaved={status.reload} />
      <People s={s} onDone={status.reload} />
      <History versions={s.history} />
    </>
  );
}

function FilesInUse({ s }: { s: Status }) {
  const rows: Array<[string, LookupVersion | null]> = [
    ['Postcode directory', s.postcodes],
    ['Indices of Deprivation', s.deprivation],
    ...s.names.map((n): [string, LookupVersion] => [`Area names (${n.format})`, n]),
  ];
  return (
    <>
      <h3>Files in use</h3>
      {!s.postcodes && (
        <p className="notice">
          No postcode directory is loaded yet. Until one is, people count as local by the programme&apos;s postcode
          districts, and wards and deprivation deciles are not known.
        </p>
      )}
      <TableScroll>
        <table className="data">
          <caption className="visually-hidden">Geography files in use</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Edition</th>
              <th scope="col">Name of the file</th>
              <th scope="col">Rows</th>
              <th scope="col">Loaded</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([what, v]) => (
              <tr key={what}>
                <th scope="row">{what}</th>
                <td>{v ? v.label : 'Not loaded'}</td>
                <td>{v?.fileName ?? '—'}</td>
                <td>{v ? v.rowCount.toLocaleString('en-GB') : '—'}</td>
                <td>{v ? `${formatUkDateTime(v.loadedAt)}${v.loadedBy ? ` by ${v.loadedBy}` : ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

const whereLive = (n: number) => (n === 1 ? 'where 1 person lives' : `where ${n.toLocaleString('en-GB')} people live`);

const NOT_SENT_YET = '00000000-0000-0000-0000-000000000000';

const loadForm = z.object({
  file: z.custom<File>((v) => typeof File !== 'undefined' && v instanceof File, 'Choose the file to load'),
  fileDate: z.string().nullable(),
});

/** Sends a chosen file in pieces (a full postcode directory is about 1 GB) and starts the load. */
function LoadFileForm({ onLoaded }: { onLoaded(): void }) {
  const toasts = useToasts();
  const uploadId = useRef<string | null>(null);
  const [sent, setSent] = useState<{ done: number; total: number } | null>(null);
  const f = useContractForm('geography.load', {
    schema: loadForm,
    defaultValues: { fileDate: null },
    // Which file it is and its edition are the backend's to judge; its messages belong here.
    fieldFor: (path) => (path[0] === 'uploadId' ? 'file' : path[0] === 'fileDate' ? 'fileDate' : null),
    beforeSubmit: async ({ file }, form) => {
      uploadId.current = null;
      let id: string | undefined;
      for (let offset = 0; offset < file.size || offset === 0; offset += UPLOAD_CHUNK_BYTES) {
        setSent({ done: offset, total: file.size });
        const bytes = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer());
        const r = await api.call('geography.upload', {
          ...(id ? { uploadId: id } : {}),
          fileName: file.name,
          offset,
          bytes,
        });
        if (!r.ok) {
          setSent(null);
          form.showProblem(r.error.message);
          return false;
        }
        id = r.value.uploadId;
        if (file.size === 0) break;
      }
      setSent({ done: file.size, total: file.size });
      uploadId.current = id ?? null;
      return true;
    },
    // The form kit checks what toInput makes before beforeSubmit has sent the file, so until
    // then the id is the nil UUID (never issued by geography.upload); the call uses the real one.
    toInput: ({ fileDate }) => ({ uploadId: uploadId.current ?? NOT_SENT_YET, fileDate }),
    onSuccess: async (started, _input, form) => {
      setSent(null);
      const result = await waitForJob<{
        label: string;
        rows: number;
        skipped: number;
        recomputed: { people: number } | null;
      }>(started.jobId, 'geography.job');
      if (!result.ok) return form.showProblem(result.error.message);
      const r = result.value;
      toasts.show({
        kind: 'success',
        message:
          `${r.label} loaded: ${r.rows.toLocaleString('en-GB')} rows` +
          (r.skipped ? ` (${r.skipped.toLocaleString('en-GB')} left out)` : '') +
          (r.recomputed ? `; worked out again ${whereLive(r.recomputed.people)}.` : '.'),
      });
      form.reset({ fileDate: null });
      onLoaded();
    },
  });
  return (
    <Form
      of={f}
      className="panel"
      aria-labelledby="load-geography-heading"
      heading={<h3 id="load-geography-heading">Load a file</h3>}
    >
      <LookupFileField
        onChosen={(file) => {
          const guessed = guessFileDate(file.name);
          if (guessed) f.form.setValue('fileDate', guessed);
        }}
      />
      <DateField
        name="fileDate"
        label="Date of this edition"
        hint="As on the ONS download page, for example 1/2/2025. Filled in from the file's name when it says."
      />
      {sent && (
        <p aria-live="polite">
          Sending the file:{' '}
          <progress max={sent.total || 1} value={sent.done}>
            {Math.round((sent.done / (sent.total || 1)) * 100)}%
          </progress>{' '}
          {Math.round((sent.done / (sent.total || 1)) * 100)}%
        </p>
      )}
      <button type="submit" className="primary" disabled={f.saving}>
        Load file
      </button>
    </Form>
  );
}

/** The file, kept as a File (never read whole: it is sent in pieces). */
function LookupFileField({ onChosen }: { onChosen(file: File): void }) {
  const { field } = useController({ name: 'file' });
  return (
    <Field
      name="file"
      label="File from ONS (CSV)"
      hint={`${Object.values(lookupKindLabels).join(', ')}: the kind of file is recognised from its columns.`}
    >
      {(control) => (
        <input
          {...control}
          type="file"
          onKeyDown={openPickerOnEnter}
          accept=".csv,text/csv"
          name={field.name}
          ref={field.ref}
          onBlur={field.onBlur}
          onChange={(e) => {
            const file = e.target.files?.[0];
            field.onChange(file ?? undefined);
            if (file) onChosen(file);
          }}
        />
      )}
    </Field>
  );
}

const codesText = z.object({ codes: z.array(z.string()), other: z.string() });

function LocalAreaForm({ s, onSaved }: { s: Status; onSaved(): void }) {
  const toasts = useToasts();
  const current = s.localAuthorities.map((a) => a.code);
  const choices = [
    ...s.localAuthorities.filter((a) => !s.authoritiesInDirectory.some((d) => d.code === a.code)),
    ...s.authoritiesInDirectory,
  ].map((a) => ({ code: a.code, label: `${a.name ?? 'Name not loaded'} (${a.code})` }));
  const f = useContractForm('geography.setLocalAuthorities', {
    schema: codesText,
    defaultValues: { codes: current, other: '' },
    toInput: ({ codes, other }) => ({ codes: [...codes, ...other.split(/[\s,;]+/).filter(Boolean)] }),
    fieldFor: (path) => (path[0] === 'codes' ? 'other' : null),
    onSuccess: (saved, _input, form) => {
      toasts.show({
        kind: 'success',
        message: `Local area saved; ${saved.local.toLocaleString('en-GB')} people are local, ${saved.recalculated} eligibility status(es) changed`,
      });
      form.reset({ codes: saved.codes, other: '' });
      onSaved();
    },
  });
  return (
    <Form
      of={f}
      className="panel"
      aria-labelledby="local-area-heading"
      heading={<h3 id="local-area-heading">Local area</h3>}
    >
      <p>
        People living in these local authorities are local: they count in &ldquo;local people benefitting&rdquo;, in
        contracts&apos; local jobs and in counting rules for the local area, and are eligible as residents. Now:{' '}
        <strong>{s.localAuthorities.map((a) => a.name ?? a.code).join(', ')}</strong>.
      </p>
      {choices.length > 0 && (
        <ChoiceGroup
          name="codes"
          legend="Local authorities in the local area"
          type="checkbox"
          className="scroll-choices"
          options={choices}
          inputProps={() => f.form.register('codes')}
        />
      )}
      <Field
        name="other"
        label="Other local authority codes (optional)"
        hint="ONS codes separated by commas, for example E07000243"
      >
        {(c) => <input {...c} type="text" {...f.form.register('other')} />}
      </Field>
      <button type="submit" className="primary" disabled={f.saving}>
        Save local area
      </button>
    </Form>
  );
}

function People({ s, onDone }: { s: Status; onDone(): void }) {
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  async function recompute() {
    setBusy(true);
    const started = await api.call('geography.recompute', {});
    const result = started.ok
      ? await waitForJob<{ people: number; eligibilityChanged: number }>(started.value.jobId, 'geography.job')
      : started;
    setBusy(false);
    if (!result.ok) return toasts.show({ kind: 'error', message: result.error.message });
    toasts.show({
      kind: 'success',
      message: `Worked out again ${whereLive(result.value.people)}; ${result.value.eligibilityChanged} eligibility status(es) changed.`,
    });
    onDone();
  }
  return (
    <>
      <h3>Where people&apos;s postcodes put them</h3>
      {s.people.length === 0 ? (
        <p>No participants yet.</p>
      ) : (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Participants by how their postcode resolved</caption>
            <thead>
              <tr>
                <th scope="col">Postcode</th>
                <th scope="col">People</th>
              </tr>
            </thead>
            <tbody>
              {s.people.map((p) => (
                <tr key={p.status}>
                  <th scope="row">{p.label}</th>
                  <td>{p.count.toLocaleString('en-GB')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p>
        {s.stale
          ? `${s.stale.toLocaleString('en-GB')} people were worked out from an earlier file.`
          : 'Everyone was worked out from the files in use.'}{' '}
        <button type="button" onClick={() => void recompute()} disabled={busy}>
          Work out where everyone lives again
        </button>
      </p>
    </>
  );
}

function History({ versions }: { versions: LookupVersion[] }) {
  if (!versions.length) return null;
  const state = { current: 'In use', replaced: 'Replaced', loading: 'Loading', failed: 'Not loaded' } as const;
  return (
    <>
      <h3>Files loaded</h3>
      <TableScroll>
        <table className="data">
          <caption className="visually-hidden">Every geography file loaded, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Edition</th>
              <th scope="col">Name of the file</th>
              <th scope="col">Date of edition</th>
              <th scope="col">Rows</th>
              <th scope="col">State</th>
              <th scope="col">Loaded</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <th scope="row">{v.label}</th>
                <td>{v.fileName}</td>
                <td>{formatUkDate(v.fileDate)}</td>
                <td>{v.rowCount.toLocaleString('en-GB')}</td>
                <td>
                  {state[v.status]}
                  {v.message ? <div className="muted">{v.message}</div> : null}
                </td>
                <td>{`${formatUkDateTime(v.loadedAt)}${v.loadedBy ? ` by ${v.loadedBy}` : ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
