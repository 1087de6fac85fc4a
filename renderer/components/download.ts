// Saves bytes the backend produced (an export) as a file: the browser's download in the harness,
// Electron's save dialog in the app (both start from the same <a download>).
export function downloadBytes(
  fileName: string,
  bytes: Uint8Array,
  mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
): void {
  const blob = new Blob([bytes as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
