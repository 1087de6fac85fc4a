// Long work (imports, demo data, returns) runs as jobs: they report progress as events and can
// be cancelled. Jobs yield to the event loop between chunks so the backend keeps answering.
import { randomUUID } from 'node:crypto';
import type { BackendEvent, JobSnapshot } from '../../shared/events';

export class JobCancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'JobCancelled';
  }
}

export interface JobControl {
  progress(done: number, total: number, message?: string): Promise<void>;
  readonly isCancelled: boolean;
  throwIfCancelled(): void;
}

export interface JobRunner {
  start<T>(kind: string, label: string, work: (job: JobControl) => Promise<T>): string;
  cancel(id: string): boolean;
  list(): JobSnapshot[];
  /** Resolves when the job ends (for the CLI and tests). */
  wait(id: string): Promise<JobSnapshot>;
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createJobRunner(emit: (event: BackendEvent) => void): JobRunner {
  const jobs = new Map<string, { snapshot: JobSnapshot; cancelled: boolean; ended: Promise<JobSnapshot> }>();
  let lastEmit = 0;

  const publish = (snapshot: JobSnapshot, force = false) => {
    const now = Date.now();
    if (!force && now - lastEmit < 100) return; // at most ~10 progress events a second
    lastEmit = now;
    emit({ type: 'job', job: { ...snapshot } });
  };

  return {
    start(kind, label, work) {
      const id = randomUUID();
      const snapshot: JobSnapshot = { id, kind, label, state: 'running', done: 0, total: 0 };
      const entry = { snapshot, cancelled: false, ended: Promise.resolve(snapshot) };
      const control: JobControl = {
        async progress(done, total, message) {
          snapshot.done = done;
          snapshot.total = total;
          if (message !== undefined) snapshot.message = message;
          publish(snapshot);
          await yieldToEventLoop();
        },
        get isCancelled() {
          return entry.cancelled;
        },
        throwIfCancelled() {
          if (entry.cancelled) throw new JobCancelled();
        },
      };
      entry.ended = (async () => {
        publish(snapshot, true);
        await yieldToEventLoop();
        try {
          snapshot.result = await work(control);
          snapshot.state = 'done';
          snapshot.done = snapshot.total || snapshot.done;
        } catch (error) {
          if (error instanceof JobCancelled) {
            snapshot.state = 'cancelled';
            snapshot.message = 'Cancelled; nothing was saved.';
          } else {
            snapshot.state = 'failed';
            snapshot.message = error instanceof Error ? error.message : 'The job failed.';
          }
        }
        publish(snapshot, true);
        return snapshot;
      })();
      jobs.set(id, entry);
      return id;
    },
    cancel(id) {
      const entry = jobs.get(id);
      if (!entry || entry.snapshot.state !== 'running') return false;
      entry.cancelled = true;
      return true;
    },
    list() {
      return [...jobs.values()].map((j) => ({ ...j.snapshot }));
    },
    async wait(id) {
      const entry = jobs.get(id);
      if (!entry) throw new Error(`No job ${id}`);
      return entry.ended;
    },
  };
}
