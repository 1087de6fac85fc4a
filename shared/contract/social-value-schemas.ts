// Schemas of a contract's money and its monitoring report (social value and Section 106): a
// payment received (in-lieu contribution or community investment, in integer pence) and the
// report's period.
import { z } from 'zod';
import { idSchema, isoDateSchema } from './common';
import { paymentKindCodes } from '../domain/outcome-lists';
import { optText } from './outcomes-schemas';

export const paymentInputSchema = z
  .object({
    contractId: idSchema,
    kind: z.enum(paymentKindCodes, { error: 'Choose what the money is' }),
    receivedOn: isoDateSchema,
    amountPence: z
      .number({ error: 'Enter the amount in pounds and pence, like 2500.00' })
      .int('Enter the amount in pounds and pence, like 2500.00')
      .min(1, 'The amount must be more than £0')
      .max(10_000_000_000, 'The amount is too large'),
    payer: optText(200, 'Paid by'),
    purpose: optText(500, 'What it is for'),
    reference: optText(60, 'Reference'),
  })
  .strict();
export type PaymentInput = z.infer<typeof paymentInputSchema>;

/** A payment corrected: everything but the contract it was received on. */
export const paymentUpdateSchema = paymentInputSchema.omit({ contractId: true }).extend({ id: idSchema }).strict();
export type PaymentUpdate = z.infer<typeof paymentUpdateSchema>;

export const paymentRowSchema = z.object({
  id: idSchema,
  kind: z.enum(paymentKindCodes),
  receivedOn: z.string(),
  amountPence: z.number().int(),
  payer: z.string().nullable(),
  purpose: z.string().nullable(),
  reference: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
export type PaymentRow = z.infer<typeof paymentRowSchema>;

export const monitoringReportInputSchema = z
  .object({
    id: idSchema,
    from: isoDateSchema,
    to: isoDateSchema,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.to < v.from)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'The last day must be the same as or after the first day',
      });
  });
export type MonitoringReportInput = z.infer<typeof monitoringReportInputSchema>;
