/** A stand-in for seed 0 (the first 32 bits of √2's fraction, SHA-256's first constant). */
const ZERO_STAND_IN = 0x6a09e667;

/**
 * The seed to hand tfjs's random ops. They treat a seed of 0 as "no seed" and draw fresh randomness each call, so a
 * run with training.seed 0 (whose first step's seed is 0) would not repeat; 0 is mapped to a fixed other value.
 * Every other seed passes through unchanged, so runs with those seeds draw exactly what they drew before.
 */
export const tfSeed = (seed: number): number => (seed === 0 ? ZERO_STAND_IN : seed);
