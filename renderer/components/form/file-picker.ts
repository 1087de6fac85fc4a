// A file input opens its picker on Space in Chromium but not on Enter, the key a keyboard user
// tries first on anything that looks like a button. Every file picker uses this so both open it
// (and Enter never submits the form around it instead).
import type { KeyboardEvent } from 'react';

export function openPickerOnEnter(event: KeyboardEvent<HTMLInputElement>): void {
  if (event.key !== 'Enter' || event.currentTarget.disabled) return;
  event.preventDefault();
  event.currentTarget.click();
}
