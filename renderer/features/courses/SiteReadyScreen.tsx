// Site-ready candidates: everyone who meets the programme's rule today, with contact details,
// to hand to employers (exported to Excel, recorded in the audit log); also who is not yet
// ready and what they are missing. Administrators set the rule here.
import { plural } from '../../../shared/domain/labels';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { ServerGrid } from '../../components/ServerGrid';
import { EmptyState } from '../../components/EmptyState';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { exportAndSave } from '../../components/export-job';
import { useToasts } from '../../components/Toasts';
import { coursesTabs } from './courses.routes';
import { SiteReadyRuleForm } from './SiteReadyRuleForm';
import { siteReadyColumns } from './courses.columns';
import { BulkSignOff } from './BulkSignOff';
import { navigate } from '../../app/router';
import { participantsRoutes } from '../participants/participants.routes';
import { ToolbarField, ToolbarSearch } from '../../components/ToolbarField';

type Preset = 'ready' | 'awaiting-signoff' | 'not-ready' | 'all';

export function SiteReadyScreen() {
  const [preset, setPreset] = useState<Preset>('ready');
  const [search, setSearch] = useState('');
  const [purpose, setPurpose] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [editingRule, setEditingRule] = useState(false);
  const [includeUnconfirmed, setIncludeUnconfirmed] = useState(false);
  const [generation, setGeneration] = useState(0);
  const rule = useChannel('courses.siteReady.rule', {}, { areas: ['courses'] });
  const canExport = useCan('officer');
  const isAdmin = useCan('administrator');
  const toasts = useToasts();
  // What is missing matters most for people not yet ready, so it comes right after the name.
  const missing = siteReadyColumns
    .filter((c) => c.field === 'missing')
    .map((c) => ({ ...c, flex: undefined, width: 380 }));
  const others = siteReadyColumns.filter((c) => c.field !== 'missing');
  const columns = preset === 'ready' ? others : [...others.slice(0, 3), ...missing, ...others.slice(3)];
  const exportList = () =>
    exportAndSave(
      'courses.siteReady.export',
      { preset, search, purpose: purpose || null, includeUnconfirmed },
      toasts,
      (file) => `Exported ${plural(file.rows ?? 0, 'person', 'people')} (recorded in the audit log)`,
    );
  return (
    <div className="screen-fill">
      <PageHeader
        tabs={coursesTabs}
        title="Site-ready candidates"
        subtitle={
          total === null
            ? 'Loading…'
            : preset === 'ready'
              ? `${total.toLocaleString('en-GB')} people are site ready today`
              : `${total.toLocaleString('en-GB')} people`
        }
      />
      {rule.data && <p className="muted site-ready-definition">{rule.data.definition}</p>}
      <details className="form-box" open={editingRule || undefined}>
        <summary>The site-ready rule{rule.data ? `: ${rule.data.description.length} requirements` : ''}</summary>
        {rule.data && !editingRule && (
          <>
            <ul>
              {rule.data.description.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
            {isAdmin && (
              <button type="button" onClick={() => setEditingRule(true)}>
                Change the rule
              </button>
            )}
          </>
        )}
        {rule.data && editingRule && <SiteReadyRuleForm rule={rule.data.rule} onDone={() => setEditingRule(false)} />}
      </details>
      <div className="toolbar">
        <ToolbarField id="sr-preset" label="Show">
          <select id="sr-preset" value={preset} onChange={(e) => setPreset(e.target.value as Preset)}>
            <option value="ready">Site ready today</option>
            <option value="awaiting-signoff">Ready but for the sign-off</option>
            <option value="not-ready">Not yet site ready (with what is missing)</option>
            <option value="all">Everyone with CSCS records</option>
          </select>
        </ToolbarField>
        <ToolbarSearch id="sr-search" value={search} onChange={setSearch} placeholder="Name, reference or postcode" />
      </div>
      {canExport && (
        <div className="toolbar">
          <ToolbarField id="sr-purpose" label="Purpose of the export">
            <input
              id="sr-purpose"
              type="text"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
              placeholder="e.g. shortlist for Kier, Town Square site"
              className="purpose-input"
            />
          </ToolbarField>
          <label className="radio">
            <input
              type="checkbox"
              checked={includeUnconfirmed}
              onChange={(e) => setIncludeUnconfirmed(e.target.checked)}
            />{' '}
            Include people whose eligibility (right to work) is not confirmed
          </label>
          <button type="button" disabled={!total} onClick={exportList}>
            Export to Excel
          </button>
        </div>
      )}
      {canExport && preset === 'awaiting-signoff' && total !== null && total > 0 && (
        <BulkSignOff awaiting={total} onDone={() => setGeneration((g) => g + 1)} />
      )}
      {total === 0 && preset === 'ready' && !search && (
        <EmptyState title="Nobody is site ready yet">
          People become site ready when they meet every requirement of the rule above; record results on each course
          run.
        </EmptyState>
      )}
      <ServerGrid
        key={`${preset}-${generation}`}
        ariaLabel="Site-ready candidates"
        columnDefs={columns}
        search={search}
        preset={preset}
        fetchPage={(query) => api.call('courses.siteReady.page', { ...query, preset })}
        onTotal={setTotal}
        onOpen={(row) => navigate(participantsRoutes.person.path({ id: row.id }))}
        onError={(message) => toasts.show({ kind: 'error', message })}
      />
    </div>
  );
}
