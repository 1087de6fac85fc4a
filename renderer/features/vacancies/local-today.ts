// Today on this computer as ISO, for a form's starting date (local, not UTC: late in the
// evening is still today). The backend checks dates against its own clock.
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
