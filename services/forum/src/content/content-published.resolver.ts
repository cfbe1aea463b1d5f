// The GraphQL side of live publications (see content-event.ts for the events and the webhook).
import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription, registerEnumType } from 'type-graphql';
import { Project, Workshop } from '../federation/cms-references.js';
import {
  ALL_CONTENT,
  PublicationKind,
  PublishedContentType,
  matches,
  type ContentPublishedArgs,
  type ContentPublishedEvent,
} from './content-event.js';

registerEnumType(PublishedContentType, {
  name: 'PublishedContentType',
  description: 'What was published',
  valuesConfig: {
    PROJECT: { description: 'A good-practice project' },
    WORKSHOP: { description: 'A workshop' },
  },
});

registerEnumType(PublicationKind, {
  name: 'PublicationKind',
  description: 'A first publication, or a new version of something already public',
  valuesConfig: {
    NEW: { description: 'Published for the first time (or again after it was withdrawn)' },
    UPDATED: { description: 'A new version of a document that was already public' },
  },
});

@ObjectType({ description: 'A project or workshop the editors just published' })
export class PublishedContent {
  @Field(() => PublishedContentType, { description: 'Project or workshop' })
  type: PublishedContentType;

  @Field(() => ID, { description: 'Its documentId in the CMS' })
  documentId: string;

  @Field(() => PublicationKind, { description: 'New, or a new version of something public' })
  kind: PublicationKind;

  @Field({ description: 'When it was published (ISO 8601)' })
  at: string;

  @Field(() => ID, { nullable: true, description: 'documentId of its city (a workshop: its venue’s)' })
  cityId: string | null;

  @Field(() => [ID], { description: 'documentIds of its fields of action' })
  actionFieldIds: string[];

  @Field(() => Project, {
    nullable: true,
    description: 'The project (when type is PROJECT): ask for any of its fields',
  })
  project: Project | null;

  @Field(() => Workshop, {
    nullable: true,
    description: 'The workshop (when type is WORKSHOP): ask for any of its fields',
  })
  workshop: Workshop | null;
}

@Resolver()
export class ContentPublishedResolver {
  @Subscription(() => PublishedContent, {
    topics: 'CONTENT_PUBLISHED',
    topicId: () => ALL_CONTENT,
    filter: ({ payload, args }: { payload: ContentPublishedEvent; args: ContentPublishedArgs }) =>
      matches(payload, args),
    description:
      'Projects and workshops as the editors publish them (new ones; with includeUpdates new versions too), optionally of one city or field of action',
  })
  contentPublished(
    @Root() event: ContentPublishedEvent,
    @Arg('types', () => [PublishedContentType], { nullable: true, description: 'Only these (none: both)' })
    _types: PublishedContentType[] | undefined,
    @Arg('cityId', () => ID, { nullable: true, description: 'Only in this city (documentId)' })
    _cityId: string | undefined,
    @Arg('actionFieldId', () => ID, {
      nullable: true,
      description: 'Only in this field of action (documentId)',
    })
    _actionFieldId: string | undefined,
    @Arg('includeUpdates', {
      defaultValue: false,
      description: 'Also new versions of what is already public',
    })
    _includeUpdates: boolean,
  ): PublishedContent {
    return {
      ...event,
      project: event.type === PublishedContentType.PROJECT ? { documentId: event.documentId } : null,
      workshop: event.type === PublishedContentType.WORKSHOP ? { documentId: event.documentId } : null,
    };
  }
}
