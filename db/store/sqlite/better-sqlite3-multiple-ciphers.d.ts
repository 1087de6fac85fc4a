// better-sqlite3-multiple-ciphers ships types that its package "exports" hide from TypeScript;
// its API is better-sqlite3's (plus the key/rekey pragmas), so borrow those types.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database from 'better-sqlite3';
  export = Database;
}
