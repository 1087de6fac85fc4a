// Category labels of the dashboard's bar charts lying on their side (ChartFigure.tsx): AG Charts
// gives the labels a share of the chart's width and, past it, neither wraps nor shortens them, so
// a long label lost its start. The labels are broken into lines here, and the chart is given the
// height its lines need.

/** The share of a bar chart lying on its side that its category labels may take (AG Charts' own
 * is 0.3, which cut the start off labels such as "Not in education, employment or training
 * (16-24)" at the dashboard's width: AG Charts neither wraps nor shortens them past it). */
export const LABEL_SHARE = 0.4;
/** Characters on one line of a category label: what fits in LABEL_SHARE of the dashboard's
 * narrowest chart (about 560 px wide at 1366 px) at AG Charts' 12 px. */
const LABEL_LINE = 30;

/** A category label as lines of at most LABEL_LINE characters, broken between words (a longer
 * word keeps a line of its own). */
export function wrapLabel(label: string, width = LABEL_LINE): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

/** Room for each category's bars and label (each label line 15 px), and for the axis and legend,
 * never less than the usual box. */
export function barsHeight(labels: string[], series: number): number {
  const perCategory = Math.max(12 + 10 * series, ...labels.map((l) => 6 + 15 * wrapLabel(l).length));
  return Math.max(280, 80 + labels.length * perCategory);
}
