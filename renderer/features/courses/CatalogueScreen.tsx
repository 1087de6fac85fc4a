// The course catalogue: what the programme runs, who provides it, how long it takes and what it
// leads to. Everyone can read it; administrators add and change entries.
import { useState } from 'react';
import type { CourseType } from '../../../shared/contract/courses.contract';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { coursesTabs } from './courses.routes';
import { CourseTypeForm } from './CourseTypeForm';
import { TableScroll } from '../../components/TableScroll';

const componentLabels: Record<string, string> = {
  l1_award: 'L1 Award',
  hse_test: 'HS&E test',
  card_application: 'Card application',
  pre_employment: 'Pre-employment course',
};

export function CatalogueScreen() {
  const lookups = useChannel('courses.lookups', {}, { areas: ['courses'] });
  const isAdmin = useCan('administrator');
  const [editing, setEditing] = useState<CourseType | 'new' | null>(null);
  const types = lookups.data?.courseTypes ?? [];
  return (
    <>
      <PageHeader
        tabs={coursesTabs}
        title="Course catalogue"
        subtitle={
          isAdmin ? 'Reference data: changes apply to new course runs' : 'Reference data, edited by administrators'
        }
        actions={
          isAdmin &&
          !editing && (
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              Add a course
            </button>
          )
        }
      />
      {editing && lookups.data && (
        <CourseTypeForm
          initial={editing === 'new' ? null : editing}
          providers={lookups.data.providers}
          onDone={() => setEditing(null)}
        />
      )}
      {lookups.data && !types.length && (
        <EmptyState title="The catalogue is empty">Add the courses the programme runs.</EmptyState>
      )}
      {types.length > 0 && (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Courses in the catalogue</caption>
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">Provider</th>
                <th scope="col" className="num">
                  Typical days
                </th>
                <th scope="col">Leads to</th>
                <th scope="col">CSCS route</th>
                <th scope="col" className="num">
                  Runs
                </th>
                {isAdmin && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {types.map((t) => (
                <tr key={t.id}>
                  <th scope="row">
                    {t.name}
                    {!t.isActive && (
                      <>
                        <br />
                        <span className="tag">Not offered now</span>
                      </>
                    )}
                  </th>
                  <td>{t.providerName ?? '–'}</td>
                  <td className="num">{t.typicalDays ?? '–'}</td>
                  <td>{t.leadsTo ?? '–'}</td>
                  <td>{t.cscsComponent ? componentLabels[t.cscsComponent] : '–'}</td>
                  <td className="num">{t.runCount}</td>
                  {isAdmin && (
                    <td>
                      <button type="button" onClick={() => setEditing(t)} aria-label={`Change ${t.name}`}>
                        Change
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
