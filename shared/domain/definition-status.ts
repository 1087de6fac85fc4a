// What an indicator's definition status means. "Agreed with the funder" is only ever set by an
// administrator confirming it (who and when are kept); definitions shipped with the app were
// inferred from public guidance and say so until someone confirms them.
export const definitionStatusCodes = ['inferred', 'local_draft', 'agreed'] as const;
export type DefinitionStatus = (typeof definitionStatusCodes)[number];

export const definitionStatusLabels: Record<DefinitionStatus, string> = {
  inferred: 'Inferred from public guidance: not agreed with the funder',
  local_draft: 'Drafted locally: to agree with the funder',
  agreed: 'Agreed with the funder',
};

/** Short label for tags and workbook cells. */
export const definitionStatusShort: Record<DefinitionStatus, string> = {
  inferred: 'Inferred (not agreed)',
  local_draft: 'Local draft (not agreed)',
  agreed: 'Agreed with funder',
};
