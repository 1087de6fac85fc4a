// Course runs: every run in a grid (Enter or double-click opens one), search, a filter for open
// or CSCS-route runs, and "Plan a course run".
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { ServerGrid } from '../../components/ServerGrid';
import { EmptyState } from '../../components/EmptyState';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useToasts } from '../../components/Toasts';
import { useCan } from '../../app/session-context';
import { coursesTabs, coursesRoutes } from './courses.routes';
import { runColumns } from './courses.columns';
import { ToolbarField, ToolbarSearch } from '../../components/ToolbarField';

export function RunsListScreen() {
  const [search, setSearch] = useState('');
  const [preset, setPreset] = useState('all');
  const [total, setTotal] = useState<number | null>(null);
  const toasts = useToasts();
  const canPlan = useCan('officer');
  const empty = total === 0 && !search && preset === 'all';
  return (
    <div className="screen-fill">
      <PageHeader
        tabs={coursesTabs}
        title="Courses"
        subtitle={total === null ? 'Loading…' : `${total.toLocaleString('en-GB')} course runs`}
        actions={
          canPlan && (
            <button type="button" className="primary" onClick={() => navigate(coursesRoutes.newRun.path())}>
              Plan a course run
            </button>
          )
        }
      />
      {empty && (
        <EmptyState
          title="No course runs yet"
          action={
            canPlan ? (
              <button type="button" onClick={() => navigate(coursesRoutes.newRun.path())}>
                Plan the first course run
              </button>
            ) : undefined
          }
        >
          Plan a run of a course from the catalogue, then enrol people, take registers and record results.
        </EmptyState>
      )}
      <div className="toolbar" style={empty ? { display: 'none' } : undefined}>
        <ToolbarSearch
          id="runs-search"
          value={search}
          onChange={setSearch}
          placeholder="Course, provider, venue or tutor"
        />
        <ToolbarField id="runs-preset" label="Show">
          <select id="runs-preset" value={preset} onChange={(e) => setPreset(e.target.value)}>
            <option value="all">All runs</option>
            <option value="open">Planned and running</option>
            <option value="cscs">CSCS route only</option>
          </select>
        </ToolbarField>
        <span className="keys-help">
          Press <kbd>Enter</kbd> on a row to open it.
        </span>
      </div>
      <div className="screen-fill" style={empty ? { display: 'none' } : undefined}>
        <ServerGrid
          ariaLabel="Course runs"
          columnDefs={runColumns}
          search={search}
          preset={preset === 'all' ? undefined : preset}
          fetchPage={(query) => api.call('courses.runs.page', query)}
          onTotal={setTotal}
          onOpen={(row) => navigate(coursesRoutes.run.path({ id: row.id }))}
          onError={(message) => toasts.show({ kind: 'error', message })}
        />
      </div>
    </div>
  );
}
