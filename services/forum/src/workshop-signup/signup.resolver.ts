import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { notFound } from '../common/errors.js';
import { requireVerifiedViewer, requireViewer, type ForumContext } from '../context.js';
import { Workshop, type CmsReference } from '../federation/cms-references.js';
import type { WorkshopSignupEvent } from '../live/pubsub.js';
import type { Registration, Transition } from './signup.service.js';
import {
  RegisterForWorkshopInput,
  WorkshopRegistration,
  WorkshopRegistrationStatus,
  WorkshopSignup,
} from './signup.types.js';
import type { WorkshopSettings } from './workshop-settings.js';
import { signupOf } from './signup-view.js';

function registrationOf(
  transition: Pick<Transition, 'registration' | 'waitlistPosition'>,
): WorkshopRegistration {
  const { registration } = transition;
  return {
    id: registration.id,
    workshop: { documentId: registration.workshopId },
    status: registration.status,
    waitlistPosition: transition.waitlistPosition,
    answers: Object.entries(registration.answers).map(([key, value]) => ({ key, value })),
    createdAt: registration.createdAt,
  };
}

async function publishSignup(context: ForumContext, settings: WorkshopSettings) {
  const counts = await context.services.signups.counts([settings.documentId]);
  const signup = signupOf(settings, counts.get(settings.documentId)!);
  context.services.pubSub.publish('WORKSHOP_SIGNUP_CHANGED', settings.documentId, {
    signup: JSON.parse(JSON.stringify(signup)) as Record<string, unknown>,
  });
}

async function requireSettings(context: ForumContext, workshopId: string) {
  const settings = await context.loaders.workshopSettings.load(workshopId);
  if (!settings) throw notFound('Workshop');
  return settings;
}

@Resolver(() => Workshop)
export class WorkshopSignupResolver {
  @FieldResolver(() => WorkshopSignup, {
    nullable: true,
    description:
      'Registration on the platform: seats, waiting list and your own status. Null for a workshop not published.',
  })
  async signup(@Root() workshop: CmsReference, @Ctx() context: ForumContext): Promise<WorkshopSignup | null> {
    const settings = await context.loaders.workshopSettings.load(workshop.documentId);
    if (!settings) return null;
    return signupOf(settings, await context.loaders.signupCounts.load(workshop.documentId));
  }

  @Mutation(() => WorkshopRegistration, {
    description:
      'Registers the signed-in member: a seat when one is free, else the waiting list (if kept); PENDING_APPROVAL when editors approve each registration',
  })
  async registerForWorkshop(
    @Arg('input', { description: 'The workshop and the answers' }) input: RegisterForWorkshopInput,
    @Ctx() context: ForumContext,
  ) {
    const viewer = await requireVerifiedViewer(context);
    const settings = await requireSettings(context, input.workshopId);
    const transition = await context.services.signups.register(settings, viewer.id, input.answers ?? []);
    context.services.mail.worker.wake();
    await publishSignup(context, settings);
    return registrationOf(transition);
  }

  @Mutation(() => WorkshopRegistration, {
    description:
      "Cancels the signed-in member's registration; a seat it frees goes to the first on the waiting list",
  })
  async cancelWorkshopRegistration(
    @Arg('workshopId', () => ID, { description: 'The workshop' }) workshopId: string,
    @Ctx() context: ForumContext,
  ) {
    const viewer = requireViewer(context);
    const settings = await context.loaders.workshopSettings.load(workshopId);
    const [cancelled] = await context.services.signups.cancel(workshopId, settings, viewer.id);
    context.services.mail.worker.wake();
    if (settings) await publishSignup(context, settings);
    return registrationOf(cancelled!);
  }

  @Subscription(() => WorkshopSignup, {
    topics: 'WORKSHOP_SIGNUP_CHANGED',
    topicId: ({ args }: { args: { workshopId: string } }) => args.workshopId,
    description: "A workshop's seats and waiting list, each time they change",
  })
  workshopRegistrationChanged(
    @Root() event: WorkshopSignupEvent,
    @Arg('workshopId', () => ID, { description: 'The workshop whose seats to follow' }) _workshopId: string,
    @Ctx() context: ForumContext,
  ): WorkshopSignup {
    context.renewLoaders();
    const signup = event.signup as unknown as WorkshopSignup;
    return {
      ...signup,
      opensAt: signup.opensAt ? new Date(signup.opensAt) : null,
      closesAt: signup.closesAt ? new Date(signup.closesAt) : null,
    };
  }
}

@Resolver(() => WorkshopSignup)
export class WorkshopSignupViewerResolver {
  @FieldResolver(() => WorkshopRegistrationStatus, {
    nullable: true,
    description: 'Your registration, signed in; null when you have none (or are not signed in)',
  })
  async myStatus(@Root() signup: WorkshopSignup, @Ctx() context: ForumContext) {
    return (await mine(signup, context))?.registration.status ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Your place on the waiting list (1 is next)' })
  async myWaitlistPosition(@Root() signup: WorkshopSignup, @Ctx() context: ForumContext) {
    return (await mine(signup, context))?.waitlistPosition ?? null;
  }
}

function mine(
  signup: WorkshopSignup,
  context: ForumContext,
): Promise<{ registration: Registration; waitlistPosition: number | null } | null> {
  if (!context.viewer) return Promise.resolve(null);
  return context.loaders.mySignups.load(signup.workshopId);
}
