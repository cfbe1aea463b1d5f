export {
  createSharedSubscribe,
  operationKey,
  passesArgument,
  type SharedSubscribeOptions,
  type SubscriptionStream,
} from './shared-subscribe.js';
