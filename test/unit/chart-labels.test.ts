// A dashboard bar chart lying on its side shows every category label whole: long labels are
// broken into lines between words (AG Charts cut their start off), and the chart is as tall as
// its labels' lines need.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { test as fcTest } from '@fast-check/vitest';
import { barsHeight, wrapLabel } from '../../renderer/features/returns/chart-labels';

describe('a chart category label', () => {
  it('keeps a short label on one line and breaks a long one between words', () => {
    expect(wrapLabel('Care leaver')).toEqual(['Care leaver']);
    expect(wrapLabel('Not in education, employment or training (16-24)')).toEqual([
      'Not in education, employment',
      'or training (16-24)',
    ]);
    expect(wrapLabel('Not known (no postcode, not in the directory, or no directory loaded)')).toEqual([
      'Not known (no postcode, not in',
      'the directory, or no directory',
      'loaded)',
    ]);
  });

  fcTest.prop([fc.array(fc.stringMatching(/^[A-Za-z(),-]{1,40}$/), { minLength: 1, maxLength: 12 })])(
    'loses no word, keeps their order, and no line is longer than 30 characters unless it is one word',
    (words) => {
      const lines = wrapLabel(words.join(' '));
      expect(lines.join(' ').split(' ')).toEqual(words);
      for (const line of lines) if (line.includes(' ')) expect(line.length).toBeLessThanOrEqual(30);
    },
  );

  it('makes the chart tall enough for every line of its longest label', () => {
    const short = ['Bedwell', 'Chells', 'Manor'];
    const long = [...short, 'Not known (no postcode, not in the directory, or no directory loaded)'];
    expect(barsHeight(short, 1)).toBe(280);
    // Four categories of three lines each (15 px a line and 6 px between them), and the axis.
    expect(barsHeight(long, 2)).toBe(80 + 4 * (6 + 15 * 3));
    // Bars side by side still get their room when the labels are short.
    expect(
      barsHeight(
        Array.from({ length: 20 }, (_, i) => `Ward ${i}`),
        2,
      ),
    ).toBe(80 + 20 * 32);
  });
});
