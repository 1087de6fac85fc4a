// Backups (administrators): the checked backups kept beside the data file, one taken now on
// request, a second folder each backup is also copied to (another drive or a network share), and a
// restore with a preview of what the backup holds. Restoring signs everyone out.
import { useState } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useToasts } from '../../components/Toasts';
import { formatUkDateTime } from '../../../shared/domain/dates';
import type { ChannelOutput } from '../../../shared/contract/index';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { TableScroll } from '../../components/TableScroll';

const reasonLabels: Record<string, string> = {
  daily: 'Daily',
  manual: 'Taken by hand',
  'pre-migration': 'Before an update',
  'pre-import': 'Before an import',
  'pre-restore': 'Before a restore',
  'pre-anonymise': 'Before anonymising',
};

export function BackupsSection() {
  const list = useChannel('backup.list', {}, { areas: ['backups'] });
  const second = useChannel('backup.settings', {}, { areas: ['backups'] });
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<ChannelOutput<'backup.preview'> | null>(null);
  const [confirmed, setConfirmed] = useState(false);

  async function takeNow() {
    setBusy(true);
    const result = await api.call('backup.create', {});
    setBusy(false);
    toasts.show(
      result.ok
        ? {
            kind: 'success',
            message: `Backup taken and checked (${Math.round(result.value.bytes / 1024).toLocaleString('en-GB')} KB).`,
          }
        : { kind: 'error', message: result.error.message },
    );
    list.reload();
    // The backup's copy to the second folder (or why it failed) is recorded with it.
    second.reload();
  }

  async function show(name: string) {
    setConfirmed(false);
    const result = await api.call('backup.preview', { name });
    if (result.ok) setPreview(result.value);
    else toasts.show({ kind: 'error', message: result.error.message });
  }

  async function restore() {
    if (!preview) return;
    setBusy(true);
    const result = await api.call('backup.restore', { name: preview.name, confirm: true });
    setBusy(false);
    if (!result.ok) return toasts.show({ kind: 'error', message: result.error.message });
    toasts.show({
      kind: 'success',
      message:
        `Restored. The data from before is kept in ${result.value.safetyBackup}.` +
        (result.value.auditArchive
          ? ` The ${result.value.auditEntriesArchived} audit entries written since the backup are kept in ${result.value.auditArchive}.`
          : '') +
        ' Please sign in again.',
    });
  }

  return (
    <>
      <p>
        Backups are checked before they are kept, encrypted like the data file, and kept in{' '}
        <code>{list.data?.folder}</code>: the last 7 days, 4 weekly, and the last 10 taken before an update, import,
        restore or anonymisation.
        {list.data?.lastDaily
          ? ` Last daily backup ${formatUkDateTime(list.data.lastDaily)}.`
          : ' No daily backup yet.'}
      </p>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void takeNow()} disabled={busy}>
          Take a backup now
        </button>
      </div>
      <SecondFolder settings={second.data} />
      <h3>Backups kept here</h3>
      {list.data && list.data.backups.length === 0 && <p>No backups yet.</p>}
      {list.data && list.data.backups.length > 0 && (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Backups, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Why</th>
                <th scope="col">Size</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.backups.map((b) => (
                <tr key={b.name}>
                  <th scope="row">{formatUkDateTime(b.takenAt)}</th>
                  <td>{reasonLabels[b.reason] ?? b.reason}</td>
                  <td>{Math.round(b.bytes / 1024).toLocaleString('en-GB')} KB</td>
                  <td>
                    <button type="button" onClick={() => void show(b.name)}>
                      Preview and restore
                      <span className="visually-hidden"> the backup of {formatUkDateTime(b.takenAt)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {preview && (
        <div className="panel" aria-labelledby="preview-title">
          <h3 id="preview-title">Backup of {formatUkDateTime(preview.takenAt)}</h3>
          <dl className="facts">
            <dt>Participants</dt>
            <dd>{preview.participants.toLocaleString('en-GB')}</dd>
            <dt>Outcomes</dt>
            <dd>{preview.outcomes.toLocaleString('en-GB')}</dd>
            <dt>Staff</dt>
            <dd>{preview.staff}</dd>
            <dt>Audit entries</dt>
            <dd>{preview.auditEntries.toLocaleString('en-GB')}</dd>
            <dt>Audit entries it drops</dt>
            <dd>
              {preview.auditEntriesDropped
                ? `${preview.auditEntriesDropped.toLocaleString('en-GB')} (kept in an archive file in the data folder)`
                : 'None'}
            </dd>
            <dt>Schema version</dt>
            <dd>{preview.schemaVersion}</dd>
            <dt>Check</dt>
            <dd>{preview.integrity === 'ok' ? 'Passed' : <strong>{preview.integrity}</strong>}</dd>
          </dl>
          <label className="radio" htmlFor="confirm-restore">
            <input
              id="confirm-restore"
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
            />
            Replace all current data with this backup (a backup of the current data is taken first)
          </label>
          <div className="button-row">
            <button
              type="button"
              className="danger"
              disabled={!confirmed || busy || preview.integrity !== 'ok'}
              onClick={() => void restore()}
            >
              Restore this backup
            </button>
            <button type="button" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </>
  );
}

/** Where each backup is also copied, and how the last copy went. */
function SecondFolder({ settings }: { settings: ChannelOutput<'backup.settings'> | undefined }) {
  return (
    <>
      <h3>Second backup folder</h3>
      <p>
        A copy of each backup (with its key file) can also go to another drive or a network share, so one failed disk or
        one lost laptop does not take every copy. The copy is written in full before it takes the backup's name.
      </p>
      {settings && <SecondFolderForm settings={settings} />}
      {settings?.secondFolder && (
        <p role="status">
          {settings.lastCopy ? (
            settings.lastCopy.ok ? (
              `Last copy ${formatUkDateTime(settings.lastCopy.at)}: copied to ${settings.secondFolder}.`
            ) : (
              <strong>
                Last copy {formatUkDateTime(settings.lastCopy.at)} failed: {settings.lastCopy.message}. The backup
                itself was kept here.
              </strong>
            )
          ) : (
            'No backup has been copied there yet: the next backup will be.'
          )}
        </p>
      )}
    </>
  );
}

function SecondFolderForm({ settings }: { settings: ChannelOutput<'backup.settings'> }) {
  const toasts = useToasts();
  const f = useContractForm('backup.saveSettings', {
    defaultValues: { secondFolder: settings.secondFolder ?? '' },
    onSuccess: (saved) =>
      toasts.show({
        kind: 'success',
        message: saved.secondFolder
          ? `Backups will also be copied to ${saved.secondFolder}.`
          : 'Backups are no longer copied to a second folder.',
      }),
  });
  const { register } = f.form;
  return (
    <Form of={f} aria-label="Second backup folder">
      <Field
        name="secondFolder"
        label="Folder (full path)"
        hint={'Like D:\\Backups or \\\\server\\share\\worksbook. Leave empty for no second copy.'}
      >
        {(c) => <input {...c} spellCheck={false} {...register('secondFolder')} />}
      </Field>
      <button type="submit" disabled={f.saving}>
        Save the second folder
      </button>
    </Form>
  );
}
