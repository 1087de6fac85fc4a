// A store on a shared folder or network drive is refused before anything is written: SQLite's
// locks and write-ahead log are not safe there (db/store/sqlite/network-path.ts).
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { networkPathProblem, NetworkStoreError, type PathProbe } from '../../db/store/sqlite/network-path';
import { openStore } from '../../db/store/connection';

const EXT4 = 0xef53;

/** A Windows machine where Z: is mapped to \\fileserver\team and C: is a local disk. */
const windows: PathProbe = {
  platform: 'win32',
  exists: (p) => /^[CZ]:\\(Users(\\sam)?|data)?$/i.test(p),
  realpathNative: (p) => (/^Z:/i.test(p) ? p.replace(/^Z:/i, '\\\\fileserver\\team') : p),
  fileSystemType: () => {
    throw new Error('statfs has no type on Windows');
  },
};

const linux = (fsType: number): PathProbe => ({
  platform: 'linux',
  exists: (p) => p === '/' || p === '/home' || p === '/home/sam',
  realpathNative: (p) => p,
  fileSystemType: () => fsType,
});

describe('network store paths', () => {
  it('refuses UNC paths on any platform', () => {
    expect(networkPathProblem('\\\\fileserver\\team\\worksbook.sqlite', windows)).toMatch(/shared network folder/);
    expect(networkPathProblem('//fileserver/team/worksbook.sqlite', windows)).toMatch(/shared network folder/);
    expect(networkPathProblem('\\\\?\\UNC\\fileserver\\team\\w.sqlite', windows)).toMatch(/shared network folder/);
    expect(networkPathProblem('\\\\fileserver\\team\\worksbook.sqlite', linux(EXT4))).toMatch(/shared network folder/);
  });

  it('refuses a file on a mapped network drive, even one whose folder does not exist yet', () => {
    expect(networkPathProblem('Z:\\data\\worksbook.sqlite', windows)).toMatch(/mapped network drive/);
    expect(networkPathProblem('Z:\\new\\folder\\worksbook.sqlite', windows)).toMatch(/mapped network drive/);
  });

  it('accepts local Windows disks and device paths', () => {
    expect(networkPathProblem('C:\\Users\\sam\\Worksbook\\worksbook.sqlite', windows)).toBeNull();
    expect(networkPathProblem('C:\\data\\worksbook.sqlite', windows)).toBeNull();
  });

  it('refuses NFS and SMB mounts on Linux, accepts a local disk', () => {
    expect(networkPathProblem('/home/sam/worksbook.sqlite', linux(0x6969))).toMatch(/NFS/);
    expect(networkPathProblem('/home/sam/worksbook.sqlite', linux(0xff534d42))).toMatch(/CIFS/);
    expect(networkPathProblem('/home/sam/worksbook.sqlite', linux(EXT4))).toBeNull();
    // On Linux `//x` is just `/x`: not a UNC path.
    expect(networkPathProblem('//home/sam/worksbook.sqlite', linux(EXT4))).toBeNull();
  });

  it('openStore refuses a network path with a clear message and creates nothing', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-netpath-'));
    const before = process.cwd();
    process.chdir(cwd); // on Linux the UNC string is a relative name: nothing may appear here
    try {
      const opening = openStore({ file: '\\\\fileserver\\team\\worksbook.sqlite' });
      await expect(opening).rejects.toBeInstanceOf(NetworkStoreError);
      await expect(opening).rejects.toThrow(/must be on this computer's own disk/);
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      process.chdir(before);
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('openStore still opens a store on a local disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-netpath-'));
    try {
      const store = await openStore({ file: path.join(dir, 'new', 'worksbook.sqlite'), migrate: false });
      await store.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
