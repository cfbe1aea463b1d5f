import { IsUUID, Length } from 'class-validator';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { ConnectionType, decodeCursor, encodeCursor, pageSize, toConnection } from '../common/connection.js';
import { badInput, forbidden, notFound } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import { requireViewer, type ForumContext } from '../context.js';
import type { MessageEvent } from '../live/pubsub.js';
import { renderMarkdown } from '../markdown/render-markdown.js';
import { Member } from '../member/member.entity.js';
import { MAX_BODY } from '../post/post.input.js';
import { Conversation, Message } from './conversation.entity.js';

@ObjectType()
export class MessageConnection extends ConnectionType(Message) {}

@ObjectType()
export class ConversationConnection extends ConnectionType(Conversation) {}

@InputType()
class StartConversationInput {
  @Field(() => ID, { description: 'The member to write to' })
  @IsUUID('all', { message: 'must be a member id' })
  memberId: string;

  @Field()
  @Length(1, MAX_BODY, { message: `must be between 1 and ${MAX_BODY} characters` })
  body: string;
}

@InputType()
class SendMessageInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a conversation id' })
  conversationId: string;

  @Field()
  @Length(1, MAX_BODY, { message: `must be between 1 and ${MAX_BODY} characters` })
  body: string;
}

const messageCursor = (message: Message) => encodeCursor([message.seq]);
const conversationCursor = (conversation: Conversation) =>
  encodeCursor([conversation.lastMessageAt.toISOString(), conversation.id]);

/** The conversation, if the signed-in member takes part in it; FORBIDDEN otherwise. */
async function ownConversation(context: ForumContext, conversationId: string) {
  const viewer = requireViewer(context);
  if (!isUuid(conversationId)) throw notFound('Conversation');
  const { dataSource } = context.services;
  const conversation = await dataSource.getRepository(Conversation).findOneBy({ id: conversationId });
  if (!conversation) throw notFound('Conversation');
  const [participant] = await dataSource.query(
    'SELECT 1 FROM conversation_participant WHERE conversation_id = $1 AND member_id = $2',
    [conversationId, viewer.id],
  );
  if (!participant) throw forbidden('Only the participants can read this conversation');
  return conversation;
}

@Resolver(() => Conversation)
export class ConversationResolver {
  @Query(() => ConversationConnection, { description: "The signed-in member's conversations, newest first" })
  async conversations(
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: ForumContext,
  ) {
    const viewer = requireViewer(context);
    const size = pageSize(first);
    const query = context.services.dataSource
      .getRepository(Conversation)
      .createQueryBuilder('conversation')
      .innerJoin(
        'conversation_participant',
        'p',
        'p.conversation_id = conversation.id AND p.member_id = :me',
        {
          me: viewer.id,
        },
      )
      .orderBy('conversation.last_message_at', 'DESC')
      .addOrderBy('conversation.id', 'DESC')
      .limit(size + 1);
    if (after) {
      const [at, id] = decodeCursor(after, 2);
      if (!isUuid(id) || Number.isNaN(Date.parse(at!)))
        throw badInput('after', 'is not a cursor from this API');
      query.andWhere('(conversation.last_message_at, conversation.id) < (:at, :id)', { at, id });
    }
    return toConnection(await query.getMany(), size, conversationCursor);
  }

  @Query(() => Conversation)
  conversation(@Arg('id', () => ID) id: string, @Ctx() context: ForumContext) {
    return ownConversation(context, id);
  }

  @Mutation(() => Message, {
    description:
      'Writes to another member ("Kontakt aufnehmen"), continuing your conversation with them if there is one',
  })
  async startConversation(@Arg('input') input: StartConversationInput, @Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    if (input.memberId === viewer.id) throw badInput('memberId', 'you cannot write to yourself');
    const recipient = await context.loaders.member.load(input.memberId);
    if (!recipient) throw badInput('memberId', 'no such member');
    const message = await context.services.dataSource.transaction(async (tx) => {
      // One conversation per pair: serialise starts between the same two members.
      const pair = [viewer.id, recipient.id].sort().join(':');
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [pair]);
      const [existing] = await tx.query(
        `SELECT a.conversation_id FROM conversation_participant a
           JOIN conversation_participant b ON b.conversation_id = a.conversation_id AND b.member_id = $2
          WHERE a.member_id = $1
            AND (SELECT count(*) FROM conversation_participant c WHERE c.conversation_id = a.conversation_id) = 2
          LIMIT 1`,
        [viewer.id, recipient.id],
      );
      let conversationId: string = existing?.conversation_id;
      if (!conversationId) {
        const [created] = await tx.query('INSERT INTO conversation DEFAULT VALUES RETURNING id');
        conversationId = created.id;
        await tx.query(
          'INSERT INTO conversation_participant (conversation_id, member_id) VALUES ($1, $2), ($1, $3)',
          [conversationId, viewer.id, recipient.id],
        );
      }
      return insertMessage(tx, conversationId, viewer.id, input.body);
    });
    await publishMessage(context, message);
    return message;
  }

  @Mutation(() => Message)
  async sendMessage(@Arg('input') input: SendMessageInput, @Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const conversation = await ownConversation(context, input.conversationId);
    const message = await context.services.dataSource.transaction((tx) =>
      insertMessage(tx, conversation.id, viewer.id, input.body),
    );
    await publishMessage(context, message);
    return message;
  }

  @Mutation(() => Conversation)
  async markConversationRead(@Arg('id', () => ID) id: string, @Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const conversation = await ownConversation(context, id);
    await context.services.dataSource.query(
      'UPDATE conversation_participant SET last_read_at = now() WHERE conversation_id = $1 AND member_id = $2',
      [conversation.id, viewer.id],
    );
    return conversation;
  }

  @Subscription(() => Message, {
    topics: 'MESSAGE_ADDED',
    topicId: ({ context }: { context: ForumContext }) => requireViewer(context).id,
    description: 'New direct messages in any of your conversations, live',
  })
  messageAdded(@Root() event: MessageEvent, @Ctx() context: ForumContext): Message {
    context.renewLoaders();
    const message = Object.assign(new Message(), event.message);
    message.createdAt = new Date(message.createdAt);
    return message;
  }

  @FieldResolver(() => [Member])
  async participants(@Root() conversation: Conversation, @Ctx() context: ForumContext) {
    const rows: { member_id: string }[] = await context.services.dataSource.query(
      'SELECT member_id FROM conversation_participant WHERE conversation_id = $1',
      [conversation.id],
    );
    const members = await context.loaders.member.loadMany(rows.map((row) => row.member_id));
    return members.filter((member): member is Member => member instanceof Member);
  }

  @FieldResolver(() => MessageConnection, { description: 'Messages in the order written' })
  async messages(
    @Root() conversation: Conversation,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: ForumContext,
  ) {
    const size = pageSize(first);
    const query = context.services.dataSource
      .getRepository(Message)
      .createQueryBuilder('message')
      .where('message.conversation_id = :id', { id: conversation.id })
      .orderBy('message.seq', 'ASC')
      .limit(size + 1);
    if (after) {
      const [seq] = decodeCursor(after, 1);
      if (!/^\d{1,18}$/.test(seq!)) throw badInput('after', 'is not a cursor from this API');
      query.andWhere('message.seq > :seq', { seq });
    }
    return toConnection(await query.getMany(), size, messageCursor);
  }

  @FieldResolver(() => Int, { description: 'Messages from others since you last marked it read' })
  async unreadCount(@Root() conversation: Conversation, @Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const [row] = await context.services.dataSource.query(
      `SELECT count(*) AS count FROM message m
         JOIN conversation_participant p ON p.conversation_id = m.conversation_id AND p.member_id = $2
        WHERE m.conversation_id = $1 AND m.author_id <> $2 AND (p.last_read_at IS NULL OR m.created_at > p.last_read_at)`,
      [conversation.id, viewer.id],
    );
    return Number(row.count);
  }
}

@Resolver(() => Message)
export class MessageResolver {
  @FieldResolver(() => Member)
  author(@Root() message: Message, @Ctx() context: ForumContext) {
    return context.loaders.member.load(message.authorId);
  }

  @FieldResolver(() => String)
  cursor(@Root() message: Message) {
    return messageCursor(message);
  }
}

async function insertMessage(
  tx: import('typeorm').EntityManager,
  conversationId: string,
  authorId: string,
  body: string,
): Promise<Message> {
  const [row] = await tx.query(
    `INSERT INTO message (conversation_id, author_id, body, body_html) VALUES ($1, $2, $3, $4)
     RETURNING id, seq, conversation_id, author_id, body, body_html, created_at`,
    [conversationId, authorId, body, renderMarkdown(body)],
  );
  await tx.query('UPDATE conversation SET last_message_at = $2 WHERE id = $1', [
    conversationId,
    row.created_at,
  ]);
  return Object.assign(new Message(), {
    id: row.id,
    seq: String(row.seq),
    conversationId: row.conversation_id,
    authorId: row.author_id,
    body: row.body,
    bodyHtml: row.body_html,
    createdAt: new Date(row.created_at),
  });
}

async function publishMessage(context: ForumContext, message: Message) {
  const participants: { member_id: string }[] = await context.services.dataSource.query(
    'SELECT member_id FROM conversation_participant WHERE conversation_id = $1',
    [message.conversationId],
  );
  const event = { message: JSON.parse(JSON.stringify(message)) as Record<string, unknown> };
  for (const { member_id } of participants)
    context.services.pubSub.publish('MESSAGE_ADDED', member_id, event);
}
