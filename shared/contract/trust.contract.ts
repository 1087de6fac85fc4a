// Channels of the trust area: sign-in policy and passwords, staff and roles, the audit log,
// backups, subject access and retention.
import { z } from 'zod';
import { channel, ownBulkTransactions, ownTransactions, reads, roles, writes } from './define';
import { emptyInput, exportChannel, gridQuerySchema, idSchema, isoDateSchema, okOutput, pageOf } from './common';
import { displayNameSchema, sessionSchema, staffProfileSchema } from './app.contract';
import { newPasswordSchema } from '../domain/password-rules';
import { setupCodeProblem } from '../domain/key-codes';

export const trustSettingsSchema = z.object({
  requirePasswords: z.boolean(),
  autoLockMinutes: z
    .number()
    .int()
    .min(0, 'Enter 0 (never) or a number of minutes')
    .max(240, 'Enter 240 minutes or fewer'),
  sessionHours: z
    .number()
    .int()
    .min(1, 'Enter a number of hours from 1 to 24')
    .max(24, 'Enter a number of hours from 1 to 24'),
});

export const managedStaffSchema = staffProfileSchema.extend({
  email: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  failedAttempts: z.number().int(),
  /** When the profile's unused set-up code expires (null: none outstanding). */
  setupCodeExpiresAt: z.string().nullable(),
  /** The team database login bound to this profile (null: none; always null on a data file). */
  databaseLogin: z.string().nullable(),
});
export type ManagedStaff = z.infer<typeof managedStaffSchema>;

/** A one-time set-up code, shown to the administrator once. */
export const issuedSetupCodeSchema = z.object({ staffId: idSchema, code: z.string(), expiresAt: z.string() });

export const setupCodeInputSchema = z
  .string()
  .max(40)
  .superRefine((value, ctx) => {
    const problem = setupCodeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const auditRowSchema = z.object({
  id: idSchema,
  at: z.string(),
  staffName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  participantReference: z.string().nullable(),
  summary: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditFilterSchema = z
  .object({
    staffId: idSchema.optional(),
    action: z.string().max(40).optional(),
    entity: z.string().max(60).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    participantReference: z.string().trim().max(40).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const backupInfoSchema = z.object({
  name: z.string(),
  takenAt: z.string(),
  reason: z.string(),
  bytes: z.number().int(),
});
/** A second folder backups are copied to (another drive, a network share) and the last copy. */
export const backupSettingsSchema = z.object({
  secondFolder: z.string().nullable(),
  lastCopy: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).nullable(),
});
const backupNameSchema = z
  .string()
  .regex(/^worksbook-[0-9T:Z.-]+-[a-z-]+\.sqlite$/, 'Choose a backup from the list')
  .max(120);

/** What checking the audit log found (db/features/trust/audit-verify.ts). */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  problem: z.string().nullable(),
  /** Whether entries are chained with the audit key kept apart from the store. */
  keyed: z.boolean(),
  /** The last entry of the head recorded beside the store. */
  recordedHead: z.number().int().nullable(),
  note: z.string().nullable(),
});

export const retentionRowSchema = z.object({
  id: idSchema,
  reference: z.string(),
  fundingStream: z.string().nullable(),
  retainUntil: z.string().nullable(),
  leaveDate: z.string().nullable(),
  /** Which rule made them due: their funding stream's date, or the programme's default period
   * after their last activity (no stream, or a stream that sets no date). */
  rule: z.enum(['stream', 'default']),
  lastActivity: z.string().nullable(),
  /** Why they are due, in words. */
  why: z.string(),
});
export type RetentionRow = z.infer<typeof retentionRowSchema>;

export const retentionSettingsSchema = z.object({
  /** Years records are kept after the person's last activity where no funding stream sets a date. */
  defaultRetentionYears: z
    .number({ error: 'Enter a number of years' })
    .int('Enter whole years')
    .min(1, 'Keep records at least 1 year')
    .max(50, 'Enter 50 years or fewer'),
  /** Days a backup taken before an anonymisation or erasure may be kept after it. */
  erasedBackupDays: z
    .number({ error: 'Enter a number of days' })
    .int('Enter whole days')
    .min(1, 'Keep backups at least 1 day')
    .max(365, 'Enter 365 days or fewer'),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

const erasureReasonSchema = z
  .string()
  .trim()
  .min(10, 'Say why the person is erased (at least 10 characters), e.g. “Erasure request received 3 March”')
  .max(500, 'Reason must be 500 characters or fewer');

export const erasureCheckSchema = z.object({
  id: idSchema,
  reference: z.string(),
  name: z.string(),
  /** Already on the retention worklist (their retention period is over). */
  due: z.boolean(),
  /** Why the record cannot be erased now (a submitted return needs it), or null. */
  blocked: z.string().nullable(),
});
export type ErasureCheck = z.infer<typeof erasureCheckSchema>;

const scopeSees = z.enum(['all', 'referred']);

export const teamScopesSchema = z.object({
  /** Whether this store is a team database (scopes are the server's; a data file has none). */
  teamMode: z.boolean(),
  /** Whether its owner has set the server roles and scopes up (`cli team setup-roles`). */
  setUp: z.boolean(),
  /** The partner organisations (not employers), each with what its staff see (null: not decided,
   * so its staff see no one yet). */
  organisations: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      kind: z.string(),
      sees: scopeSees.nullable(),
      referralSource: z.string().nullable(),
    }),
  ),
});

export const trustContract = {
  'team.scopes': channel({
    effect: reads,
    summary: "Read which participants each partner organisation's staff see on the team database",
    role: 'administrator',
    input: emptyInput,
    output: teamScopesSchema,
  }),
  'team.setScope': channel({
    effect: writes('settings'),
    summary: "Change which participants an organisation's staff see",
    role: 'administrator',
    input: z
      .object({
        organisationId: idSchema,
        sees: scopeSees,
        referralSource: z.string().trim().max(64).nullable().default(null),
      })
      .strict()
      .refine((v) => v.sees === 'all' || !!v.referralSource, {
        path: ['referralSource'],
        message: 'Choose the referral source whose people they see',
      }),
    output: okOutput,
  }),
  'session.policy': channel({
    effect: reads,
    summary: 'Sign-in rules',
    role: 'public',
    input: emptyInput,
    output: z.object({ passwordsRequired: z.boolean(), autoLockMinutes: z.number().int() }),
  }),
  'session.setPassword': channel({
    effect: ownTransactions('staff'),
    // Only where nobody has a password yet (a store from before passwords were required); every
    // other profile without one needs a set-up code (session.redeemSetupCode).
    summary: 'Set the first password of a programme that has none, as its administrator, and sign in',
    role: 'public',
    input: z.object({ staffId: idSchema, newPassword: newPasswordSchema }).strict(),
    output: sessionSchema,
  }),
  'session.redeemSetupCode': channel({
    effect: ownTransactions('staff'),
    summary: 'Set your password with the set-up code an administrator gave you, and sign in',
    role: 'public',
    input: z.object({ staffId: idSchema, code: setupCodeInputSchema, newPassword: newPasswordSchema }).strict(),
    output: sessionSchema,
  }),
  'session.touch': channel({
    effect: reads,
    summary: 'Keep the session open while someone is working',
    role: 'viewer',
    input: emptyInput,
    output: okOutput,
  }),
  'staff.changeOwnPassword': channel({
    effect: writes('staff'),
    summary: 'Change your own password',
    role: 'viewer',
    input: z.object({ currentPassword: z.string().max(200).optional(), newPassword: newPasswordSchema }).strict(),
    output: okOutput,
  }),
  'staff.manageList': channel({
    effect: reads,
    summary: 'List staff accounts for management',
    role: 'administrator',
    input: emptyInput,
    output: z.array(managedStaffSchema),
  }),
  'staff.create': channel({
    effect: writes('staff'),
    summary: 'Add a staff account',
    role: 'administrator',
    input: z
      .object({
        displayName: displayNameSchema,
        role: z.enum(roles),
        email: z.union([z.literal(''), z.email('Enter an email address like name@example.org').max(200)]).optional(),
        password: newPasswordSchema.optional(),
      })
      .strict(),
    // Without a password, a one-time set-up code for them to choose it (shown once).
    output: managedStaffSchema.extend({ setupCode: issuedSetupCodeSchema.nullable() }),
  }),
  'staff.issueSetupCode': channel({
    effect: writes('staff'),
    summary: 'Issue a one-time set-up code for a staff member to choose a password',
    role: 'administrator',
    input: z.object({ id: idSchema }).strict(),
    output: issuedSetupCodeSchema,
  }),
  'staff.update': channel({
    effect: writes('staff'),
    summary: 'Change a staff account',
    role: 'administrator',
    input: z
      .object({
        id: idSchema,
        displayName: displayNameSchema.optional(),
        role: z.enum(roles).optional(),
        isActive: z.boolean().optional(),
      })
      .strict(),
    output: managedStaffSchema,
  }),
  'staff.resetPassword': channel({
    effect: writes('staff'),
    summary: "Reset a staff member's password",
    role: 'administrator',
    input: z.object({ id: idSchema, newPassword: newPasswordSchema }).strict(),
    output: managedStaffSchema,
  }),
  'staff.setDatabaseLogin': channel({
    effect: writes('staff'),
    summary: "Bind a team database login to a staff member's profile (or unbind it)",
    role: 'administrator',
    input: z
      .object({
        id: idSchema,
        login: z.string().trim().min(1).max(63, 'A login name has at most 63 characters').nullable(),
      })
      .strict(),
    output: managedStaffSchema,
  }),
  'team.logins': channel({
    effect: reads,
    summary: "List the team database's staff logins, each with its role and the profile bound to it",
    role: 'administrator',
    input: emptyInput,
    output: z.object({
      /** Whether this store is a team database (a data file has no logins). */
      teamMode: z.boolean(),
      logins: z.array(z.object({ login: z.string(), role: z.enum(roles), staffId: idSchema.nullable() })),
    }),
  }),
  'staff.unlock': channel({
    effect: writes('staff'),
    summary: 'Unlock a locked staff account',
    role: 'administrator',
    input: z.object({ id: idSchema }).strict(),
    output: managedStaffSchema,
  }),
  'trust.settings': channel({
    effect: reads,
    summary: 'Read sign-in and lock settings',
    role: 'administrator',
    input: emptyInput,
    // demoStore: only a store of demo data may make passwords optional.
    output: trustSettingsSchema.extend({ demoStore: z.boolean() }),
  }),
  'trust.saveSettings': channel({
    effect: writes('settings'),
    summary: 'Change sign-in and lock settings',
    role: 'administrator',
    input: trustSettingsSchema.extend({ sessionHours: trustSettingsSchema.shape.sessionHours.optional() }).strict(),
    output: trustSettingsSchema,
  }),

  'audit.page': channel({
    effect: reads,
    summary: 'Read the audit log',
    role: 'administrator',
    input: gridQuerySchema.extend({ auditFilter: auditFilterSchema.default({}) }),
    output: pageOf(auditRowSchema),
  }),
  'audit.export': exportChannel({
    summary: 'Export the audit log',
    role: 'administrator',
    input: z.object({ auditFilter: auditFilterSchema.default({}) }).strict(),
  }),
  'audit.verify': channel({
    // Reads the whole store outside any transaction, then records the check in one.
    effect: ownTransactions('audit'),
    summary: 'Check the audit log has not been altered',
    role: 'administrator',
    input: emptyInput,
    output: auditVerificationSchema,
  }),

  'keys.recoveryKey': channel({
    effect: reads,
    // The key itself, to an administrator, only until someone confirms writing it down.
    summary: 'Show the recovery key not yet written down',
    role: 'administrator',
    input: emptyInput,
    output: z.object({ hasRecoveryKey: z.boolean(), recoveryKey: z.string().nullable() }),
  }),
  'keys.confirmRecoveryKey': channel({
    // Writes the key envelope beside the store, then the audit row.
    effect: ownTransactions('settings'),
    summary: 'Confirm the recovery key is written down or printed',
    role: 'administrator',
    input: emptyInput,
    output: okOutput,
  }),
  'keys.newRecoveryKey': channel({
    effect: ownTransactions('settings'),
    summary: 'Make a new recovery key, replacing the old one',
    role: 'administrator',
    input: z.object({ password: z.string().min(1, 'Enter your password').max(200) }).strict(),
    output: z.object({ recoveryKey: z.string() }),
  }),

  'keys.newStoreKey': channel({
    effect: ownTransactions('settings'),
    summary: 'Give the data file a new key and a new recovery key, so that the old recovery key opens nothing new',
    role: 'administrator',
    input: z
      .object({
        password: z.string().min(1, 'Enter your password').max(200),
        confirm: z.literal(true, 'Tick to confirm that everyone will be signed out and the recovery key will change'),
      })
      .strict(),
    output: okOutput,
  }),

  'backup.list': channel({
    effect: reads,
    summary: 'List backups',
    role: 'administrator',
    input: emptyInput,
    output: z.object({ folder: z.string(), backups: z.array(backupInfoSchema), lastDaily: z.string().nullable() }),
  }),
  'backup.settings': channel({
    effect: reads,
    summary: 'Read where backups are also copied, and how the last copy went',
    role: 'administrator',
    input: emptyInput,
    output: backupSettingsSchema,
  }),
  'backup.saveSettings': channel({
    effect: writes('backups'),
    summary: 'Choose a second folder backups are also copied to',
    role: 'administrator',
    input: z
      .object({
        // Empty: no second copy. Checked by the backend (it must exist and be writable from here).
        secondFolder: z.string().trim().max(500, 'Enter a path of 500 characters or fewer'),
      })
      .strict(),
    output: backupSettingsSchema,
  }),
  'backup.create': channel({
    effect: ownTransactions('backups'),
    summary: 'Take a backup now',
    role: 'administrator',
    input: emptyInput,
    output: backupInfoSchema,
  }),
  'backup.preview': channel({
    effect: reads,
    summary: 'Show what a backup holds',
    role: 'administrator',
    input: z.object({ name: backupNameSchema }).strict(),
    output: z.object({
      name: z.string(),
      takenAt: z.string(),
      schemaVersion: z.string(),
      participants: z.number().int(),
      outcomes: z.number().int(),
      staff: z.number().int(),
      auditEntries: z.number().int(),
      auditEntriesDropped: z.number().int(),
      integrity: z.string(),
    }),
  }),
  'backup.restore': channel({
    effect: ownTransactions('backups'),
    summary: 'Restore a backup',
    role: 'administrator',
    input: z
      .object({ name: backupNameSchema, confirm: z.literal(true, 'Confirm that you want to replace the current data') })
      .strict(),
    output: z.object({
      restored: z.string(),
      safetyBackup: z.string(),
      /** Audit entries written after the backup, which the restore dropped, kept in this file. */
      auditEntriesArchived: z.number().int(),
      auditArchive: z.string().nullable(),
    }),
  }),
  'store.check': channel({
    // Reads the whole store outside any transaction, then records the check in one.
    effect: ownTransactions('audit'),
    summary: 'Check the data file',
    role: 'administrator',
    input: emptyInput,
    output: z.object({
      integrity: z.array(z.string()),
      foreignKeyProblems: z.number().int(),
      audit: auditVerificationSchema,
      isEncrypted: z.boolean(),
      file: z.string(),
      bytes: z.number().int(),
    }),
  }),

  'sar.find': channel({
    effect: reads,
    summary: 'Find a person for a subject access request',
    role: 'administrator',
    input: z.object({ reference: z.string().trim().min(1, 'Enter the participant reference').max(40) }).strict(),
    output: z.object({
      id: idSchema,
      reference: z.string(),
      name: z.string(),
      status: z.string(),
      areas: z.array(z.object({ area: z.string(), rows: z.number().int() })),
    }),
  }),
  'sar.export': exportChannel({
    summary: 'Export everything held about a person',
    role: 'administrator',
    input: z
      .object({
        reference: z.string().trim().min(1, 'Enter the participant reference').max(40),
        reason: z.string().trim().max(200).optional(),
      })
      .strict(),
  }),

  'retention.streams': channel({
    effect: reads,
    summary: 'List funding streams with their retention dates',
    role: 'administrator',
    input: emptyInput,
    output: z.array(
      z.object({
        id: idSchema,
        code: z.string(),
        name: z.string(),
        retainUntil: z.string().nullable(),
        pastRetention: z.number().int(),
      }),
    ),
  }),
  'retention.setRetainUntil': channel({
    effect: writes('retention'),
    summary: 'Set the retention date of a funding stream',
    role: 'administrator',
    input: z.object({ id: idSchema, retainUntil: isoDateSchema.nullable() }).strict(),
    output: okOutput,
  }),
  'retention.worklist': channel({
    effect: reads,
    summary: 'People past their retention date',
    role: 'administrator',
    input: gridQuerySchema,
    output: pageOf(retentionRowSchema),
  }),
  'retention.settings': channel({
    effect: reads,
    summary: 'Read the retention settings',
    role: 'administrator',
    input: emptyInput,
    output: retentionSettingsSchema,
  }),
  'retention.saveSettings': channel({
    effect: writes('settings', 'retention'),
    summary: 'Change the retention settings',
    role: 'administrator',
    input: retentionSettingsSchema.strict(),
    output: retentionSettingsSchema,
  }),
  'retention.erasureCheck': channel({
    effect: reads,
    summary: 'Check whether a person can be erased on request',
    role: 'administrator',
    input: z.object({ reference: z.string().trim().min(1, 'Enter the participant reference').max(40) }).strict(),
    output: erasureCheckSchema,
  }),
  'retention.erase': channel({
    effect: ownBulkTransactions('pre-anonymise', 'participants', 'courses', 'outcomes', 'imports', 'retention'),
    summary: 'Erase a person on request',
    role: 'administrator',
    input: z
      .object({
        id: idSchema,
        reason: erasureReasonSchema,
        confirm: z.literal(true, 'Confirm the erasure'),
      })
      .strict(),
    output: z.object({ reference: z.string(), backup: z.string() }),
  }),
  'retention.anonymise': channel({
    effect: ownBulkTransactions('pre-anonymise', 'participants', 'courses', 'outcomes', 'imports', 'retention'),
    summary: 'Anonymise people past their retention date',
    role: 'administrator',
    input: z
      .object({
        ids: z.array(idSchema).min(1, 'Choose at least one person').max(1000),
        confirm: z.literal(true, 'Confirm the anonymisation'),
      })
      .strict(),
    output: z.object({ anonymised: z.number().int(), backup: z.string() }),
  }),
} as const;
