import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../common/errors.js';
import { requireViewer, type ForumContext } from '../context.js';
import { Category } from './category.entity.js';

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: 'The forum’s categories, in their order' })
  categories(@Ctx() context: ForumContext) {
    return context.services.dataSource
      .getRepository(Category)
      .find({ order: { position: 'ASC', name: 'ASC' } });
  }

  @Mutation(() => Category, { description: 'Be notified of every new thread in this category' })
  async followCategory(
    @Arg('categoryId', () => ID, { description: 'The category to follow' }) categoryId: string,
    @Ctx() context: ForumContext,
  ) {
    return this.setFollow(categoryId, context, true);
  }

  @Mutation(() => Category, { description: 'Stops following a category' })
  async unfollowCategory(
    @Arg('categoryId', () => ID, { description: 'The category to stop following' }) categoryId: string,
    @Ctx() context: ForumContext,
  ) {
    return this.setFollow(categoryId, context, false);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the signed-in member follows it (false when signed out)',
  })
  async followedByMe(@Root() category: Category, @Ctx() context: ForumContext) {
    if (!context.viewer) return false;
    const rows = await context.services.dataSource.query(
      `SELECT 1 FROM follow WHERE member_id = $1 AND target_type = 'CATEGORY' AND target_id = $2`,
      [context.viewer.id, category.id],
    );
    return rows.length > 0;
  }

  private async setFollow(categoryId: string, context: ForumContext, follow: boolean) {
    const viewer = requireViewer(context);
    const category = await context.loaders.category.load(categoryId);
    if (!category) throw notFound('Category');
    await context.services.dataSource.query(
      follow
        ? `INSERT INTO follow (member_id, target_type, target_id) VALUES ($1, 'CATEGORY', $2) ON CONFLICT DO NOTHING`
        : `DELETE FROM follow WHERE member_id = $1 AND target_type = 'CATEGORY' AND target_id = $2`,
      [viewer.id, category.id],
    );
    return category;
  }
}
