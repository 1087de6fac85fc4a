// The Electron fuses flipped at packaging, in electron-builder's `electronFuses` form: the single
// source for electron-builder.yml / afterPack (the lead wires it) and for the test that checks
// each one. Fuses are baked into the binary: they cannot be turned back on at run time.
export const electronFuses = {
  /** ELECTRON_RUN_AS_NODE would turn the app into a plain Node runtime. */
  runAsNode: false,
  /** Cookies and other browser storage encrypted with the OS keychain. */
  enableCookieEncryption: true,
  /** NODE_OPTIONS could inject code (--require) into the app. */
  enableNodeOptionsEnvironmentVariable: false,
  /** --inspect and friends would open a debugger into the main process. */
  enableNodeCliInspectArguments: false,
  /** The app.asar is checked against the hash embedded at build time. */
  enableEmbeddedAsarIntegrityValidation: true,
  /** Only the packaged app.asar is loaded, never a loose folder beside it. */
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  /** file:// pages get no extra privileges (the app uses its own app:// scheme). */
  grantFileProtocolExtraPrivileges: false,
} as const;
