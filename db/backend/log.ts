// Application log. Never log personal data: log channel names, error kinds and counts only.
type Level = 'info' | 'warn' | 'error';

let sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`);

export function setLogSink(fn: (line: string) => void): void {
  sink = fn;
}

export function log(level: Level, event: string, fields: Record<string, string | number | boolean | null> = {}): void {
  sink(JSON.stringify({ t: new Date().toISOString(), level, event, ...fields }));
}
