/**
 * Deterministic pseudo-random numbers for the demo systems: the same seed and parts always give the same
 * number, in every browser and in Node, with no state carried between calls.
 */

/** Returns a 32-bit unsigned hash of the seed and the parts (FNV-1a, then the MurmurHash3 finaliser). */
export function hashParts(seed: number, parts: readonly (string | number)[]): number {
  const text = `${seed}|${parts.join('|')}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Returns a number in [0, 1) that depends only on the seed and the parts. */
export function unitFraction(seed: number, ...parts: (string | number)[]): number {
  return hashParts(seed, parts) / 0x1_0000_0000;
}

/** True for about `percent` of all part lists: a deterministic coin with that chance. */
export function isWithinPercent(percent: number, seed: number, ...parts: (string | number)[]): boolean {
  return unitFraction(seed, ...parts) * 100 < percent;
}

/** Picks one element of `list`, which must not be empty. */
export function pickFrom<T>(list: readonly T[], seed: number, ...parts: (string | number)[]): T {
  return list[Math.floor(unitFraction(seed, ...parts) * list.length)] as T;
}
