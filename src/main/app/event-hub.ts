// Fan-out of core events to whichever shell is attached (Electron webContents, bridge WebSockets).
// Payloads are validated against the contract at emit time, so a drifting core shows up in the log
// rather than as a silently broken screen.
import { EVENT_SCHEMAS, type EventName, type Events } from '../../common/ipc/events';
import type { EventEnvelope } from '../../common/ipc/bridge';
import type { Logger } from '../core/log/logger';

export type EventSink = (envelope: EventEnvelope) => void;

export class EventHub {
  private readonly sinks = new Set<EventSink>();
  private readonly latest = new Map<EventName, EventEnvelope>();

  constructor(private readonly log: Logger) {}

  emit<E extends EventName>(name: E, payload: Events[E]): void {
    const parsed = EVENT_SCHEMAS[name].safeParse(payload);
    if (!parsed.success) {
      this.log.error('event payload does not match the contract; dropped', { name, issue: parsed.error.issues[0]?.message });
      return;
    }
    const envelope = { name, payload: parsed.data } as EventEnvelope;
    // 'status/changed' is state, not a happening: remember it for late subscribers (reconnects).
    if (name === 'status/changed') this.latest.set(name, envelope);
    for (const sink of this.sinks) {
      try {
        sink(envelope);
      } catch (err) {
        this.log.warn('event sink failed', { name, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  /** Subscribes; the current status (if any) is delivered immediately. */
  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    const status = this.latest.get('status/changed');
    if (status) sink(status);
    return () => {
      this.sinks.delete(sink);
    };
  }

  get subscriberCount(): number {
    return this.sinks.size;
  }
}
