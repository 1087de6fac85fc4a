// CLI commands of the app shell: info and demo data.
import { CLI_CLIENT, unwrap, type CliCommand } from './command';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Show the data file, its schema version and what it holds',
  usage: 'info [--json]',
  options: { json: { type: 'boolean' } },
  needsSession: false,
  async run({ values }, backend, io) {
    const info = unwrap(await backend.call(CLI_CLIENT, 'app.info', {}), io);
    if (values.json) io.out(JSON.stringify(info, null, 2));
    else {
      io.out(`Data file:     ${info.storePath}`);
      io.out(`Schema:        ${info.schemaVersion}`);
      io.out(`Encrypted:     ${info.isEncrypted ? 'yes' : 'no'}`);
      io.out(`Staff:         ${info.staffCount}`);
      io.out(`Participants:  ${info.participantCount}`);
    }
    return 0;
  },
};

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Fill an empty store with a synthetic demo programme (no real people)',
  usage: 'demo [--participants 600] [--seed 2017]',
  options: { participants: { type: 'string' }, seed: { type: 'string' } },
  needsSession: true,
  async run({ values }, backend, io) {
    const input = {
      participants: values.participants ? Number(values.participants) : 600,
      seed: values.seed ? Number(values.seed) : 2017,
    };
    const { jobId } = unwrap(await backend.call(CLI_CLIENT, 'demo.load', input), io);
    const job = await backend.services.jobs.wait(jobId);
    if (job.state !== 'done') {
      io.err(`Demo data was not loaded: ${job.message ?? job.state}`);
      return 1;
    }
    io.out(`Loaded a demo programme with ${(job.result as { participants: number }).participants} participants.`);
    return 0;
  },
};
