// One dashboard chart: a bar chart (AG Charts) of one series or several side by side (starts and
// outcomes by ward), with a caption, its data as a table (the text alternative, open by default
// for screen-reader users to find), and PNG and xlsx downloads.
import { useRef } from 'react';
import { AgCharts } from 'ag-charts-react';
import { AllCommunityModule, ModuleRegistry, type AgChartInstance, type AgChartOptions } from 'ag-charts-community';
import type { CountRow } from '../../../shared/contract/returns.contract';
import { downloadBytes } from '../../components/download';

ModuleRegistry.registerModules([AllCommunityModule]);

function dataUrlBytes(dataUrl: string): Uint8Array {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A bar series: which number of each row it draws, and its name in the legend and the table. */
export interface ChartSeries<Row> {
  field: { [K in keyof Row]: Row[K] extends number ? K : never }[keyof Row] & string;
  name: string;
}

const fills = ['#1d70b8', '#b35c00', '#00703c'];

/** Room for each category's bars and label, and for the axis and legend, never less than the usual box. */
const barsHeight = (categories: number, series: number) => Math.max(280, 80 + categories * (12 + 10 * series));

export function ChartFigure<Row extends { key: string; label: string } = CountRow>(props: {
  id: string;
  title: string;
  rows: Row[];
  /** Default: the rows' `count`. */
  series?: ChartSeries<Row>[];
  categoryHeader: string;
  horizontal?: boolean;
  fileStem: string;
  onExportTables?: () => void;
}) {
  const chart = useRef<AgChartInstance>(null);
  const series = props.series ?? ([{ field: 'count', name: 'Count' }] as ChartSeries<Row>[]);
  const value = (r: Row, s: ChartSeries<Row>) => Number(r[s.field]);
  const total = props.rows.reduce((n, r) => n + series.reduce((m, s) => m + value(r, s), 0), 0);
  const options: AgChartOptions = {
    data: props.rows.map((r) => Object.fromEntries([['label', r.label], ...series.map((s) => [s.field, value(r, s)])])),
    series: series.map((s, i) => ({
      type: 'bar' as const,
      xKey: 'label',
      yKey: s.field,
      yName: s.name,
      direction: props.horizontal ? ('horizontal' as const) : ('vertical' as const),
      fill: fills[i % fills.length],
    })),
    axes: {
      x: { type: 'category', position: props.horizontal ? 'left' : 'bottom' },
      y: { type: 'number', position: props.horizontal ? 'bottom' : 'left', title: { text: 'Count' } },
    },
    legend: { enabled: series.length > 1, position: 'bottom' },
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
        // A bar chart lying on its side gets a line per category (per series), so every label shows.
        <div
          className="chart-box"
          style={props.horizontal ? { height: barsHeight(props.rows.length, series.length) } : undefined}
        >
          <AgCharts ref={chart} options={options} style={{ height: '100%', width: '100%' }} />
        </div>
      )}
      <details>
        <summary>{props.title}: data table</summary>
        <table className="data" aria-label={`${props.title} data`}>
          <thead>
            <tr>
              <th scope="col">{props.categoryHeader}</th>
              {series.map((s) => (
                <th key={s.field} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                {series.map((s) => (
                  <td key={s.field}>{value(r, s).toLocaleString('en-GB')}</td>
                ))}
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
