// Staff accounts (administrators): add someone with a role (and a password, or a one-time set-up
// code for them to choose it), change roles, deactivate, reset a password or issue a new set-up
// code, unlock after too many wrong attempts. What each role can do is stated beside it.
import { useState } from 'react';
import { z } from 'zod';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { formatUkDateTime } from '../../../shared/domain/dates';
import { roles, type Role } from '../../../shared/contract/define';
import type { ManagedStaff } from '../../../shared/contract/trust.contract';
import type { ChannelOutput } from '../../../shared/contract/index';
import { ResetPasswordForm } from './ResetPasswordForm';
import { SetupCodePanel } from './SetupCodePanel';
import { TableScroll } from '../../components/TableScroll';

interface ShownCode {
  name: string;
  code: string;
  expiresAt: string;
}

const roleHelp: Record<Role, string> = {
  viewer:
    'Viewer: reads records, never sees ethnicity, health or offending information, cannot export or change anything.',
  officer: 'Officer: day-to-day work on participants, courses, placements and outcomes, and exports.',
  administrator: 'Administrator: also staff accounts, reference lists, deletion, backups, retention and the audit log.',
};

type TeamLogin = ChannelOutput<'team.logins'>['logins'][number];

/** The team database login bound to a profile: the only one its owner signs in through (team mode). */
function LoginChoice({ staff, logins, onChanged }: { staff: ManagedStaff; logins: TeamLogin[]; onChanged(): void }) {
  const toasts = useToasts();
  // Logins free to link, and the one already linked here.
  const choices = logins.filter((l) => l.staffId === null || l.staffId === staff.id);
  async function choose(login: string | null) {
    const result = await api.call('staff.setDatabaseLogin', { id: staff.id, login });
    toasts.show(
      result.ok
        ? {
            kind: 'success',
            message: login
              ? `${staff.displayName} now signs in through ${login}.`
              : `${staff.displayName} has no database login now.`,
          }
        : { kind: 'error', message: result.error.message },
    );
    onChanged();
  }
  return (
    <>
      <label className="visually-hidden" htmlFor={`login-${staff.id}`}>
        Database login of {staff.displayName}
      </label>
      <select
        id={`login-${staff.id}`}
        value={staff.databaseLogin ?? ''}
        onChange={(e) => void choose(e.target.value || null)}
      >
        <option value="">Not linked</option>
        {staff.databaseLogin && !choices.some((l) => l.login === staff.databaseLogin) && (
          <option value={staff.databaseLogin}>{staff.databaseLogin} (no longer on the server)</option>
        )}
        {choices.map((l) => (
          <option key={l.login} value={l.login}>
            {l.login} ({l.role})
          </option>
        ))}
      </select>
    </>
  );
}

export function StaffSection() {
  const staff = useChannel('staff.manageList', {}, { areas: ['staff'] });
  const team = useChannel('team.logins', {}, { areas: ['staff'] });
  const teamMode = !!team.data?.teamMode;
  const toasts = useToasts();
  const [resetFor, setResetFor] = useState<ManagedStaff | null>(null);
  const [shownCode, setShownCode] = useState<ShownCode | null>(null);

  async function change(s: ManagedStaff, input: { role?: Role; isActive?: boolean }) {
    const result = await api.call('staff.update', { id: s.id, ...input });
    toasts.show(
      result.ok
        ? { kind: 'success', message: `${s.displayName} updated.` }
        : { kind: 'error', message: result.error.message },
    );
    staff.reload();
  }

  async function issueCode(s: ManagedStaff) {
    const result = await api.call('staff.issueSetupCode', { id: s.id });
    if (!result.ok) return toasts.show({ kind: 'error', message: result.error.message });
    setShownCode({ name: s.displayName, code: result.value.code, expiresAt: result.value.expiresAt });
    staff.reload();
  }

  async function unlock(s: ManagedStaff) {
    const result = await api.call('staff.unlock', { id: s.id });
    toasts.show(
      result.ok
        ? { kind: 'success', message: `${s.displayName} can sign in again.` }
        : { kind: 'error', message: result.error.message },
    );
    staff.reload();
  }

  const now = new Date().toISOString();
  return (
    <>
      <ul className="muted">
        {Object.values(roleHelp).map((h) => (
          <li key={h}>{h}</li>
        ))}
      </ul>
      {teamMode && (
        <p>
          On this team database each person signs in through their own database login, linked to their profile here: a
          login offers and signs in only the profile linked to it, and the database records changes under no one
          else&apos;s name. A login not linked yet cannot sign in. The database&apos;s owner makes the logins.
        </p>
      )}
      <TableScroll>
        <table className="data">
          <caption className="visually-hidden">Staff accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Password</th>
              {teamMode && <th scope="col">Database login</th>}
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {staff.data?.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.displayName}
                  {s.email ? <div className="muted">{s.email}</div> : null}
                </th>
                <td>
                  <label className="visually-hidden" htmlFor={`role-${s.id}`}>
                    Role of {s.displayName}
                  </label>
                  <select
                    id={`role-${s.id}`}
                    value={s.role}
                    onChange={(e) => void change(s, { role: e.target.value as Role })}
                  >
                    <option value="viewer">Viewer</option>
                    <option value="officer">Officer</option>
                    <option value="administrator">Administrator</option>
                  </select>
                </td>
                <td>
                  {s.hasPassword ? 'Set' : <span className="tag tag-yellow">None</span>}
                  {s.setupCodeExpiresAt && (
                    <div className="muted">Set-up code until {formatUkDateTime(s.setupCodeExpiresAt)}</div>
                  )}
                </td>
                {teamMode && (
                  <td>
                    <LoginChoice
                      staff={s}
                      logins={team.data?.logins ?? []}
                      onChanged={() => {
                        staff.reload();
                        team.reload();
                      }}
                    />
                  </td>
                )}
                <td>
                  {!s.isActive ? (
                    <span className="tag tag-grey">Inactive</span>
                  ) : s.lockedUntil && s.lockedUntil > now ? (
                    <span className="tag tag-red">Locked until {formatUkDateTime(s.lockedUntil)}</span>
                  ) : (
                    <span className="tag tag-green">Active</span>
                  )}
                </td>
                <td>
                  <div className="actions">
                    <button type="button" onClick={() => setResetFor(s)}>
                      Reset password<span className="visually-hidden"> for {s.displayName}</span>
                    </button>
                    {s.isActive && (
                      <button type="button" onClick={() => void issueCode(s)}>
                        Issue set-up code<span className="visually-hidden"> for {s.displayName}</span>
                      </button>
                    )}
                    {s.lockedUntil && s.lockedUntil > now && (
                      <button type="button" onClick={() => void unlock(s)}>
                        Unlock<span className="visually-hidden"> {s.displayName}</span>
                      </button>
                    )}
                    <button type="button" onClick={() => void change(s, { isActive: !s.isActive })}>
                      {s.isActive ? 'Deactivate' : 'Reactivate'}
                      <span className="visually-hidden"> {s.displayName}</span>
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {resetFor && (
        <ResetPasswordForm
          staff={resetFor}
          onDone={() => {
            setResetFor(null);
            staff.reload();
          }}
        />
      )}
      {shownCode && <SetupCodePanel {...shownCode} onDone={() => setShownCode(null)} />}
      <h3>Add a staff member</h3>
      <AddStaff
        onAdded={(added) => {
          if (added.setupCode)
            setShownCode({ name: added.displayName, code: added.setupCode.code, expiresAt: added.setupCode.expiresAt });
          staff.reload();
        }}
      />
    </>
  );
}

/** What the add form holds: a password left blank is not sent, and they get a set-up code instead. */
const addStaffForm = z.object({
  displayName: z.string(),
  role: z.enum(roles),
  email: z.string(),
  password: z.string(),
});

function AddStaff({ onAdded }: { onAdded(added: ChannelOutput<'staff.create'>): void }) {
  const toasts = useToasts();
  const f = useContractForm('staff.create', {
    schema: addStaffForm,
    defaultValues: { displayName: '', role: 'officer', email: '', password: '' },
    toInput: ({ password, ...rest }) => ({ ...rest, ...(password ? { password } : {}) }),
    onSuccess: (added, _input, form) => {
      form.reset();
      toasts.show({ kind: 'success', message: `${added.displayName} added as ${added.role}.` });
      onAdded(added);
    },
  });
  const { register, watch } = f.form;
  return (
    <Form of={f} aria-label="Add a staff member">
      <Field name="displayName" label="Name">
        {(c) => <input {...c} autoComplete="off" {...register('displayName')} />}
      </Field>
      <Field name="role" label="Role" hint={roleHelp[watch('role')]}>
        {(c) => (
          <select {...c} {...register('role')}>
            <option value="viewer">Viewer</option>
            <option value="officer">Officer</option>
            <option value="administrator">Administrator</option>
          </select>
        )}
      </Field>
      <Field name="email" label="Email (optional)">
        {(c) => <input {...c} type="email" autoComplete="off" {...register('email')} />}
      </Field>
      <Field
        name="password"
        label="First password (optional)"
        hint="Leave empty to give them a one-time set-up code instead, with which they choose their own."
      >
        {(c) => <input {...c} type="password" autoComplete="new-password" {...register('password')} />}
      </Field>
      <button type="submit" className="primary" disabled={f.saving}>
        Add staff member
      </button>
    </Form>
  );
}
