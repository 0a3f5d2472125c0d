import type { BigIntStats, Stats } from 'node:fs';

// node:fs/promises costs every start ~2 ms to load (it brings readline, streams and the file
// watchers along), and `notion-vault get` only reads. So what a read of the data folder does
// comes from node:fs's callbacks, here, and what writes loads node:fs/promises on first use.
// node:fs comes through process.getBuiltinModule, never `import … from 'node:fs'`: the ES module
// face of node:fs reads its every export, `promises` too, which loads node:fs/promises anyway.

const fs = process.getBuiltinModule('node:fs');
export const { constants } = fs;

type FsPromises = typeof import('node:fs/promises');
/** node:fs/promises, loaded on first use (process.getBuiltinModule: Node 22.3+, Electron's Node too). */
export const fsPromises = (): FsPromises => process.getBuiltinModule('node:fs/promises');

type Done<T> = (error: NodeJS.ErrnoException | null, value: T) => void;
function call<T>(run: (done: Done<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    run((error, value) => {
      if (error) reject(error);
      else resolve(value);
    });
  });
}
const settled = (run: (done: (error: NodeJS.ErrnoException | null) => void) => void): Promise<void> =>
  call<undefined>((done) => {
    run((error) => {
      done(error, undefined);
    });
  });

export const lstat = (path: string): Promise<Stats> => call((done) => { fs.lstat(path, done); });
export const stat = (path: string): Promise<Stats> => call((done) => { fs.stat(path, done); });
export const chmod = (path: string, mode: number): Promise<void> => settled((done) => { fs.chmod(path, mode, done); });
export const mkdir = (path: string, mode: number): Promise<void> => settled((done) => { fs.mkdir(path, { recursive: true, mode }, done); });
/** A file descriptor: close it with `close`. */
export const open = (path: string, flags: number): Promise<number> => call((done) => { fs.open(path, flags, done); });
export const close = (fd: number): Promise<void> => settled((done) => { fs.close(fd, done); });
export const fstat = (fd: number): Promise<Stats> => call((done) => { fs.fstat(fd, done); });
/** With nanosecond times (list-cache.ts stamps vault.json with them). */
export const fstatBig = (fd: number): Promise<BigIntStats> => call((done) => { fs.fstat(fd, { bigint: true }, done); });
export const lstatBig = (path: string): Promise<BigIntStats> => call((done) => { fs.lstat(path, { bigint: true }, done); });
export const fchmod = (fd: number, mode: number): Promise<void> => settled((done) => { fs.fchmod(fd, mode, done); });
/** Bytes read into `buffer` at `offset`, from the file at `position` (the descriptor's own position is left alone). */
export const read = (fd: number, buffer: Buffer, offset: number, length: number, position: number): Promise<number> =>
  call((done) => { fs.read(fd, buffer, offset, length, position, done); });
/** The rest of the file from the descriptor's position, as text. */
export const readText = (fd: number): Promise<string> => call((done) => { fs.readFile(fd, 'utf8', done); });
