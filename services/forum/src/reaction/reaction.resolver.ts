import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { notFound } from '../common/errors.js';
import { requireViewer, type ForumContext } from '../context.js';
import { publishPostsUpdated } from '../live/thread-events.js';
import { Post } from '../post/post.entity.js';
import { visibleThread } from '../thread/thread.service.js';
import { ReactionKind } from './reaction.entity.js';

@Resolver()
export class ReactionResolver {
  @Mutation(() => Post, { description: 'Adds your reaction to a post (once per kind)' })
  async react(
    @Arg('postId', () => ID, { description: 'The post' }) postId: string,
    @Arg('kind', () => ReactionKind, { description: 'The reaction' }) kind: ReactionKind,
    @Ctx() context: ForumContext,
  ) {
    return this.change(postId, kind, context, 'add');
  }

  @Mutation(() => Post, { description: 'Takes your reaction back' })
  async unreact(
    @Arg('postId', () => ID, { description: 'The post' }) postId: string,
    @Arg('kind', () => ReactionKind, { description: 'The reaction to take back' }) kind: ReactionKind,
    @Ctx() context: ForumContext,
  ) {
    return this.change(postId, kind, context, 'remove');
  }

  private async change(postId: string, kind: ReactionKind, context: ForumContext, change: 'add' | 'remove') {
    const viewer = requireViewer(context);
    const post = await context.loaders.post.load(postId);
    if (!post || post.deletedAt || !(await visibleThread(context, post.threadId))) throw notFound('Post');
    await context.services.dataSource.query(
      change === 'add'
        ? 'INSERT INTO reaction (post_id, member_id, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING'
        : 'DELETE FROM reaction WHERE post_id = $1 AND member_id = $2 AND kind = $3',
      [post.id, viewer.id, kind],
    );
    context.loaders.reactions.clear(post.id);
    publishPostsUpdated(context.services.pubSub, post.threadId, [post.id]);
    return post;
  }
}
