// node:fs through getBuiltinModule: its ES module face loads node:fs/promises (vault/fs-calls.ts).
const { readFileSync } = process.getBuiltinModule('node:fs');

/**
 * The name of the process that started this one (the shell or script that ran `get` or `export`),
 * where the OS tells it without starting another program: Linux's /proc. Elsewhere null (macOS
 * and Windows only tell it through `ps` or a native call, which would cost `get` a process start).
 */
export function parentProgram(): { program: string | null; pid: number | null } {
  const pid = process.ppid > 1 ? process.ppid : null;
  if (pid === null || process.platform !== 'linux') return { program: null, pid };
  try {
    // comm: at most 15 bytes, whatever the program set (prctl): data, like any text from outside.
    return { program: readFileSync(`/proc/${String(pid)}/comm`, 'utf8').trim() || null, pid };
  } catch {
    return { program: null, pid };
  }
}
