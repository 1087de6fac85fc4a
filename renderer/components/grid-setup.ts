// AG Grid, set up once: modules, the theme, and formatters for UK dates. Every grid in the app
// goes through ServerGrid so it looks and behaves the same.
import { AllCommunityModule, ModuleRegistry, themeQuartz, type ValueFormatterParams } from 'ag-grid-community';
import { formatUkDate, formatUkDateTime } from '../../shared/domain/dates';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 14,
  headerFontWeight: 600,
  accentColor: '#1d70b8',
  rowHeight: 36,
  headerHeight: 40,
  // Visible keyboard focus (WCAG 2.4.7): a thick outline on the focused cell.
  focusShadow: { radius: 0, spread: 2, color: '#ffdd00' },
  foregroundColor: '#0b0c0c',
  headerTextColor: '#0b0c0c',
});

export const ukDate = (p: ValueFormatterParams) => formatUkDate(p.value as string | null);
export const ukDateTime = (p: ValueFormatterParams) => formatUkDateTime(p.value as string | null);
