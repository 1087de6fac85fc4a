// Organisation scopes (administrators, team database only): which participants each partner
// organisation's staff see — everyone, or only the people it referred. The team database holds
// each organisation's logins to it (row-level security), whatever program they use; a change is
// audited. A data file has no server scopes: nothing is shown.
import { useState } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useToasts } from '../../components/Toasts';
import { labelOfCode } from '../../../shared/domain/labels';
import { labelOf, referralSources } from '../../../shared/domain/reference-lists';
import { TableScroll } from '../../components/TableScroll';

type Organisation = {
  id: number;
  name: string;
  kind: string;
  sees: 'all' | 'referred' | null;
  referralSource: string | null;
};

const seesLabel = (o: Organisation) =>
  o.sees === 'all'
    ? 'All participants'
    : o.sees === 'referred'
      ? `Only the people it referred (${labelOf(referralSources, o.referralSource ?? '')})`
      : 'No one yet (not decided)';

function ScopeRow({ organisation }: { organisation: Organisation }) {
  const toasts = useToasts();
  const [sees, setSees] = useState<'all' | 'referred'>(organisation.sees ?? 'referred');
  const [source, setSource] = useState(organisation.referralSource ?? '');
  const [busy, setBusy] = useState(false);
  const id = `scope-${organisation.id}`;
  async function save() {
    setBusy(true);
    const result = await api.call('team.setScope', {
      organisationId: organisation.id,
      sees,
      referralSource: sees === 'referred' ? source || null : null,
    });
    setBusy(false);
    toasts.show(
      result.ok
        ? { kind: 'success', message: `${organisation.name}: scope saved` }
        : { kind: 'error', message: result.error.fields?.[0]?.message ?? result.error.message },
    );
  }
  return (
    <tr>
      <th scope="row">
        {organisation.name}
        <br />
        <span className="hint">{labelOfCode(organisation.kind)}</span>
      </th>
      <td>{seesLabel(organisation)}</td>
      <td>
        <label htmlFor={`${id}-sees`}>Its staff see</label>{' '}
        <select id={`${id}-sees`} value={sees} onChange={(e) => setSees(e.target.value === 'all' ? 'all' : 'referred')}>
          <option value="all">All participants</option>
          <option value="referred">Only the people it referred</option>
        </select>{' '}
        {sees === 'referred' && (
          <>
            <label htmlFor={`${id}-source`}>Referred by</label>{' '}
            <select id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value)}>
              <option value="">Choose…</option>
              {referralSources.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.label}
                </option>
              ))}
            </select>{' '}
          </>
        )}
        <button type="button" disabled={busy} onClick={() => void save()}>
          Save
        </button>
      </td>
    </tr>
  );
}

export function OrganisationScopes() {
  const scopes = useChannel('team.scopes', {}, { areas: ['settings'] });
  const data = scopes.data;
  if (!data?.teamMode) return null;
  return (
    <section aria-labelledby="scopes-title">
      <h2 id="scopes-title">Who each organisation&apos;s staff see</h2>
      {!data.setUp ? (
        <p>
          The team database&apos;s owner has not set up its server roles yet. Until then every login sees every
          participant; the owner runs <code>cli team setup-roles</code> once.
        </p>
      ) : data.organisations.length === 0 ? (
        <p>No partner organisations yet. Add them under Organisations; employers are not listed here.</p>
      ) : (
        <TableScroll>
          <table>
            <caption className="hint">
              The team database enforces this for each organisation&apos;s logins, whatever program they use. Staff in
              no organisation (the programme&apos;s own) see everyone.
            </caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Sees now</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {data.organisations.map((o) => (
                <ScopeRow key={`${o.id}-${o.sees ?? ''}-${o.referralSource ?? ''}`} organisation={o} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
