// Keyboard and focus at 1366x768 (issue 20): a focused field is never under the sticky Save bar,
// even with the error summary pushing the form down (WCAG 2.4.11 focus not obscured), and the
// focused grid cell has a visible indicator (at least 2px, contrast at least 3:1 with white).
import { test, expect, axeViolations, startWithDemo } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

/** WCAG relative luminance contrast of an rgb()/rgba() colour against white. */
function contrastWithWhite(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  return 1.05 / (l + 0.05);
}

test('with the error summary shown, the ULN field focused by Tab is not under the Save bar', async ({
  appPage: page,
}) => {
  await startWithDemo(page);
  await page.keyboard.press('Control+N');
  await expect(page.getByRole('heading', { name: 'New participant', level: 1 })).toBeVisible();
  await page.getByLabel('First name', { exact: true }).fill('Focus');
  await page.getByLabel('Last name', { exact: true }).fill('Obscured-Test');
  await page.getByLabel('NI number').fill('12 34 56 78 Z');
  await page.getByLabel('Postcode').fill('NOT A CODE');
  await page.keyboard.press('Control+S');
  await expect(page.locator('.error-summary')).toContainText('There is a problem');
  // The field before the ULN, then Tab: the browser brings the focused field into view.
  await page.getByLabel('No fixed abode').focus();
  await page.keyboard.press('Tab');
  const uln = page.getByLabel('Unique Learner Number (optional)');
  await expect(uln).toBeFocused();
  const bar = page.locator('.form-actions').first();
  const [field, actions] = [await uln.boundingBox(), await bar.boundingBox()];
  expect(field && actions).toBeTruthy();
  expect(field!.y + field!.height, 'the ULN field ends above the Save bar').toBeLessThanOrEqual(actions!.y);
  expect(field!.y).toBeGreaterThanOrEqual(0);
  // And the same from the other side: Shift+Tab back from the address line.
  await page.getByLabel('Address line 1').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(uln).toBeFocused();
  const again = await uln.boundingBox();
  expect(again!.y + again!.height).toBeLessThanOrEqual((await bar.boundingBox())!.y);
  expect(await axeViolations(page)).toEqual([]);
});

test('the focused grid cell has a visible 2px indicator with 3:1 contrast', async ({ appPage: page }) => {
  await startWithDemo(page);
  const grid = page.getByRole('grid').or(page.getByRole('treegrid')).first();
  await expect(grid.locator('.ag-cell').first()).toBeVisible();
  await grid.locator('.ag-cell').first().click();
  await page.keyboard.press('ArrowDown');
  const focused = grid.locator('.ag-cell-focus').first();
  await expect(focused).toBeVisible();
  const style = await focused.evaluate((el) => {
    const s = getComputedStyle(el);
    return { width: parseFloat(s.outlineWidth), style: s.outlineStyle, color: s.outlineColor };
  });
  expect(style.style).not.toBe('none');
  expect(style.width).toBeGreaterThanOrEqual(2);
  expect(contrastWithWhite(style.color)).toBeGreaterThanOrEqual(3);
});
