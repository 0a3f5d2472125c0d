import type { BinaryLike, KeyObject } from 'node:crypto';

// node:crypto takes ~8 ms to load, a tenth of a whole `notion-vault get`, which never uses it: a
// static import anywhere on that path loads it anyway. The core takes these from here instead;
// node:crypto loads on first use (process.getBuiltinModule: Node 22.3+, Electron's Node too).

type NodeCrypto = typeof import('node:crypto');
const load = (): NodeCrypto => process.getBuiltinModule('node:crypto');

export const randomUUID = (): string => load().randomUUID();
export const randomBytes = (size: number): Buffer => load().randomBytes(size);
export const createHash = (algorithm: string): ReturnType<NodeCrypto['createHash']> => load().createHash(algorithm);
export const createHmac = (algorithm: string, key: BinaryLike | KeyObject): ReturnType<NodeCrypto['createHmac']> => load().createHmac(algorithm, key);
export const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView): boolean => load().timingSafeEqual(a, b);
