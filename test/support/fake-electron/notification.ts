import { EventEmitter } from 'node:events';
import type { NotificationConstructorOptions } from 'electron';
import { PreventableEvent } from './events';
import { fake } from './state';

/** Electron's Notification (https://www.electronjs.org/docs/latest/api/notification). */
export class FakeNotification extends EventEmitter {
  shown = false;

  constructor(readonly options: NotificationConstructorOptions = {}) {
    super();
  }

  /** Test: fake.notifications.supported. */
  static isSupported(): boolean {
    return fake.notifications.supported;
  }

  get title(): string {
    return this.options.title ?? '';
  }

  get body(): string {
    return this.options.body ?? '';
  }

  show(): void {
    this.shown = true;
    fake.notifications.shown.push(this);
    this.emit('show', new PreventableEvent());
  }

  close(): void {
    this.emit('close', new PreventableEvent());
  }

  /** Test: the person clicks it. */
  click(): void {
    this.emit('click', new PreventableEvent());
  }

  /** Test: the OS refused to show it (macOS, for an unsigned app). */
  fail(error: string): void {
    this.emit('failed', new PreventableEvent(), error);
  }
}
