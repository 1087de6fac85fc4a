// The courses area's own navigation: runs, site-ready candidates, expiry worklist, dashboard,
// and (for everyone to read, administrators to edit) the catalogue.
export function CoursesNav({ current }: { current: 'runs' | 'site-ready' | 'expiry' | 'dashboard' | 'catalogue' }) {
  const links = [
    ['runs', '#/courses', 'Course runs'],
    ['site-ready', '#/courses/site-ready', 'Site-ready candidates'],
    ['expiry', '#/courses/expiry', 'Expiry worklist'],
    ['dashboard', '#/courses/dashboard', 'Dashboard'],
    ['catalogue', '#/courses/catalogue', 'Catalogue'],
  ] as const;
  return (
    <nav aria-label="Courses">
      <ul className="subnav">
        {links.map(([key, href, label]) => (
          <li key={key}>
            <a href={href} aria-current={key === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
