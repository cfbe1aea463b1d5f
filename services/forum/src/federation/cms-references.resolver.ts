import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { pageSize } from '../common/connection.js';
import type { ForumContext } from '../context.js';
import { Member } from '../member/member.entity.js';
import { Thread } from '../thread/thread.entity.js';
import { ActionField, City, Project, Workshop, type CmsReference } from './cms-references.js';

const DISCUSSIONS = 'The newest forum threads about it, pinned first';
const DEPRECATED_LIST = 'A bare list without paging or total: use the connection beside it';

@Resolver(() => Project)
export class ProjectDiscussionsResolver {
  @FieldResolver(() => [Thread], {
    description: DISCUSSIONS,
    deprecationReason: `${DEPRECATED_LIST} (discussionsConnection)`,
  })
  discussions(
    @Root() project: CmsReference,
    @Arg('first', () => Int, { defaultValue: 10, description: 'How many threads, newest first' })
    first: number,
    @Ctx() context: ForumContext,
  ) {
    return context.loaders.projectDiscussions.load({ ref: project.documentId, first: pageSize(first) });
  }
}

@Resolver(() => Workshop)
export class WorkshopDiscussionsResolver {
  @FieldResolver(() => [Thread], {
    description: DISCUSSIONS,
    deprecationReason: `${DEPRECATED_LIST} (discussionsConnection)`,
  })
  discussions(
    @Root() workshop: CmsReference,
    @Arg('first', () => Int, { defaultValue: 10, description: 'How many threads, newest first' })
    first: number,
    @Ctx() context: ForumContext,
  ) {
    return context.loaders.workshopDiscussions.load({ ref: workshop.documentId, first: pageSize(first) });
  }
}

@Resolver(() => ActionField)
export class ActionFieldThreadsResolver {
  @FieldResolver(() => [Thread], {
    description: DISCUSSIONS,
    deprecationReason: `${DEPRECATED_LIST} (threadsConnection)`,
  })
  threads(
    @Root() actionField: CmsReference,
    @Arg('first', () => Int, { defaultValue: 10, description: 'How many threads, newest first' })
    first: number,
    @Ctx() context: ForumContext,
  ) {
    return context.loaders.actionFieldThreads.load({ ref: actionField.documentId, first: pageSize(first) });
  }
}

@Resolver(() => City)
export class CityMembersResolver {
  @FieldResolver(() => [Member], {
    description: 'Members working in this city, by name',
    deprecationReason: `${DEPRECATED_LIST} (membersConnection)`,
  })
  members(
    @Root() city: CmsReference,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many members, by name' }) first: number,
    @Ctx() context: ForumContext,
  ) {
    return context.loaders.cityMembers.load({ cityId: city.documentId, first: pageSize(first) });
  }

  @FieldResolver(() => Int, { description: 'How many members work in this city' })
  memberCount(@Root() city: CmsReference, @Ctx() context: ForumContext) {
    return context.loaders.cityMemberCount.load(city.documentId);
  }
}

/** `_entities` for the CMS types: the reference itself is all the forum needs. */
const asReference = (reference: CmsReference) => ({ documentId: reference.documentId });

/** `_entities` for the forum's own types, batched through the request's loaders. */
export const referenceResolvers = {
  Project: { __resolveReference: asReference },
  Workshop: { __resolveReference: asReference },
  City: { __resolveReference: asReference },
  ActionField: { __resolveReference: asReference },
  Member: {
    __resolveReference: (reference: { id: string }, context: ForumContext) =>
      context.loaders.member.load(reference.id),
  },
  Thread: {
    __resolveReference: async (reference: { id: string }, context: ForumContext) => {
      const thread = await context.loaders.thread.load(reference.id);
      return thread && (!thread.hidden || (await context.isModerator())) ? thread : null;
    },
  },
  Post: {
    __resolveReference: (reference: { id: string }, context: ForumContext) =>
      context.loaders.post.load(reference.id),
  },
};
