export {
  createSharedSubscribe,
  keyUnlessReplaying,
  operationKey,
  passesArgument,
  subscribeWithContextPerEvent,
  type SharedSubscribeOptions,
  type SubscriptionStream,
} from './shared-subscribe.js';
