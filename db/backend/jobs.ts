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

/** Who asks to cancel a job: its owner (the staff member who started it) or an administrator may. */
export interface JobCanceller {
  staffId: number | null;
  isAdministrator: boolean;
}

export interface JobRunner {
  /** `owner`: the staff member who started it (the dispatcher's per-request runner fills it in). */
  start<T>(kind: string, label: string, work: (job: JobControl) => Promise<T>, owner?: number | null): string;
  /** Cancels a running job: 'not-running' when there is none by that id, 'not-yours' when `by`
   * neither started it nor is an administrator. */
  cancel(id: string, by: JobCanceller): 'cancelled' | 'not-running' | 'not-yours';
  list(): JobSnapshot[];
  /** Resolves when the job ends (for the CLI and tests). */
  wait(id: string): Promise<JobSnapshot>;
  /** The same runner, starting jobs owned by `owner` (one per staff member, kept: the imports area
   * keeps its open files per runner). */
  ownedBy(owner: number | null): JobRunner;
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createJobRunner(emit: (event: BackendEvent) => void): JobRunner {
  const jobs = new Map<
    string,
    { snapshot: JobSnapshot; owner: number | null; cancelled: boolean; ended: Promise<JobSnapshot> }
  >();
  // An event goes to every window and names no result: the result stays here, for its area's
  // channel to hand to whoever asks (an export's names the sealed file its key opens).
  const publish = ({ result: _result, ...shown }: JobSnapshot) => emit({ type: 'job', job: shown });
  /** A job's progress goes out at most ~10 times a second, but its first step past 0 always goes
   * (so a short job's bar still moves before it ends; the start and the end always go). */
  const progressPublisher = () => {
    let lastEmit = 0;
    let moved = false;
    return (snapshot: JobSnapshot) => {
      const now = Date.now();
      const firstStep = !moved && snapshot.done > 0;
      if (!firstStep && now - lastEmit < 100) return;
      moved ||= snapshot.done > 0;
      lastEmit = now;
      publish(snapshot);
    };
  };

  const views = new Map<number | null, JobRunner>();
  const runner: JobRunner = {
    start(kind, label, work, owner = null) {
      const id = randomUUID();
      const snapshot: JobSnapshot = { id, kind, label, state: 'running', done: 0, total: 0 };
      const entry = { snapshot, owner, cancelled: false, ended: Promise.resolve(snapshot) };
      const publishProgress = progressPublisher();
      const control: JobControl = {
        async progress(done, total, message) {
          snapshot.done = done;
          snapshot.total = total;
          if (message !== undefined) snapshot.message = message;
          publishProgress(snapshot);
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
        publish(snapshot);
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
        publish(snapshot);
        return snapshot;
      })();
      jobs.set(id, entry);
      return id;
    },
    cancel(id, by) {
      const entry = jobs.get(id);
      if (!entry || entry.snapshot.state !== 'running') return 'not-running';
      if (!by.isAdministrator && (entry.owner === null || entry.owner !== by.staffId)) return 'not-yours';
      entry.cancelled = true;
      return 'cancelled';
    },
    list() {
      return [...jobs.values()].map((j) => ({ ...j.snapshot }));
    },
    async wait(id) {
      const entry = jobs.get(id);
      if (!entry) throw new Error(`No job ${id}`);
      return entry.ended;
    },
    ownedBy(owner) {
      let view = views.get(owner);
      if (!view) {
        view = { ...runner, start: (kind, label, work) => runner.start(kind, label, work, owner) };
        views.set(owner, view);
      }
      return view;
    },
  };
  return runner;
}
