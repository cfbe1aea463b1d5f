import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inRoot } from './paths.js';
import { interpolate, productionEnv, readCompose, replicasOf } from './production-env.js';
import { generateSecrets } from './secrets.js';
import type { Topology } from './topology.js';

const topology: Topology = {
  shape: 'production',
  ports: { cms: 2001, forum: [2002, 2003], gateway: [2004, 2005], website: 2006, proxy: 2007 },
  secrets: generateSecrets(),
  demo: false,
  databases: {
    cms: 'postgres://postgres@127.0.0.1:5432/x_cms',
    forum: 'postgres://postgres@127.0.0.1:5432/x_forum',
  },
  redisUrl: 'redis://127.0.0.1:6379',
  redisPrefix: 'test',
};

describe("compose's variables", () => {
  it('are filled in as docker compose does', () => {
    const variables = { SET: 'a', EMPTY: '' };
    expect(interpolate('${SET}/${UNSET}', variables)).toBe('a/');
    expect(interpolate('${EMPTY:-fallback} ${EMPTY-kept}', variables)).toBe('fallback ');
    expect(interpolate('$${SET}', variables)).toBe('${SET}');
    expect(() => interpolate('${UNSET:?set UNSET in .env}', variables)).toThrow(/set UNSET in \.env/);
  });
});

describe('the production environment', () => {
  it('is docker-compose.yml’s, with its host names turned into this machine’s processes', () => {
    const gateway2 = productionEnv('gateway', topology, 1);
    expect(gateway2['FORUM_URL']).toBe('http://127.0.0.1:2003');
    expect(gateway2['CMS_URL']).toBe('http://127.0.0.1:2001');
    expect(gateway2['CORS_ORIGINS']).toBe('http://127.0.0.1:2007');
    expect(gateway2['GATEWAY_PORT']).toBe('2005');
    const cms = productionEnv('cms', topology);
    expect(cms['DATABASE_URL']).toBe(topology.databases!.cms);
    expect(cms['APP_KEYS']).toBe(topology.secrets.APP_KEYS);
    expect(cms['NODE_ENV']).toBe('production');
    expect(productionEnv('forum', topology)['FORUM_DATABASE_URL']).toBe(topology.databases!.forum);
    expect(productionEnv('frontend', topology)['ORIGIN']).toBe('http://127.0.0.1:2007');
    for (const service of ['cms', 'forum', 'gateway', 'frontend'] as const)
      for (const [key, value] of Object.entries(productionEnv(service, topology, 0)))
        expect(`${key}=${value}`).not.toMatch(/\/\/(cms|forum|gateway|frontend|postgres|redis):\d/);
  });

  it('runs the replicas compose runs', () => {
    expect(replicasOf(readCompose(), 'forum')).toBe(2);
    expect(replicasOf(readCompose(), 'gateway')).toBe(2);
  });

  it('runs with NODE_ENV=production, as every image does', () => {
    for (const dockerfile of ['cms', 'services/forum', 'gateway', 'frontend'])
      expect(readFileSync(inRoot(dockerfile, 'Dockerfile'), 'utf8')).toMatch(/ENV NODE_ENV=production/);
  });
});
