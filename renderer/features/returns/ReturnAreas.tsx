// Where the people a return counts live (each once): by ward and by deprivation decile, as tables
// (the workbook carries the same as its "Where people live" sheet).
import { useChannel } from '../../api/use-channel';
import type { PeopleAreas } from '../../../shared/contract/geography.contract';
import { TableScroll } from '../../components/TableScroll';

export function ReturnAreas({ setId, from, to }: { setId: number; from: string; to: string }) {
  const areas = useChannel(
    'geography.returnAreas',
    { setId, from, to },
    { areas: ['returns', 'participants', 'outcomes', 'courses', 'geography'] },
  );
  const a = areas.data;
  return (
    <details className="return-areas">
      <summary>Where the people counted live (by ward and deprivation decile)</summary>
      {areas.error && <p className="error-message">{areas.error.message}</p>}
      {!a && !areas.error && <p aria-busy="true">Counting…</p>}
      {a && a.people === 0 && <p>Nobody is counted in this period.</p>}
      {a && a.people > 0 && (
        <div className="chart-grid">
          <AreaTable caption="People counted by ward" header="Ward" rows={a.byWard} total={a.people} />
          <AreaTable
            caption="People counted by deprivation decile (IMD, 1 = most deprived)"
            header="IMD decile"
            rows={a.byDecile}
            total={a.people}
          />
        </div>
      )}
    </details>
  );
}

function AreaTable(props: { caption: string; header: string; rows: PeopleAreas['byWard']; total: number }) {
  return (
    <TableScroll>
      <table className="data">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.header}</th>
            <th scope="col">People</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{r.people.toLocaleString('en-GB')}</td>
              <td>{props.total ? `${Math.round((r.people / props.total) * 100)}%` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
