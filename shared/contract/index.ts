// The one contract between the window and the backend: every channel, by area. The backend
// parses every input with it; the renderer's client and the preload derive from it.
import type { z } from 'zod';
import { appContract } from './app.contract';
import { participantsContract } from './participants.contract';
import { coursesContract } from './courses.contract';
import { outcomesContract } from './outcomes.contract';
import { returnsContract } from './returns.contract';
import { importsContract } from './imports.contract';
import { trustContract } from './trust.contract';
import { fundingContract } from './funding.contract';
import { geographyContract } from './geography.contract';
import { vacanciesContract } from './vacancies.contract';
import { keyworkerContract } from './keyworker.contract';
import { eventsContract } from './events.contract';

export const contract = {
  ...appContract,
  ...participantsContract,
  ...coursesContract,
  ...outcomesContract,
  ...returnsContract,
  ...importsContract,
  ...trustContract,
  ...fundingContract,
  ...geographyContract,
  ...vacanciesContract,
  ...keyworkerContract,
  ...eventsContract,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract & string;
/** What the caller sends (before defaults are applied). */
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What the handler receives (after parsing and defaults). */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const channelNames = Object.keys(contract) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Every export: a channel named `….export`, answering with the job that makes its file
 * (`exportChannel` in common.ts). */
export type ExportChannel = Extract<ChannelName, `${string}.export`>;
/** An export job's file, as `jobs.exportFile` hands it over once the job is done. */
export type ExportedFile = NonNullable<ChannelOutput<'jobs.exportFile'>['result']>;
