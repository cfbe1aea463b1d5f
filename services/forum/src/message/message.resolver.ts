import type { OutboxOptions } from '../mail/outbox.js';
import { NotificationKind, notifyMembers } from '../notification/notification.service.js';
import { IsOptional, IsUUID, Length, Matches } from 'class-validator';
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
import {
  ConnectionType,
  countOf,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../common/connection.js';
import { badInput, forbidden, notFound } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import { requireVerifiedViewer, requireViewer, type ForumContext } from '../context.js';
import type { MessageEvent } from '../live/pubsub.js';
import { renderMemberMarkdown } from '../markdown/render-markdown.js';
import { Member } from '../member/member.entity.js';
import { CLIENT_ID, MAX_BODY } from '../post/post.input.js';
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

  @Field({ description: 'The first message, Markdown' })
  @Length(1, MAX_BODY, { message: `must be between 1 and ${MAX_BODY} characters` })
  body: string;
  @Field(() => String, {
    nullable: true,
    description:
      'An id the client makes once per form (8 to 64 letters, digits, "-" or "_"): sent again, it writes nothing ' +
      'new and answers with the message the first one wrote',
  })
  @IsOptional()
  @Matches(CLIENT_ID, { message: 'must be 8 to 64 letters, digits, "-" or "_"' })
  clientId?: string | null;
}

@InputType()
class SendMessageInput {
  @Field(() => ID, { description: 'The conversation' })
  @IsUUID('all', { message: 'must be a conversation id' })
  conversationId: string;

  @Field({ description: 'The message, Markdown' })
  @Length(1, MAX_BODY, { message: `must be between 1 and ${MAX_BODY} characters` })
  body: string;
  @Field(() => String, {
    nullable: true,
    description:
      'An id the client makes once per form (8 to 64 letters, digits, "-" or "_"): sent again, it writes nothing ' +
      'new and answers with the message the first one wrote',
  })
  @IsOptional()
  @Matches(CLIENT_ID, { message: 'must be 8 to 64 letters, digits, "-" or "_"' })
  clientId?: string | null;
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
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20)' })
    first: number | undefined,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Cursor of the last conversation seen: the next page',
    })
    after: string | undefined,
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
    const total = countOf(query);
    if (after) {
      const [at, id] = decodeCursor(after, 2);
      if (!isUuid(id) || Number.isNaN(Date.parse(at!)))
        throw badInput('after', 'is not a cursor from this API');
      query.andWhere('(conversation.last_message_at, conversation.id) < (:at, :id)', { at, id });
    }
    return toConnection(await query.getMany(), size, conversationCursor, total);
  }

  @Query(() => Int, {
    description: "Messages from others in the signed-in member's conversations, not read yet",
  })
  async unreadMessageCount(@Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const [row] = await context.services.dataSource.query(
      `SELECT count(*) AS count FROM message m
         JOIN conversation_participant p ON p.conversation_id = m.conversation_id AND p.member_id = $1
        WHERE m.author_id <> $1 AND (p.last_read_at IS NULL OR m.created_at > p.last_read_at)`,
      [viewer.id],
    );
    return Number(row.count);
  }

  @Query(() => Conversation, { description: 'One conversation of the signed-in member (participants only)' })
  conversation(
    @Arg('id', () => ID, { description: 'The conversation’s id' }) id: string,
    @Ctx() context: ForumContext,
  ) {
    return ownConversation(context, id);
  }

  @Mutation(() => Message, {
    description:
      'Writes to another member ("Kontakt aufnehmen"), continuing your conversation with them if there is one',
  })
  async startConversation(
    @Arg('input', { description: 'Who to write to and the first message' }) input: StartConversationInput,
    @Ctx() context: ForumContext,
  ) {
    const viewer = await requireVerifiedViewer(context);
    if (input.memberId === viewer.id) throw badInput('memberId', 'you cannot write to yourself');
    const recipient = await context.loaders.member.load(input.memberId);
    if (!recipient) throw badInput('memberId', 'no such member');
    const repeated = await messageWithClientId(context, viewer.id, input.clientId);
    if (repeated) return repeated;
    const message = await context.services.dataSource
      .transaction(async (tx) => {
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
        return insertMessage(
          tx,
          conversationId,
          viewer.id,
          input.body,
          context.services.mail.outbox,
          input.clientId ?? null,
        );
      })
      .catch(async (error: unknown) => {
        // Sent twice at once: the second met the first's clientId (unique per author).
        const first = await repeatedInsert(error, context, viewer.id, input.clientId);
        if (first) return Object.assign(first, { repeated: true });
        throw error;
      });
    if ('repeated' in message) return message;
    await publishMessage(context, message);
    return message;
  }

  @Mutation(() => Message, { description: 'Writes a message in a conversation (participants only)' })
  async sendMessage(
    @Arg('input', { description: 'The message' }) input: SendMessageInput,
    @Ctx() context: ForumContext,
  ) {
    const viewer = await requireVerifiedViewer(context);
    const conversation = await ownConversation(context, input.conversationId);
    const repeated = await messageWithClientId(context, viewer.id, input.clientId);
    if (repeated) return repeated;
    const message = await context.services.dataSource
      .transaction((tx) =>
        insertMessage(
          tx,
          conversation.id,
          viewer.id,
          input.body,
          context.services.mail.outbox,
          input.clientId ?? null,
        ),
      )
      .catch(async (error: unknown) => {
        const first = await repeatedInsert(error, context, viewer.id, input.clientId);
        if (first) return Object.assign(first, { repeated: true });
        throw error;
      });
    if ('repeated' in message) return message;
    await publishMessage(context, message);
    return message;
  }

  @Mutation(() => Conversation, { description: 'Marks a conversation as read' })
  async markConversationRead(
    @Arg('id', () => ID, { description: 'The conversation’s id' }) id: string,
    @Ctx() context: ForumContext,
  ) {
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

  @FieldResolver(() => [Member], { description: 'The members in the conversation' })
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
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20)' })
    first: number | undefined,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Cursor of the last message seen: the messages after it',
    })
    after: string | undefined,
    @Ctx() context: ForumContext,
  ) {
    const size = pageSize(first);
    const query = context.services.dataSource
      .getRepository(Message)
      .createQueryBuilder('message')
      .where('message.conversation_id = :id', { id: conversation.id })
      .orderBy('message.seq', 'ASC')
      .limit(size + 1);
    const messagesTotal = countOf(query);
    if (after) {
      const [seq] = decodeCursor(after, 1);
      if (!/^\d{1,18}$/.test(seq!)) throw badInput('after', 'is not a cursor from this API');
      query.andWhere('message.seq > :seq', { seq });
    }
    return toConnection(await query.getMany(), size, messageCursor, messagesTotal);
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
  @FieldResolver(() => Member, { description: 'Who wrote it' })
  author(@Root() message: Message, @Ctx() context: ForumContext) {
    return context.loaders.member.load(message.authorId);
  }

  @FieldResolver(() => String, { description: 'Where this message is in the conversation (for after:)' })
  cursor(@Root() message: Message) {
    return messageCursor(message);
  }
}

/** The message this member wrote with this form before, if any (see StartConversationInput.clientId). */
async function messageWithClientId(
  context: ForumContext,
  authorId: string,
  clientId: string | null | undefined,
) {
  if (!clientId) return null;
  return context.services.dataSource.getRepository(Message).findOneBy({ authorId, clientId });
}

/** After a failed insert: the first message with the same clientId, if that is why it failed. */
async function repeatedInsert(
  error: unknown,
  context: ForumContext,
  authorId: string,
  clientId: string | null | undefined,
) {
  if ((error as { code?: string }).code !== '23505') return null;
  return messageWithClientId(context, authorId, clientId);
}

async function insertMessage(
  tx: import('typeorm').EntityManager,
  conversationId: string,
  authorId: string,
  body: string,
  mail: OutboxOptions,
  clientId: string | null = null,
): Promise<Message> {
  const { html } = await renderMemberMarkdown(tx, body);
  const [row] = await tx.query(
    `INSERT INTO message (conversation_id, author_id, body, body_html, client_id) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, seq, conversation_id, author_id, body, body_html, created_at`,
    [conversationId, authorId, body, html, clientId],
  );
  await tx.query('UPDATE conversation SET last_message_at = $2 WHERE id = $1', [
    conversationId,
    row.created_at,
  ]);
  // The others in the conversation hear of it (by mail too, as they chose): one notification each.
  const others: { member_id: string }[] = await tx.query(
    'SELECT member_id FROM conversation_participant WHERE conversation_id = $1 AND member_id <> $2',
    [conversationId, authorId],
  );
  await notifyMembers(
    tx,
    others.map(({ member_id }) => [member_id, NotificationKind.DIRECT_MESSAGE]),
    { actorId: authorId, conversationId },
    mail,
  );
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
