// One dashboard chart: a bar chart (AG Charts) of one series or several side by side (starts and
// outcomes by ward), with a caption, its data as a table (the text alternative, open by default
// for screen-reader users to find), and PNG and xlsx downloads.
//
// Drawing a chart takes 10-20 ms of the page's one thread. Drawn in the step that puts the page on
// screen, the dashboard's eight charts (most of them below the first screen) held its figures
// back by about 125 ms at 100,000 people, so each chart is drawn in a task of its own just after
// the page is painted. Its options are made once for its rows, so a page that renders again
// (another answer arriving) does not redraw it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { AgCharts } from 'ag-charts-react';
import { AllCommunityModule, ModuleRegistry, type AgChartInstance, type AgChartOptions } from 'ag-charts-community';
import type { CountRow } from '../../../shared/contract/returns.contract';
import { downloadBytes } from '../../components/download';
import { barsHeight, LABEL_SHARE, wrapLabel } from './chart-labels';
import { TableScroll } from '../../components/TableScroll';

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
const fillBox = { height: '100%', width: '100%' };

/** False for the render that first shows the chart's box, true from the task after the page
 * has been painted: each chart is drawn in its own task after the figures are on screen. */
function useDrawAfterPaint(shown: boolean): boolean {
  const [draw, setDraw] = useState(false);
  useEffect(() => {
    if (draw || !shown) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setDraw(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [draw, shown]);
  return draw;
}

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
  const draw = useDrawAfterPaint(total > 0);
  // The series by what they are, so a new array of the same series keeps the options.
  const seriesKey = JSON.stringify(series);
  const options = useMemo((): AgChartOptions => {
    const drawn = JSON.parse(seriesKey) as ChartSeries<Row>[];
    return {
      data: props.rows.map((r) =>
        Object.fromEntries([['label', r.label], ...drawn.map((s) => [s.field, Number(r[s.field])])]),
      ),
      series: drawn.map((s, i) => ({
        type: 'bar' as const,
        xKey: 'label',
        yKey: s.field,
        yName: s.name,
        direction: props.horizontal ? ('horizontal' as const) : ('vertical' as const),
        fill: fills[i % fills.length],
      })),
      axes: {
        x: props.horizontal
          ? {
              type: 'category',
              position: 'left',
              maxThicknessRatio: LABEL_SHARE,
              label: { formatter: ({ value }) => wrapLabel(String(value)).join('\n') },
            }
          : { type: 'category', position: 'bottom' },
        y: { type: 'number', position: props.horizontal ? 'bottom' : 'left', title: { text: 'Count' } },
      },
      legend: { enabled: drawn.length > 1, position: 'bottom' },
      // No animation: the bars are drawn once, at their values (and nothing moves for people who
      // ask for reduced motion).
      animation: { enabled: false },
    };
  }, [props.rows, props.horizontal, seriesKey]);

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
          style={
            props.horizontal
              ? {
                  height: barsHeight(
                    props.rows.map((r) => r.label),
                    series.length,
                  ),
                }
              : undefined
          }
        >
          {draw && <AgCharts ref={chart} options={options} style={fillBox} />}
        </div>
      )}
      <details>
        <summary>{props.title}: data table</summary>
        <TableScroll>
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
        </TableScroll>
      </details>
      <div className="chart-actions">
        <button
          type="button"
          onClick={() => void downloadPng()}
          disabled={total === 0 || !draw}
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
