// Which screen shows each address of the settings area (the addresses: settings.routes.ts).
// Sections for administrators only are not shown to others: they get their own password page.
import { useEffect, type ComponentType } from 'react';
import { page, type Page } from '../../app/pages';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { settingsRoutes, settingsSectionLabels, type SettingsSection } from './settings.routes';
import { StaffSection } from './StaffSection';
import { ReferenceListsSection } from './ReferenceListsSection';
import { SecuritySection } from './SecuritySection';
import { AuditSection } from './AuditSection';
import { BackupsSection } from './BackupsSection';
import { RetentionSection } from './RetentionSection';
import { SubjectAccessSection } from './SubjectAccessSection';
import { MyPasswordSection } from './MyPasswordSection';
import { GeographySection } from './GeographySection';
import { TeamDatabaseSection } from './TeamDatabaseSection';

const sections: Record<SettingsSection, ComponentType> = {
  staff: StaffSection,
  'reference-lists': ReferenceListsSection,
  security: SecuritySection,
  geography: GeographySection,
  audit: AuditSection,
  backups: BackupsSection,
  retention: RetentionSection,
  'subject-access': SubjectAccessSection,
  team: TeamDatabaseSection,
  password: MyPasswordSection,
};

function Section({ section }: { section: SettingsSection }) {
  const isAdmin = useCan('administrator');
  const shown: SettingsSection = isAdmin || section === 'password' ? section : 'password';
  useEffect(() => {
    if (shown !== section) navigate(settingsRoutes.section.path({ section: shown }), { replace: true });
  }, [shown, section]);
  const Body = sections[shown];
  return (
    <section aria-labelledby="section-title" className="settings-section">
      <h2 id="section-title">{settingsSectionLabels[shown]}</h2>
      <Body />
    </section>
  );
}

/** #/settings opens the first section the user may see, as its own address. */
function FirstSection() {
  const isAdmin = useCan('administrator');
  const first: SettingsSection = isAdmin ? 'staff' : 'password';
  useEffect(() => navigate(settingsRoutes.section.path({ section: first }), { replace: true }), [first]);
  return <Section section={first} />;
}

export const settingsPages: Page[] = [
  page(settingsRoutes.home, () => <FirstSection />),
  page(settingsRoutes.section, ({ section }) => <Section section={section} />),
];
