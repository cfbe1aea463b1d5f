interface Log {
  warn(message: string): void;
}

export interface WebhookDeliveryOptions {
  urls: string[];
  timeoutMs: number;
  secret: string;
  log: Log;
}

const ATTEMPTS = 3;

/**
 * POSTs content events to the configured receivers. A receiver that is down or answers 5xx gets the same
 * event (same id) again, three times at most. `drain()` waits for everything still on its way, retries
 * included: a CMS that shuts down (a deploy, Ctrl-C) first delivers what its editors already changed.
 */
export class WebhookDelivery {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: WebhookDeliveryOptions) {}

  get enabled(): boolean {
    return this.options.urls.length > 0;
  }

  /** Starts the delivery of one event to every receiver; does not wait for it. */
  send(event: { id: string; event: string }): void {
    if (!this.enabled) return;
    this.track(Promise.all(this.options.urls.map((url) => this.deliver(url, event))).then(() => undefined));
  }

  /** Holds `drain()` until `work` (which ends in sends) has finished. */
  track(work: Promise<void>): void {
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(url: string, event: { id: string; event: string }): Promise<void> {
    const { timeoutMs, secret, log } = this.options;
    const body = JSON.stringify(event);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'stadtnetz-cms',
            ...(secret ? { 'x-webhook-secret': secret } : {}),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.ok) return;
        log.warn(`content webhook ${url} answered ${response.status} for ${event.event}`);
        if (response.status < 500) return;
      } catch (error) {
        log.warn(`content webhook ${url} failed for ${event.event}: ${(error as Error).message}`);
      }
      if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 500 * 4 ** (attempt - 1)));
    }
  }
}
