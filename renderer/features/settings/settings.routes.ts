// The settings area's addresses and its sub-navigation: one address per section, so each
// survives a reload or an automatic lock.
import { oneOf, route } from '../../app/route';
import type { AreaTabs } from '../../components/nav-item';

export const settingsSections = [
  'staff',
  'reference-lists',
  'security',
  'geography',
  'audit',
  'backups',
  'retention',
  'subject-access',
  'team',
  'password',
] as const;
export type SettingsSection = (typeof settingsSections)[number];

export const settingsRoutes = {
  /** The first section the user may see. */
  home: route('settings'),
  section: route('settings/:section', { section: oneOf(...settingsSections) }),
};

const sectionLink = (section: SettingsSection) => ({
  href: () => settingsRoutes.section.href({ section }),
  match: (path: readonly string[]) => (settingsRoutes.section.match(path)?.section === section ? section : null),
});

export const settingsSectionLabels: Record<SettingsSection, string> = {
  staff: 'Staff and roles',
  'reference-lists': 'Reference lists',
  security: 'Sign-in and data file',
  geography: 'Geography',
  audit: 'Audit log',
  backups: 'Backups',
  retention: 'Retention',
  'subject-access': 'Subject access',
  team: 'Team database',
  password: 'My password',
};

export const settingsTabs: AreaTabs = {
  label: 'Settings sections',
  items: settingsSections.map((section) => ({
    label: settingsSectionLabels[section],
    to: sectionLink(section),
    admin: section !== 'password',
  })),
};
