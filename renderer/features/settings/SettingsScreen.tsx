// Settings: staff and roles, sign-in and the data file, the audit log, backups, retention and
// subject access (administrators), and everyone's own password. Sections are sub-pages
// (#/settings/audit) so each has an address and survives a reload or an automatic lock.
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../app/session-context';
import { navigate } from '../../app/router';
import { StaffSection } from './StaffSection';
import { SecuritySection } from './SecuritySection';
import { AuditSection } from './AuditSection';
import { BackupsSection } from './BackupsSection';
import { RetentionSection } from './RetentionSection';
import { SubjectAccessSection } from './SubjectAccessSection';
import { MyPasswordSection } from './MyPasswordSection';

const sections = [
  { path: 'staff', label: 'Staff and roles', admin: true, component: StaffSection },
  { path: 'security', label: 'Sign-in and data file', admin: true, component: SecuritySection },
  { path: 'audit', label: 'Audit log', admin: true, component: AuditSection },
  { path: 'backups', label: 'Backups', admin: true, component: BackupsSection },
  { path: 'retention', label: 'Retention', admin: true, component: RetentionSection },
  { path: 'subject-access', label: 'Subject access', admin: true, component: SubjectAccessSection },
  { path: 'password', label: 'My password', admin: false, component: MyPasswordSection },
] as const;

export function SettingsScreen({ rest }: { rest: string[] }) {
  const isAdmin = useCan('administrator');
  const visible = sections.filter((s) => isAdmin || !s.admin);
  const current = visible.find((s) => s.path === rest[0]) ?? visible[0]!;
  const Section = current.component;
  return (
    <div className="screen-fill">
      <PageHeader title="Settings" subtitle={isAdmin ? undefined : 'Other settings are for administrators.'} />
      <nav aria-label="Settings sections" className="subnav">
        <ul>
          {visible.map((s) => (
            <li key={s.path}>
              <a
                href={`#/settings/${s.path}`}
                aria-current={s.path === current.path ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`settings/${s.path}`);
                }}
              >
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="section-title" className="settings-section">
        <h2 id="section-title">{current.label}</h2>
        <Section />
      </section>
    </div>
  );
}
