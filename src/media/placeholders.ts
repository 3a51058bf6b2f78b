/**
 * The images Woolly shows where there is no upload: the silhouette of an account without an
 * avatar, the plain header of one without a header, the instance's default thumbnail and its
 * app icons. Drawn once, on first use, by encodePng.
 */
import { encodePng, type Rgba } from './png.ts';

const background: Rgba = [217, 225, 232, 255];
const figure: Rgba = [154, 170, 187, 255];
const brand: Rgba = [86, 90, 184, 255];
const white: Rgba = [255, 255, 255, 255];

const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) =>
  ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

/** 400x400: a head and shoulders on a light grey ground, like Mastodon's missing avatar. */
function drawMissingAvatar(): Buffer {
  return encodePng(400, 400, (x, y) =>
    inEllipse(x, y, 200, 165, 78, 78) || inEllipse(x, y, 200, 430, 165, 160) ? figure : background,
  );
}

/** 1500x500 (the header's aspect ratio in Mastodon's apps), one flat color. */
function drawMissingHeader(): Buffer {
  return encodePng(1500, 500, () => figure);
}

/** 1200x630 (the size link previews use): a white disc on the brand color. */
function drawThumbnail(): Buffer {
  return encodePng(1200, 630, (x, y) => (inEllipse(x, y, 600, 315, 160, 160) ? white : brand));
}

/** A square icon: a white disc on the brand color, for home screens and app lists. */
function drawIcon(size: number): Buffer {
  const c = size / 2;
  return encodePng(size, size, (x, y) =>
    inEllipse(x + 0.5, y + 0.5, c, c, size * 0.3, size * 0.3) ? white : brand,
  );
}

/** The icon sizes Mastodon lists in the instance entity. */
export const iconSizes = [36, 48, 72, 96, 144, 192, 256, 384, 512] as const;

const cache = new Map<string, Buffer>();
function once(key: string, draw: () => Buffer): Buffer {
  let image = cache.get(key);
  if (!image) {
    image = draw();
    cache.set(key, image);
  }
  return image;
}

export const missingAvatar = () => once('avatar', drawMissingAvatar);
export const missingHeader = () => once('header', drawMissingHeader);
export const defaultThumbnail = () => once('thumbnail', drawThumbnail);
export const appIcon = (size: (typeof iconSizes)[number]) =>
  once(`icon${size}`, () => drawIcon(size));
