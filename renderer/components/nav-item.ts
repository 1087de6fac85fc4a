// One entry of a sub-navigation (SubNav): kept apart from the component so an area's route
// table (plain TypeScript, used by unit tests too) can list its sections.
export interface NavItem {
  label: string;
  to: { href(): string; match(path: readonly string[]): unknown };
  /** Other pages that count as this section (e.g. the area's bare address). */
  also?: ReadonlyArray<{ match(path: readonly string[]): unknown }>;
  /** Shown to administrators only. */
  admin?: boolean;
}

/** An area's sections: tabs under the heading of each section's own page (PageHeader). */
export interface AreaTabs {
  /** The navigation's accessible name ("Vacancies sections"). */
  label: string;
  items: readonly NavItem[];
}
