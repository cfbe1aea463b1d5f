import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { DateTimeISOResolver } from 'graphql-scalars';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type PubSub } from 'type-graphql';
import { AuthResolver } from '../auth/auth.resolver.js';
import { CategoryResolver } from '../category/category.resolver.js';
import {
  ActionFieldThreadsResolver,
  CityMembersResolver,
  ProjectDiscussionsResolver,
  WorkshopDiscussionsResolver,
  referenceResolvers,
} from '../federation/cms-references.resolver.js';
import { ActionField, City, Project, Workshop } from '../federation/cms-references.js';
import { MailResolver } from '../mail/mail.resolver.js';
import { FollowResolver, MemberFollowsResolver } from '../follow/follow.resolver.js';
import { NotificationSettingsResolver } from '../notification/notification-settings.resolver.js';
import { MemberResolver } from '../member/member.resolver.js';
import { ConversationResolver, MessageResolver } from '../message/message.resolver.js';
import { ModerationResolver } from '../moderation/moderation.resolver.js';
import { NotificationResolver } from '../notification/notification.resolver.js';
import { PostResolver } from '../post/post.resolver.js';
import { ReactionResolver } from '../reaction/reaction.resolver.js';
import { SearchResolver } from '../search/search.resolver.js';
import { ThreadResolver } from '../thread/thread.resolver.js';
import { WorkshopSignupResolver, WorkshopSignupViewerResolver } from '../workshop-signup/signup.resolver.js';
// Last, so that the fields registered above keep their order in the SDL.
import { ContentPublishedResolver } from '../content/content-published.resolver.js';
import {
  ActionFieldThreadsConnectionResolver,
  CityMembersConnectionResolver,
  ProjectDiscussionsConnectionResolver,
  WorkshopDiscussionsConnectionResolver,
} from '../federation/cms-connections.resolver.js';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])`;

/**
 * The forum as an Apollo Federation 2 subgraph: type-graphql builds the types and resolvers, @apollo/subgraph
 * adds `_service` and `_entities`.
 */
export async function buildForumSchema(pubSub: PubSub): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      AuthResolver,
      MemberResolver,
      MailResolver,
      FollowResolver,
      MemberFollowsResolver,
      NotificationSettingsResolver,
      CategoryResolver,
      ThreadResolver,
      PostResolver,
      ReactionResolver,
      NotificationResolver,
      ConversationResolver,
      MessageResolver,
      ModerationResolver,
      SearchResolver,
      ProjectDiscussionsResolver,
      WorkshopDiscussionsResolver,
      ActionFieldThreadsResolver,
      CityMembersResolver,
      WorkshopSignupResolver,
      WorkshopSignupViewerResolver,
      ContentPublishedResolver,
      ProjectDiscussionsConnectionResolver,
      WorkshopDiscussionsConnectionResolver,
      ActionFieldThreadsConnectionResolver,
      CityMembersConnectionResolver,
    ],
    orphanedTypes: [Project, Workshop, City, ActionField],
    scalarsMap: [{ type: Date, scalar: DateTimeISOResolver }],
    validate: { forbidUnknownValues: false, stopAtFirstError: true },
    pubSub,
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, typeResolvers] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...typeResolvers };
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: resolvers as never,
  });
}
