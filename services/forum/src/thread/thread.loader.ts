import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { isUuid, loadInKeyOrder } from '../common/ids.js';
import { Category } from '../category/category.entity.js';
import type { Viewer } from '../context.js';
import { Thread } from './thread.entity.js';

/** Which CMS reference a list of discussions hangs on. */
export type ThreadReference = 'project' | 'workshop' | 'actionField';

const referenceCondition: Record<ThreadReference, string> = {
  project: 'thread.project_id = k.ref',
  workshop: 'thread.workshop_id = k.ref',
  actionField: 'thread.action_field_ids @> ARRAY[k.ref]',
};

export function createThreadLoaders(dataSource: DataSource, viewer: Viewer | null) {
  const threads = dataSource.getRepository(Thread);
  const categories = dataSource.getRepository(Category);

  /** The newest visible threads for each of many CMS documents, in two statements whatever their number. */
  const discussionsOf = (reference: ThreadReference) =>
    new DataLoader<{ ref: string; first: number }, Thread[], string>(
      async (keys) => {
        const first = Math.max(...keys.map((key) => key.first));
        const rows: { ref: string; id: string }[] = await dataSource.query(
          `SELECT k.ref, t.id
             FROM unnest($1::text[]) AS k(ref)
             CROSS JOIN LATERAL (
               SELECT thread.id FROM thread
                WHERE ${referenceCondition[reference]} AND NOT thread.hidden
                ORDER BY thread.pinned DESC, thread.last_activity_at DESC, thread.id DESC
                LIMIT $2
             ) t`,
          [[...new Set(keys.map((key) => key.ref))], first],
        );
        const loaded = rows.length > 0 ? await threads.findBy({ id: In(rows.map((row) => row.id)) }) : [];
        const byId = new Map(loaded.map((thread) => [thread.id, thread]));
        return keys.map((key) =>
          rows
            .filter((row) => row.ref === key.ref)
            .slice(0, key.first)
            .map((row) => byId.get(row.id))
            .filter((thread): thread is Thread => thread !== undefined),
        );
      },
      { cacheKeyFn: (key) => `${key.ref}:${key.first}` },
    );

  return {
    thread: new DataLoader<string, Thread | null>((ids) =>
      loadInKeyOrder(ids, (valid) => threads.findBy({ id: In(valid) })),
    ),
    category: new DataLoader<string, Category | null>((ids) =>
      loadInKeyOrder(ids, (valid) => categories.findBy({ id: In(valid) })),
    ),
    /** Whether the signed-in member follows each thread. */
    followsThread: new DataLoader<string, boolean>(async (threadIds) => {
      if (!viewer) return threadIds.map(() => false);
      const rows: { target_id: string }[] = await dataSource.query(
        `SELECT target_id FROM follow WHERE member_id = $1 AND target_type = 'THREAD' AND target_id = ANY($2::text[])`,
        [viewer.id, threadIds.filter(isUuid)],
      );
      const followed = new Set(rows.map((row) => row.target_id));
      return threadIds.map((id) => followed.has(id));
    }),
    projectDiscussions: discussionsOf('project'),
    workshopDiscussions: discussionsOf('workshop'),
    actionFieldThreads: discussionsOf('actionField'),
  };
}
