export { build, isStale, ALL_PARTS, type BuildPart, type BuildOptions } from './build.js';
export { root, inRoot } from './paths.js';
export { freePort, portInUse } from './ports.js';
export { POSTGRES_ADMIN_URL, REDIS_URL, scratchDatabase, type ScratchDatabase } from './postgres.js';
export { nginxAvailable } from './nginx.js';
export {
  DEFAULT_PORTS,
  standalonePart,
  startPlatform,
  type Part,
  type Platform,
  type PlatformOptions,
} from './platform.js';
export { ServiceProcess, type ProcessSpec } from './service-process.js';
export type { ServiceName, Shape, Topology } from './topology.js';
export { inbox, linkIn, rawHeader, registerVerified, waitForMail, type InboxMail } from './mailbox.js';
