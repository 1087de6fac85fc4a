// The first rows under the detected headings, so the user can see what each column holds.
import type { SheetView } from '../../../shared/contract/imports.contract';
import { TableScroll } from '../../components/TableScroll';

export function SamplesTable({ view }: { view: SheetView }) {
  return (
    <div className="samples" role="region" aria-label="First rows of the sheet" tabIndex={0}>
      <TableScroll>
        <table className="data">
          <caption className="visually-hidden">First rows of {view.sheet}</caption>
          <thead>
            <tr>
              {view.headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.samples.map((row, i) => (
              <tr key={i}>
                {view.headers.map((h, j) => (
                  <td key={h}>{row[j] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
