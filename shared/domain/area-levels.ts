// The levels of geography a counting rule's area filter can name ("people living in …"). Each
// level says how its codes look and how the rule reads. Postcode district is recorded for every
// participant today; the geography work adds ward, local authority and IMD decile as further
// entries here, each with its participant column in db/features/returns/area-filter.ts.
export interface AreaLevelDef {
  /** "postcode district", as the sentence names one. */
  noun: string;
  plural: string;
  /** How a code of this level looks, for the editor's check and the rule's validation. */
  pattern: RegExp;
  example: string;
}

export const areaLevels = {
  postcode_district: {
    noun: 'postcode district',
    plural: 'postcode districts',
    pattern: /^[A-Z]{1,2}[0-9][0-9A-Z]?$/,
    example: 'SG1',
  },
} as const satisfies Record<string, AreaLevelDef>;

export type AreaLevel = keyof typeof areaLevels;
export const areaLevelCodes = Object.keys(areaLevels) as [AreaLevel, ...AreaLevel[]];
