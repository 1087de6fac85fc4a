// Evidence files: which files are accepted (PDF, PNG, JPEG), recognised by their first bytes —
// never by the name — and how big they may be. Pure so the form can check before sending.
export const MAX_EVIDENCE_FILE_BYTES = 10 * 1024 * 1024;
export type EvidenceMime = 'application/pdf' | 'image/png' | 'image/jpeg';

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** The file's real type from its magic bytes, or null when it is none of the accepted ones. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceMime | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  return null;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why a file cannot be attached, in words an officer understands; null when it can. */
export function evidenceFileProblem(fileName: string, bytes: Uint8Array): string | null {
  if (bytes.length === 0) return `"${fileName}" is empty`;
  if (bytes.length > MAX_EVIDENCE_FILE_BYTES) {
    return `"${fileName}" is ${formatFileSize(bytes.length)}; evidence files can be at most ${formatFileSize(MAX_EVIDENCE_FILE_BYTES)}`;
  }
  if (!sniffEvidenceType(bytes))
    return `"${fileName}" is not a PDF, PNG or JPEG file (checked by its contents, not its name)`;
  return null;
}
