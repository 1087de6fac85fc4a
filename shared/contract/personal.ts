// Markers on output schemas for data a viewer may not receive. Special category is a property of
// the field (or of the reference item a field holds), declared here beside the shape, not guessed
// from key names: the backend walks a viewer's answer with the channel's output schema and
// withholds what is marked. The store's personal-data registry (db/store/tables/personal-data.ts)
// says which columns are withheld; a test checks that their data reaches a viewer's channels only
// through marked fields.
import { z } from 'zod';
import type { ReferenceListName } from '../domain/reference-lists';

export type PersonalMarker =
  /** The whole value is special-category (or criminal-offence) data: a viewer gets null. */
  | { kind: 'special' }
  /** Codes of a reference list (a code, a list of codes, or a list of rows holding the code in
   * `key`, by default `code`): a viewer does not get the items marked special in that list. */
  | { kind: 'items'; list: ReferenceListName; key?: string }
  /** A list of changes `{ field, ...values }` where `field` names a stored column or record field:
   * a viewer does not get the changes of withheld fields, nor special items in the values. */
  | { kind: 'field-changes' }
  /** People (or what names them) chosen by criteria: the sibling field `criteria` holds the codes of
   * `list` they were chosen by. When one of those is a special item, being chosen says it of each
   * person (the people behind "participants facing a disability barrier"): a viewer gets an empty
   * list, or null. */
  | { kind: 'selected-by'; list: ReferenceListName; criteria: string };

/** Where the markers live: a registry of its own, so marking a schema does not copy it. */
const personalMarkers = z.registry<PersonalMarker>();

/** Marks a field as special-category data. The schema must accept null (what a viewer gets). */
export function specialCategory<T extends z.ZodType>(schema: T): T {
  return mark(schema, { kind: 'special' });
}

/** Marks free text staff wrote about a person (a note): it may say anything, health or offending
 * included, so a viewer gets null. The schema must accept null. */
export function freeText<T extends z.ZodType>(schema: T): T {
  return mark(schema, { kind: 'special' });
}

/** Marks a field holding codes of `list` (a code, codes, or rows holding the code in `key`). */
export function specialItems<T extends z.ZodType>(list: ReferenceListName, schema: T, key = 'code'): T {
  return mark(schema, { kind: 'items', list, key });
}

/** Marks people chosen by the codes of `list` held in the sibling field `criteria` (see above). */
export function selectedBy<T extends z.ZodType>(list: ReferenceListName, criteria: string, schema: T): T {
  return mark(schema, { kind: 'selected-by', list, criteria });
}

/** Marks a list of field-level changes (`{ field, before, after }` and the like). */
export function fieldChanges<T extends z.ZodType>(schema: T): T {
  return mark(schema, { kind: 'field-changes' });
}

function mark<T extends z.ZodType>(schema: T, marker: PersonalMarker): T {
  const plain: z.ZodType = schema;
  personalMarkers.add(plain, marker);
  return schema;
}

export function personalMarkerOf(schema: z.core.$ZodType): PersonalMarker | undefined {
  return personalMarkers.get(schema);
}
