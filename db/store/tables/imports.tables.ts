// Row types of the imports area's tables. Add each table's interface and list it below.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the area grows
export interface ImportTables {}
