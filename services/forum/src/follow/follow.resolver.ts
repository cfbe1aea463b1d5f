import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { isUuid } from '../common/ids.js';
import { badInput, notFound } from '../common/errors.js';
import { requireViewer, type ForumContext } from '../context.js';
import { ActionField, City, Project } from '../federation/cms-references.js';
import type { CmsType } from '../federation/cms-reference-check.js';
import { Category } from '../category/category.entity.js';
import { Member } from '../member/member.entity.js';
import { Thread } from '../thread/thread.entity.js';
import { visibleThread } from '../thread/thread.service.js';
import { Follow, FollowTarget } from './follow.entity.js';
import { FollowInput } from './follow.input.js';

const TARGETS = [
  ['cityId', FollowTarget.CITY, 'City'],
  ['actionFieldId', FollowTarget.ACTION_FIELD, 'ActionField'],
  ['projectId', FollowTarget.PROJECT, 'Project'],
  ['threadId', FollowTarget.THREAD, null],
  ['categoryId', FollowTarget.CATEGORY, null],
] as const;

/** The one target an input names; anything else is refused. */
async function targetOf(context: ForumContext, input: FollowInput, forFollowing: boolean) {
  const named = TARGETS.filter(([field]) => input[field]);
  if (named.length !== 1) {
    throw badInput('input', 'name exactly one of cityId, actionFieldId, projectId, threadId, categoryId');
  }
  const [field, type, cmsType] = named[0]!;
  const id = input[field]!;
  if (type === FollowTarget.THREAD) {
    if (!isUuid(id) || !(await visibleThread(context, id))) throw notFound('Thread');
  } else if (type === FollowTarget.CATEGORY) {
    if (!isUuid(id) || !(await context.loaders.category.load(id))) throw notFound('Category');
  } else if (forFollowing) {
    // Only what the CMS publishes can be followed (unfollowing works for anything followed).
    await context.services.cmsReferences.requirePublished([
      { field, type: cmsType as CmsType, documentIds: [id] },
    ]);
  }
  return { type, id };
}

@Resolver(() => Follow)
export class FollowResolver {
  @Mutation(() => Follow, {
    description:
      'Follows a city, field of action or project (new projects, workshops and discussions there), a thread (new posts) or a category (new threads)',
  })
  async follow(@Arg('input') input: FollowInput, @Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const { type, id } = await targetOf(context, input, true);
    await context.services.dataSource.query(
      `INSERT INTO follow (member_id, target_type, target_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [viewer.id, type, id],
    );
    const [row] = await context.services.dataSource.query(
      'SELECT created_at FROM follow WHERE member_id = $1 AND target_type = $2 AND target_id = $3',
      [viewer.id, type, id],
    );
    return Object.assign(new Follow(), {
      memberId: viewer.id,
      targetType: type,
      targetId: id,
      createdAt: new Date(row.created_at),
    });
  }

  @Mutation(() => Boolean, { description: 'Stops following; true if it was followed' })
  async unfollow(@Arg('input') input: FollowInput, @Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const { type, id } = await targetOf(context, input, false);
    const [, removed]: [unknown[], number] = await context.services.dataSource.query(
      'DELETE FROM follow WHERE member_id = $1 AND target_type = $2 AND target_id = $3 RETURNING 1',
      [viewer.id, type, id],
    );
    return removed > 0;
  }

  @FieldResolver(() => City, { nullable: true })
  city(@Root() follow: Follow) {
    return follow.targetType === FollowTarget.CITY ? { documentId: follow.targetId } : null;
  }

  @FieldResolver(() => ActionField, { nullable: true })
  actionField(@Root() follow: Follow) {
    return follow.targetType === FollowTarget.ACTION_FIELD ? { documentId: follow.targetId } : null;
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() follow: Follow) {
    return follow.targetType === FollowTarget.PROJECT ? { documentId: follow.targetId } : null;
  }

  @FieldResolver(() => Thread, { nullable: true })
  thread(@Root() follow: Follow, @Ctx() context: ForumContext) {
    return follow.targetType === FollowTarget.THREAD ? visibleThread(context, follow.targetId) : null;
  }

  @FieldResolver(() => Category, { nullable: true })
  category(@Root() follow: Follow, @Ctx() context: ForumContext) {
    return follow.targetType === FollowTarget.CATEGORY
      ? context.loaders.category.load(follow.targetId)
      : null;
  }
}

@Resolver(() => Member)
export class MemberFollowsResolver {
  @FieldResolver(() => [Follow], {
    nullable: true,
    description: 'What the member follows, newest first: for that member only, null for everybody else',
  })
  async follows(@Root() member: Member, @Ctx() context: ForumContext) {
    if (context.viewer?.id !== member.id) return null;
    const rows: { target_type: FollowTarget; target_id: string; created_at: string }[] =
      await context.services.dataSource.query(
        'SELECT target_type, target_id, created_at FROM follow WHERE member_id = $1 ORDER BY created_at DESC LIMIT 500',
        [member.id],
      );
    return rows.map((row) =>
      Object.assign(new Follow(), {
        memberId: member.id,
        targetType: row.target_type,
        targetId: row.target_id,
        createdAt: new Date(row.created_at),
      }),
    );
  }
}
