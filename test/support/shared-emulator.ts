import { afterAll, beforeAll } from 'vitest';
import { startNotionEmulator, type NotionEmulator } from './notion-emulator';

/** One emulator for a whole test file: started before its tests, stopped after. Returns an accessor. */
export function useSharedEmulator(): () => NotionEmulator {
  let emu: NotionEmulator | undefined;
  beforeAll(async () => {
    emu = await startNotionEmulator();
  });
  afterAll(async () => {
    await emu?.stop();
  });
  return () => {
    if (emu === undefined) throw new Error('the Notion emulator has not started');
    return emu;
  };
}
