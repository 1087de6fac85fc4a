// SQLite's WAL mode does not work on network filesystems: warn rather than corrupt a store.
import path from 'node:path';

export function looksLikeNetworkPath(file: string): boolean {
  const p = path.resolve(file);
  if (/^\\\\/.test(file) || /^\/\//.test(file)) return true; // UNC path \\server\share or //server/share
  return /^\/(mnt|net|media)\/(smb|nfs|cifs|afp)/i.test(p);
}
