// The heading row of a screen: the page's one h1, a subtitle and its main actions. A section page
// of an area (Vacancies, Candidates, …) passes the area's tabs: they sit under the heading in
// every area. A record's page passes `back`: the way to the list it belongs to, above the heading.
import type { ReactNode } from 'react';
import type { AreaTabs } from './nav-item';
import { SubNav } from './SubNav';

export interface PageHeaderProps {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  tabs?: AreaTabs;
  back?: { label: string; href: string };
}

export function PageHeader({ title, subtitle, actions, tabs, back }: PageHeaderProps) {
  return (
    <>
      <header className="page-header">
        <div>
          {back && (
            <p className="page-back">
              <a href={back.href}>{back.label}</a>
            </p>
          )}
          <h1 tabIndex={-1} id="page-title">
            {title}
          </h1>
          {subtitle && <p className="page-subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {tabs && <SubNav label={tabs.label} items={tabs.items} />}
    </>
  );
}
