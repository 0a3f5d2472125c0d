import type { NavigateTarget } from '../../common/ipc-contract';

/**
 * Where the tray asked the window to go, held until the page can hear it. A page that is still
 * loading has not subscribed to `ui:navigate` yet (React subscribes in an effect, after the first
 * render), so an event sent then is lost: the request is kept, and the page asks for it with
 * `app:pending-view` once it has mounted. After that the page hears events, and nothing is kept,
 * so a later reload does not replay an old request.
 */
export class ViewRequests {
  private pending: NavigateTarget | null = null;
  private listening = false;

  constructor(private readonly send: (target: NavigateTarget) => void) {}

  request(target: NavigateTarget): void {
    if (!this.listening) this.pending = target;
    // Sent either way: a page that already listens (the harness's event stream) loses nothing.
    this.send(target);
  }

  /** The page has mounted: it gets what was asked for meanwhile, and hears events from now on. */
  take(): NavigateTarget | null {
    this.listening = true;
    const target = this.pending;
    this.pending = null;
    return target;
  }

  /** The page is (re)loading: until it asks again, requests are kept. */
  pageLoading(): void {
    this.listening = false;
  }
}
