/**
 * The images Woolly serves where nothing was uploaded, at the paths Mastodon uses for them
 * (`/avatars/original/missing.png`, `/headers/original/missing.png`), plus the instance's
 * default thumbnail and icons. The Account and Instance entities link here, so these must
 * answer with real PNGs.
 */
import { Hono } from 'hono';
import {
  appIcon,
  defaultThumbnail,
  iconSizes,
  missingAvatar,
  missingHeader,
} from '../media/placeholders.ts';
import type { AppEnv } from './mastodon/env.ts';

export const missingAvatarPath = '/avatars/original/missing.png';
export const missingHeaderPath = '/headers/original/missing.png';
export const defaultThumbnailPath = '/images/preview.png';
export const appIconPath = (size: number) => `/images/icons/icon-${size}x${size}.png`;

function png(image: Buffer): Response {
  return new Response(new Uint8Array(image), {
    headers: {
      'Content-Type': 'image/png',
      'Content-Length': String(image.length),
      'Cache-Control': 'public, max-age=86400',
    },
  });
}

export function defaultImageRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
    .get(missingAvatarPath, () => png(missingAvatar()))
    .get(missingHeaderPath, () => png(missingHeader()))
    .get(defaultThumbnailPath, () => png(defaultThumbnail()));
  for (const size of iconSizes) app.get(appIconPath(size), () => png(appIcon(size)));
  return app;
}
