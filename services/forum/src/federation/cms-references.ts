import { Directive, Field, ID, ObjectType } from 'type-graphql';

// The CMS owns these types; the forum extends them by their key with the fields it owns
// (see federation/cms-references.resolver.ts). A reference is just `{ documentId }`.

@ObjectType({ description: 'A good-practice project (owned by the CMS)' })
@Directive('@key(fields: "documentId")')
export class Project {
  @Field(() => ID, { description: 'The project’s documentId in the CMS' })
  documentId: string;
}

@ObjectType({ description: 'A workshop of the series (owned by the CMS)' })
@Directive('@key(fields: "documentId")')
export class Workshop {
  @Field(() => ID, { description: 'The workshop’s documentId in the CMS' })
  documentId: string;
}

@ObjectType({ description: 'A city of the network (owned by the CMS)' })
@Directive('@key(fields: "documentId")')
export class City {
  @Field(() => ID, { description: 'The city’s documentId in the CMS' })
  documentId: string;
}

@ObjectType({ description: 'A field of action, Handlungsfeld (owned by the CMS)' })
@Directive('@key(fields: "documentId")')
export class ActionField {
  @Field(() => ID, { description: 'The field of action’s documentId in the CMS' })
  documentId: string;
}

export type CmsReference = { documentId: string };

/** What a Strapi documentId looks like; anything else is refused before the CMS is asked. */
export const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
