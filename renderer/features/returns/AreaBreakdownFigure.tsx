// Starts and outcomes by area (ward, or deprivation decile): a grouped bar chart (AG Charts) with
// a caption, its data as a table (open for screen-reader users to find), and PNG and xlsx
// downloads, as the dashboard's other charts.
import { useRef } from 'react';
import { AgCharts } from 'ag-charts-react';
import type { AgChartInstance, AgChartOptions } from 'ag-charts-community';
import type { DashboardAreas } from '../../../shared/contract/geography.contract';
import { downloadBytes } from '../../components/download';

type Row = DashboardAreas['byWard'][number];

function dataUrlBytes(dataUrl: string): Uint8Array {
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function AreaBreakdownFigure(props: {
  id: string;
  title: string;
  categoryHeader: string;
  rows: Row[];
  horizontal?: boolean;
  fileStem: string;
  onExportTables?: () => void;
}) {
  const chart = useRef<AgChartInstance>(null);
  const total = props.rows.reduce((n, r) => n + r.starts + r.outcomes, 0);
  const direction = props.horizontal ? 'horizontal' : 'vertical';
  const options: AgChartOptions = {
    data: props.rows.map((r) => ({ label: r.label, starts: r.starts, outcomes: r.outcomes })),
    series: [
      { type: 'bar', xKey: 'label', yKey: 'starts', yName: 'Starts', direction, fill: '#1d70b8' },
      { type: 'bar', xKey: 'label', yKey: 'outcomes', yName: 'Outcomes', direction, fill: '#b35c00' },
    ],
    axes: {
      x: { type: 'category', position: props.horizontal ? 'left' : 'bottom' },
      y: { type: 'number', position: props.horizontal ? 'bottom' : 'left', title: { text: 'Count' } },
    },
    legend: { enabled: true, position: 'bottom' },
    animation: { enabled: false },
  };

  async function downloadPng() {
    const url = await chart.current?.getImageDataURL({ fileFormat: 'image/png' });
    if (url) downloadBytes(`${props.fileStem}.png`, dataUrlBytes(url), 'image/png');
  }

  return (
    <figure className="chart-figure" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`}>{props.title}</figcaption>
      {total === 0 ? (
        <p className="muted">Nothing recorded in this period.</p>
      ) : (
        <div className="chart-box">
          <AgCharts ref={chart} options={options} style={{ height: '100%', width: '100%' }} />
        </div>
      )}
      <details>
        <summary>{props.title}: data table</summary>
        <table className="data" aria-label={`${props.title} data`}>
          <thead>
            <tr>
              <th scope="col">{props.categoryHeader}</th>
              <th scope="col">Starts</th>
              <th scope="col">Outcomes</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{r.starts.toLocaleString('en-GB')}</td>
                <td>{r.outcomes.toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <div className="chart-actions">
        <button
          type="button"
          onClick={() => void downloadPng()}
          disabled={total === 0}
          aria-label={`Download chart as PNG: ${props.title}`}
        >
          Download chart as PNG
        </button>
        {props.onExportTables && (
          <button type="button" onClick={props.onExportTables} aria-label={`Download tables as xlsx (${props.title})`}>
            Download tables as xlsx
          </button>
        )}
      </div>
    </figure>
  );
}
