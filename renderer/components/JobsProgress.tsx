// The progress surface for long work: one bar per running job, with Cancel.
import { useEffect, useState } from 'react';
import type { JobSnapshot } from '../../shared/events';
import { api } from '../api/client';

export function JobsProgress() {
  const [jobs, setJobs] = useState<Record<string, JobSnapshot>>({});
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type !== 'job') return;
        setJobs((all) => ({ ...all, [event.job.id]: event.job }));
        if (event.job.state !== 'running') {
          setTimeout(
            () => setJobs((all) => Object.fromEntries(Object.entries(all).filter(([id]) => id !== event.job.id))),
            4000,
          );
        }
      }),
    [],
  );
  const list = Object.values(jobs);
  if (!list.length) return null;
  return (
    <section className="jobs" aria-label="Work in progress">
      {list.map((job) => {
        const pct = job.total > 0 ? Math.round((job.done / job.total) * 100) : undefined;
        return (
          <div key={job.id} className={`job job-${job.state}`}>
            <div className="job-label">
              <strong>{job.label}</strong>{' '}
              <span>{job.message ?? (job.state === 'running' ? 'Working…' : job.state)}</span>
            </div>
            <progress
              max={job.total || 1}
              value={job.state === 'running' ? job.done : job.total || 1}
              aria-label={`${job.label} progress`}
            >
              {pct ?? 0}%
            </progress>
            {job.state === 'running' && (
              <button type="button" onClick={() => void api.call('jobs.cancel', { jobId: job.id })}>
                Cancel
              </button>
            )}
          </div>
        );
      })}
    </section>
  );
}
