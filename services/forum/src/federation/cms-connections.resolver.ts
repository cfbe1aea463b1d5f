// Connections (with totalCount) beside the forum's bare lists on the CMS's types: a project's, workshop's and field
// of action's threads and a city's members, paged like \`threads\` and \`members\`. A module of their own, registered
// after the others, so the order of the fields the forum adds to these types stays as it was.
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ForumContext } from '../context.js';
import type { MemberFilter } from '../member/member.input.js';
import { MemberConnection, listMembers } from '../member/member.resolver.js';
import { ThreadConnection, listThreads } from '../thread/thread.resolver.js';
import { ActionField, City, Project, Workshop, type CmsReference } from './cms-references.js';

const DISCUSSIONS_CONNECTION =
  'The forum threads about it, most recent activity first, page by page with totalCount (as `threads`)';
const FIRST = 'Page size, 1 to 100 (default 20)';
const AFTER = 'Cursor of the last entry seen: the next page';

@Resolver(() => Project)
export class ProjectDiscussionsConnectionResolver {
  @FieldResolver(() => ThreadConnection, { description: DISCUSSIONS_CONNECTION })
  discussionsConnection(
    @Root() project: CmsReference,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | undefined,
    @Ctx() context: ForumContext,
  ) {
    return listThreads(context, { projectId: project.documentId, first, after });
  }
}

@Resolver(() => Workshop)
export class WorkshopDiscussionsConnectionResolver {
  @FieldResolver(() => ThreadConnection, { description: DISCUSSIONS_CONNECTION })
  discussionsConnection(
    @Root() workshop: CmsReference,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | undefined,
    @Ctx() context: ForumContext,
  ) {
    return listThreads(context, { workshopId: workshop.documentId, first, after });
  }
}

@Resolver(() => ActionField)
export class ActionFieldThreadsConnectionResolver {
  @FieldResolver(() => ThreadConnection, { description: DISCUSSIONS_CONNECTION })
  threadsConnection(
    @Root() actionField: CmsReference,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | undefined,
    @Ctx() context: ForumContext,
  ) {
    return listThreads(context, { actionFieldId: actionField.documentId, first, after });
  }
}

@Resolver(() => City)
export class CityMembersConnectionResolver {
  @FieldResolver(() => MemberConnection, {
    description: 'Members working in this city, by name, page by page with totalCount (as `members`)',
  })
  membersConnection(
    @Root() city: CmsReference,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | undefined,
    @Ctx() context: ForumContext,
  ) {
    return listMembers(context, { filter: { cityId: city.documentId } as MemberFilter, first, after });
  }
}
