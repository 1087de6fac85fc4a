// SQLite's locking and write-ahead log need a local disk: on a shared folder or network drive
// two laptops can both think they hold the lock, and the store gets corrupted. openStore asks
// this module first and refuses such a location with a message saying what to do instead.
import fs from 'node:fs';
import path from 'node:path';

/** The few facts about the file system the check needs; tests pass fakes. */
export interface PathProbe {
  readonly platform: NodeJS.Platform;
  /** The OS's own resolution of an existing path: on Windows a mapped network drive comes back
   * as its UNC path (`Z:\data` → `\\server\share\data`). */
  realpathNative(existing: string): string;
  /** The file-system type number of an existing path (Linux `statfs` f_type). */
  fileSystemType(existing: string): number;
  exists(p: string): boolean;
}

export const systemProbe: PathProbe = {
  platform: process.platform,
  realpathNative: (p) => fs.realpathSync.native(p),
  fileSystemType: (p) => fs.statfsSync(p).type,
  exists: (p) => fs.existsSync(p),
};

/** Linux network file systems by their statfs magic number (linux/magic.h). */
const NETWORK_FILE_SYSTEMS = new Map<number, string>([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x5346414f, 'AFS'],
  [0x73757245, 'Coda'],
  [0x564c, 'NCP'],
  [0x01021997, '9P'],
]);

/** `\\server\share\…` (and `\\?\UNC\server\share\…`); on Windows also `//server/share/…`. */
function isUncPath(p: string, platform: NodeJS.Platform): boolean {
  if (/^\\\\\?\\UNC\\/i.test(p)) return true;
  if (/^\\\\[^\\?.]/.test(p)) return true;
  return platform === 'win32' && /^\/\/[^/?.]/.test(p);
}

/** The path itself if it exists, else its nearest existing folder (a new store's file does not
 * exist yet; its folder, or that folder's parent, usually does). */
function nearestExisting(file: string, pathApi: path.PlatformPath, probe: PathProbe): string | null {
  let p = pathApi.resolve(file);
  for (;;) {
    if (probe.exists(p)) return p;
    const parent = pathApi.dirname(p);
    if (parent === p) return null;
    p = parent;
  }
}

/** Why `file` is on a network location, or null when it is (as far as we can tell) local. */
export function networkPathProblem(file: string, probe: PathProbe = systemProbe): string | null {
  if (file === ':memory:') return null;
  if (isUncPath(file, probe.platform)) return 'it is a shared network folder';
  const pathApi = probe.platform === 'win32' ? path.win32 : path.posix;
  const existing = nearestExisting(file, pathApi, probe);
  if (!existing) return null;
  try {
    // A mapped network drive (or a link into a share) resolves to its UNC path.
    if (isUncPath(probe.realpathNative(existing), probe.platform)) return 'it is on a mapped network drive';
  } catch {
    // Unreadable: let opening the file report the real problem.
  }
  if (probe.platform === 'linux') {
    try {
      const kind = NETWORK_FILE_SYSTEMS.get(probe.fileSystemType(existing));
      if (kind) return `it is on a network file system (${kind})`;
    } catch {
      // statfs unsupported here: nothing more to learn.
    }
  }
  return null;
}

export class NetworkStoreError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(
      `Worksbook cannot keep its data file at ${file}: ${reason}. The data file must be on this computer's own ` +
        'disk, because a shared or network copy can be damaged when two computers write to it. ' +
        'Choose a folder on this computer.',
    );
    this.name = 'NetworkStoreError';
  }
}

/** Throws NetworkStoreError when the store file would live on a network location. */
export function assertLocalStorePath(file: string, probe: PathProbe = systemProbe): void {
  const reason = networkPathProblem(file, probe);
  if (reason) throw new NetworkStoreError(file, reason);
}
