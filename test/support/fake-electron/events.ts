/** Electron's `Event`: listeners may call preventDefault(), the emitter then checks defaultPrevented. */
export class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}
