import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import {
  ConnectionType,
  countOf,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../common/connection.js';
import { isUuid } from '../common/ids.js';
import { badInput, notFound } from '../common/errors.js';
import { requireViewer, type ForumContext } from '../context.js';
import { ActionField, City } from '../federation/cms-references.js';
import { Member } from './member.entity.js';
import { MemberFilter, UpdateProfileInput } from './member.input.js';

@ObjectType()
export class MemberConnection extends ConnectionType(Member) {}

@ArgsType()
export class MembersArgs {
  @Field(() => MemberFilter, { nullable: true, description: 'Which members (all: no filter)' })
  filter?: MemberFilter;

  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20)' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last member seen: the next page' })
  after?: string;
}

const cursorOf = (member: Member) => encodeCursor([member.displayName, member.id]);

/** A page of the member directory, ordered by name: also a city's members as a connection. */
export async function listMembers(context: ForumContext, { filter, first, after }: MembersArgs) {
  const size = pageSize(first);
  const query = context.services.dataSource
    .getRepository(Member)
    .createQueryBuilder('member')
    .orderBy('member.display_name', 'ASC')
    .addOrderBy('member.id', 'ASC')
    .limit(size + 1);
  if (filter?.sector) query.andWhere('member.sector = :sector', { sector: filter.sector });
  if (filter?.cityId) query.andWhere('member.city_id = :cityId', { cityId: filter.cityId });
  if (filter?.interest) query.andWhere(':interest = ANY(member.interest_ids)', { interest: filter.interest });
  if (filter?.search?.trim()) {
    const pattern = `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query.andWhere('(member.display_name ILIKE :pattern OR member.organisation ILIKE :pattern)', {
      pattern,
    });
  }
  const total = countOf(query);
  if (after) {
    const [name, id] = decodeCursor(after, 2);
    if (!isUuid(id)) throw badInput('after', 'is not a cursor from this API');
    query.andWhere('(member.display_name, member.id) > (:name, :id)', { name, id });
  }
  return toConnection(await query.getMany(), size, cursorOf, total);
}

@Resolver(() => Member)
export class MemberResolver {
  @Query(() => Member, { nullable: true, description: 'The signed-in member, or null' })
  async me(@Ctx() context: ForumContext) {
    return context.viewer ? context.loaders.member.load(context.viewer.id) : null;
  }

  @Query(() => Member, { nullable: true, description: 'One member by id (null if there is none)' })
  async member(
    @Arg('id', () => ID, { description: 'The member’s id' }) id: string,
    @Ctx() context: ForumContext,
  ) {
    return context.loaders.member.load(id);
  }

  @Query(() => MemberConnection, { description: 'The member directory, ordered by name' })
  async members(@Args() args: MembersArgs, @Ctx() context: ForumContext) {
    return listMembers(context, args);
  }

  @Mutation(() => Member, { description: 'Changes the signed-in member’s profile' })
  async updateProfile(
    @Arg('input', { description: 'What to change' }) input: UpdateProfileInput,
    @Ctx() context: ForumContext,
  ) {
    const viewer = requireViewer(context);
    const members = context.services.dataSource.getRepository(Member);
    const changes: Partial<Member> = {};
    if (input.displayName !== undefined && input.displayName !== null)
      changes.displayName = input.displayName.trim();
    if (input.sector) changes.sector = input.sector;
    if (input.organisation !== undefined) changes.organisation = input.organisation?.trim() || null;
    if (input.cityId !== undefined) changes.cityId = input.cityId || null;
    if (input.bio !== undefined && input.bio !== null) changes.bio = input.bio;
    if (input.interests) changes.interestIds = [...new Set(input.interests)];
    if (input.locale) changes.locale = input.locale;
    // What the CMS does not publish would show as a blank to everyone who reads the profile.
    await context.services.cmsReferences.requirePublished([
      { field: 'cityId', type: 'City', documentIds: changes.cityId ? [changes.cityId] : [] },
      { field: 'interests', type: 'ActionField', documentIds: changes.interestIds ?? [] },
    ]);
    if (Object.keys(changes).length > 0) await members.update({ id: viewer.id }, changes);
    const member = await members.findOneBy({ id: viewer.id });
    if (!member) throw notFound('Member');
    return member;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The member's e-mail address: visible to that member only, null for everybody else",
  })
  email(@Root() member: Member, @Ctx() context: ForumContext) {
    return context.viewer?.id === member.id ? member.email : null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'Whether the member confirmed the e-mail address: for that member only, null for everybody else',
  })
  emailVerified(@Root() member: Member, @Ctx() context: ForumContext) {
    return context.viewer?.id === member.id ? member.emailVerifiedAt !== null : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The language of the member's mails (de, en): for that member only",
  })
  mailLocale(@Root() member: Member, @Ctx() context: ForumContext) {
    return context.viewer?.id === member.id ? member.locale : null;
  }

  @FieldResolver(() => City, { nullable: true, description: 'The CMS city the member works in' })
  city(@Root() member: Member) {
    return member.cityId ? { documentId: member.cityId } : null;
  }

  @FieldResolver(() => [ActionField], {
    nullable: 'items',
    description:
      'The fields of action the member works on; an entry is null where the CMS no longer publishes it',
  })
  interests(@Root() member: Member) {
    return member.interestIds.map((documentId) => ({ documentId }));
  }
}
