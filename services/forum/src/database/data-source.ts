import 'reflect-metadata';
import { DataSource, type Logger } from 'typeorm';
import type { ForumConfig } from '../config.js';
import { SigningKey } from '../auth/signing-key.entity.js';
import { Category } from '../category/category.entity.js';
import { Follow } from '../follow/follow.entity.js';
import { Member } from '../member/member.entity.js';
import { Conversation, ConversationParticipant, Message } from '../message/conversation.entity.js';
import { Flag } from '../moderation/flag.entity.js';
import { Notification } from '../notification/notification.entity.js';
import { Post } from '../post/post.entity.js';
import { Reaction } from '../reaction/reaction.entity.js';
import { Thread } from '../thread/thread.entity.js';
import { InitialSchema1732406400000 } from './migrations/1732406400000-initial-schema.js';
import { MailAndFollows1764547200000 } from './migrations/1764547200000-mail-and-follows.js';
import { WorkshopSignup1764633600000 } from './migrations/1764633600000-workshop-signup.js';
import { PostClientId1764720000000 } from './migrations/1764720000000-post-client-id.js';
import { WorkshopInvitations1764806400000 } from './migrations/1764806400000-workshop-invitations.js';
import { SnakeNamingStrategy } from './naming-strategy.js';
import { createPGlitePoolClass, openPGlite } from './pglite-pool.js';

export const entities = [
  Member,
  Category,
  Thread,
  Post,
  Reaction,
  Follow,
  Notification,
  Conversation,
  ConversationParticipant,
  Message,
  Flag,
  SigningKey,
];
export const migrations = [
  InitialSchema1732406400000,
  MailAndFollows1764547200000,
  WorkshopSignup1764633600000,
  PostClientId1764720000000,
  WorkshopInvitations1764806400000,
];

export interface DataSourceOptions {
  /** Receives every SQL statement; tests count them. */
  logger?: Logger;
  poolSize?: number;
}

/** PostgreSQL through `pg` when a URL is configured, otherwise the embedded PGlite database. */
export async function createDataSource(
  config: Pick<ForumConfig, 'databaseUrl' | 'dataDir'>,
  options: DataSourceOptions = {},
) {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    installExtensions: false,
    logger: options.logger,
    logging: options.logger ? ('all' as const) : false,
  };
  if (config.databaseUrl) {
    return new DataSource({
      ...common,
      url: config.databaseUrl,
      poolSize: options.poolSize ?? 10,
      connectTimeoutMS: 5000,
      applicationName: 'stadtnetz-forum',
    });
  }
  const database = await openPGlite(config.dataDir);
  return new DataSource({ ...common, driver: { Pool: createPGlitePoolClass(database) } });
}

/** Runs pending migrations once, even when several replicas start together. */
export async function migrate(dataSource: DataSource) {
  // The embedded database has one session and one process: nothing to coordinate.
  if (!('url' in dataSource.options && dataSource.options.url)) {
    await dataSource.runMigrations({ transaction: 'all' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock(4001)');
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(4001)').catch(() => undefined);
    await runner.release();
  }
}
