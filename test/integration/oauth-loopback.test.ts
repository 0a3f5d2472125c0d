// The loopback listener of a connect attempt, on its own: only the callback with this attempt's
// state ends the wait (any web page can send the browser to /callback with another one), and it
// listens on both loopbacks `localhost` may resolve to, 127.0.0.1 and [::1].

import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openCallbackListener } from '../../electron/core/oauth/loopback';
import { freePort } from '../support/oauth';

const STATE = 'the-state-of-this-attempt';

async function ipv6Loopback(): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => { resolve(false); });
    probe.listen(0, '::1', () => probe.close(() => { resolve(true); }));
  });
}

async function visit(url: string): Promise<{ status: number; text: string }> {
  const answer = await fetch(url);
  return { status: answer.status, text: await answer.text() };
}

describe.concurrent('the callback listener', () => {
  it('a callback with another or no state is answered 400 and the wait goes on; the right one ends it with its code', async () => {
    const port = await freePort();
    const listener = await openCallbackListener(port, STATE);
    const code = listener.code({ timeoutMs: 10_000 });
    let ended = false;
    void code.finally(() => { ended = true; }).catch(() => undefined);

    for (const query of ['state=forged&code=x', 'code=x', 'state=forged&error=access_denied', 'state=&code=x']) {
      const forged = await visit(`http://127.0.0.1:${String(port)}/callback?${query}`);
      expect(forged, query).toEqual({ status: 400, text: expect.stringContaining('This callback is not from the current connect attempt') as unknown });
      expect(forged.text, query).not.toContain('forged');
    }
    expect(ended, 'still waiting').toBe(false);

    const real = await visit(`http://127.0.0.1:${String(port)}/callback?state=${STATE}&code=the-code`);
    expect(real.status).toBe(200);
    expect(await code).toBe('the-code');
  });

  it('the right state with error=access_denied ends it as a denial', async () => {
    const port = await freePort();
    const listener = await openCallbackListener(port, STATE);
    const code = listener.code({ timeoutMs: 10_000 });
    code.catch(() => undefined);
    await visit(`http://127.0.0.1:${String(port)}/callback?state=forged&error=access_denied`);
    expect((await visit(`http://127.0.0.1:${String(port)}/callback?state=${STATE}&error=access_denied`)).status).toBe(400);
    await expect(code).rejects.toThrow('Access was denied in Notion');
  });

  it('a forged callback does not stop the timeout', async () => {
    const port = await freePort();
    const listener = await openCallbackListener(port, STATE);
    const code = listener.code({ timeoutMs: 500 });
    code.catch(() => undefined);
    expect((await visit(`http://127.0.0.1:${String(port)}/callback?state=forged&code=x`)).status).toBe(400);
    await expect(code).rejects.toThrow('No answer from Notion within 1 s');
  });

  it('takes the callback on [::1] too, and [::1]:PORT held by another program means the port is busy', async (context) => {
    if (!(await ipv6Loopback())) {
      console.log('skipped: this machine has no IPv6 loopback (::1)');
      context.skip();
    }
    const port = await freePort();
    const listener = await openCallbackListener(port, STATE);
    const code = listener.code({ timeoutMs: 10_000 });
    expect((await visit(`http://[::1]:${String(port)}/callback?state=forged&code=x`)).status).toBe(400);
    expect((await visit(`http://[::1]:${String(port)}/callback?state=${STATE}&code=over-ipv6`)).status).toBe(200);
    expect(await code).toBe('over-ipv6');

    const busy = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen({ port: busy, host: '::1', ipv6Only: true }, resolve));
    try {
      await expect(openCallbackListener(busy, STATE)).rejects.toThrow(`Port ${String(busy)} is busy`);
      // The 127.0.0.1 side it had bound is let go again.
      const again = createServer();
      await new Promise<void>((resolve, reject) => { again.once('error', reject); again.listen(busy, '127.0.0.1', resolve); });
      await new Promise((resolve) => again.close(resolve));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
