// Field ids: "field-<path>" ("field-firstName", "field-sessions.2.sessionDate"), with the form's
// prefix when two forms share a page ("field-edit.outcomeDate"). The error summary links to them.
import { createContext, useContext } from 'react';
import { pathKey, type FieldPath } from './form-problems';

export function fieldId(path: string | FieldPath, prefix?: string): string {
  const key = typeof path === 'string' ? path : pathKey(path);
  return `field-${prefix ? `${prefix}.` : ''}${key}`;
}

/** The id prefix of the form around a field (see useContractForm's idPrefix). */
export const FieldIdPrefix = createContext<string | undefined>(undefined);

export function useFieldId(path: string | FieldPath): string {
  return fieldId(path, useContext(FieldIdPrefix));
}

/** Lets a control tell its form about work still under way on its value (see ContractForm.track). */
export const PendingWork = createContext<(work: Promise<unknown>) => void>(() => {});
