// The repository's build check (scripts/fresh-build.mjs), for suites that read dist/.
export { assertFreshBuild, BUILT_PACKAGES, staleBuild } from '../../../scripts/fresh-build.mjs';
export {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  type LaunchChromiumOptions,
  type LaunchedChromium,
  launchChromium,
} from './chromium.js';
export { type CoreCsms, type HandshakingServer, startCoreCsms } from './core-csms.js';
export {
  DENO_DIR,
  type DenoRunOptions,
  type DenoRunResult,
  denoPath,
  type RunningDeno,
  runDeno,
  runDenoCommand,
  startDeno,
} from './deno.js';
export * from './edge-peers.js';
export * from './edge-table.js';
export { type FaultProxy, type FaultProxyStats, startFaultProxy } from './fault-proxy.js';
export { packPackage, runPnpm, type UnpackedPackage, unpackPackage } from './pack.js';
export { freePort, type ReadyProcess, type StartUntilReadyOptions, startUntilReady } from './processes.js';
export { type RawUpgradeResult, rawUpgrade } from './raw-upgrade.js';
export { type StaticServer, serveStatic } from './static.js';
export { buildWorker, type RunningWorkerd, type StartWorkerdOptions, startWorkerd } from './workerd.js';
export { connectWs, type TestWsClient } from './ws-client.js';
export { type SeenUpgrade, startWsServer, type WsServerOptions, type WsTestServer } from './ws-server.js';
