// Metrics behind domain verbs, on a private prom-client registry. Labels are
// bounded (never a user id); every name is prefixed gochat_.
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  private readonly messagesIn: Counter<'session_type'>;
  private readonly uplinkRejected: Counter<'code'>;
  private readonly pushes: Counter<'route'>;
  private readonly logins: Counter;

  /**
   * `labels` go on every series; `processLabels` only on Node's process
   * metrics (heap, event loop, CPU), which stay per worker when the primary
   * aggregates, while domain metrics are summed across workers.
   */
  constructor(connections: () => number, labels: Record<string, string> = {}, processLabels: Record<string, string> = {}) {
    this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry, prefix: 'gochat_', labels: processLabels });
    new Gauge({
      name: 'gochat_connections',
      help: 'Logged-in WebSocket connections',
      registers: [this.registry],
      collect() {
        this.set(connections());
      },
    });
    this.messagesIn = new Counter({ name: 'gochat_messages_in_total', help: 'Messages accepted, by session type', labelNames: ['session_type'], registers: [this.registry] });
    this.uplinkRejected = new Counter({ name: 'gochat_uplink_rejected_total', help: 'Uplink messages answered with an error code', labelNames: ['code'], registers: [this.registry] });
    this.pushes = new Counter({ name: 'gochat_pushes_total', help: 'Pushes written, by route', labelNames: ['route'], registers: [this.registry] });
    this.logins = new Counter({ name: 'gochat_logins_total', help: 'Successful CT_LOGINs', registers: [this.registry] });
  }

  markMessageIn(sessionType: number): void {
    this.messagesIn.inc({ session_type: sessionType === 2 ? 'group' : 'single' });
  }

  markUplinkRejected(code: number): void {
    this.uplinkRejected.inc({ code: String(code) });
  }

  markPush(route: 'local' | 'remote', n = 1): void {
    this.pushes.inc({ route }, n);
  }

  markLogin(): void {
    this.logins.inc();
  }
}
