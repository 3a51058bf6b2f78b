/**
 * What Woolly tells apps it is. Apps decide which Mastodon features to use from the version
 * string and `api_versions.mastodon`, so Woolly claims the Mastodon release whose API it
 * answers like, and names itself after it the way other compatible servers do.
 */
import pkg from '../../../package.json' with { type: 'json' };

const manifest: { version: string; repository?: string | { url?: string } } = pkg;

export const woollyVersion: string = manifest.version;

/** The Mastodon release whose client API Woolly implements. */
export const mastodonCompatibility = '4.3.0';

/** Mastodon 4.3's `api_versions.mastodon`. */
export const mastodonApiVersion = 2;

/** `4.3.0 (compatible; Woolly 0.1.0)`. */
export const versionString = `${mastodonCompatibility} (compatible; Woolly ${woollyVersion})`;

/**
 * Where the source code of this Woolly is (the instance's `source_url`, which the AGPL makes
 * matter): the `repository` of package.json, empty while it names none.
 */
export const sourceUrl: string =
  (typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url)
    ?.replace(/^git\+/, '')
    .replace(/\.git$/, '') ?? '';
