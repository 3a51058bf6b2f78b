/**
 * sharp (libvips), loaded on first use: it is the largest part of Woolly's memory once
 * loaded, and an instance nobody uploads to should not pay for it. One decode at a time per
 * core keeps a burst of uploads from multiplying the peak memory.
 */
import type { default as SharpFactory } from 'sharp';

let loaded: Promise<typeof SharpFactory> | null = null;

export function loadSharp(): Promise<typeof SharpFactory> {
  return (loaded ??= import('sharp').then((module) => {
    const sharp = module.default;
    sharp.cache(false);
    return sharp;
  }));
}
