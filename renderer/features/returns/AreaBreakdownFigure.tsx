// Starts and outcomes by area (ward, or deprivation decile): the dashboard's chart figure with the
// two series side by side.
import type { DashboardAreas } from '../../../shared/contract/geography.contract';
import { ChartFigure } from './ChartFigure';

type Row = DashboardAreas['byWard'][number];

export function AreaBreakdownFigure(props: {
  id: string;
  title: string;
  categoryHeader: string;
  rows: Row[];
  horizontal?: boolean;
  fileStem: string;
  onExportTables?: () => void;
}) {
  return (
    <ChartFigure<Row>
      {...props}
      series={[
        { field: 'starts', name: 'Starts' },
        { field: 'outcomes', name: 'Outcomes' },
      ]}
    />
  );
}
