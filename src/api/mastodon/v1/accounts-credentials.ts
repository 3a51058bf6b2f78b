/**
 * The signed-in user's own profile: `GET /api/v1/accounts/verify_credentials` and
 * `PATCH /api/v1/accounts/update_credentials`, both answered with a CredentialAccount.
 * Parameters Mastodon does not know are ignored, as its `params.permit` ignores them. A
 * multipart body is read as a stream (upload-form.ts): avatar and header go to temporary files.
 * `DELETE /api/v1/profile/avatar` and `/header` (Mastodon 4.2) remove one image and answer the
 * CredentialAccount too, also when there was none.
 */
import { Hono, type Context } from 'hono';
import { loadAccountView } from '../../../domain/accounts/account-views.ts';
import { updateProfile, type ProfileChanges } from '../../../domain/accounts/update-profile.ts';
import type { AccountRecord } from '../../../db/repositories/accounts.ts';
import type { UserRecord } from '../../../db/repositories/users.ts';
import { pendingFollowRequestCount } from '../../../db/views/follow-requests.ts';
import {
  prepareProfileImages,
  removeProfileImage,
} from '../../../domain/media-attachments/profile-images.ts';
import { booleanParam } from '../boolean-param.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import type { Params } from '../params.ts';
import { railsText } from '../rails-text.ts';
import { serializeCredentialAccount } from '../serializers/credential-account.ts';
import { withUploadForm } from '../upload-form.ts';

/** The file parts of update_credentials. */
const imageFields = ['avatar', 'header'];

/** Mastodon counts pending follow requests in `source` up to this. */
const followRequestsCap = 40;

async function credentialAccount(c: Context<AppEnv>, account: AccountRecord, user: UserRecord) {
  const deps = c.var.deps;
  const view = { ...(await loadAccountView(deps, account)), user };
  const requests = await pendingFollowRequestCount(deps.db, account.id, followRequestsCap);
  return serializeCredentialAccount(view, deps.config.baseUrl, requests);
}

const asObject = (value: unknown): Params | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Params)
    : undefined;

/**
 * `fields_attributes` as a hash (`fields_attributes[0][name]=...`) or a list: Mastodon takes
 * the pairs in the order given and ignores the keys.
 */
function fieldsParam(value: unknown): ProfileChanges['fields'] {
  const items = Array.isArray(value) ? value : Object.values(asObject(value) ?? {});
  if (!Array.isArray(value) && !asObject(value)) return undefined;
  return items.flatMap((item) => {
    const pair = asObject(item);
    if (!pair) return [];
    return [{ name: railsText(pair.name) ?? '', value: railsText(pair.value) ?? '' }];
  });
}

function profileChanges(params: Params): ProfileChanges {
  const text = (value: unknown) => {
    const t = railsText(value);
    return t === null ? '' : t;
  };
  const source = asObject(params.source) ?? {};
  return {
    displayName: text(params.display_name),
    note: text(params.note),
    locked: booleanParam(params.locked),
    bot: booleanParam(params.bot),
    discoverable: booleanParam(params.discoverable),
    hideCollections: booleanParam(params.hide_collections),
    indexable: booleanParam(params.indexable),
    fields: 'fields_attributes' in params ? fieldsParam(params.fields_attributes) : undefined,
    privacy: railsText(source.privacy) ?? undefined,
    sensitive: booleanParam(source.sensitive),
    language: 'language' in source ? railsText(source.language) : undefined,
    quotePolicy: railsText(source.quote_policy) ?? undefined,
  };
}

/** The handlers of `DELETE /api/v1/profile/avatar` or `/header`. */
function removeImage(which: 'avatar' | 'header') {
  return [
    requireScopes('write', 'write:accounts'),
    requireUser(),
    async (c: Context<AppEnv>) => {
      const { account, user } = currentUser(c.var.auth);
      await removeProfileImage(c.var.deps, account.id, which);
      return c.json(await credentialAccount(c, account, user));
    },
  ] as const;
}

export function accountsCredentialsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get(
      '/api/v1/accounts/verify_credentials',
      requireScopes('read', 'read:accounts', 'profile'),
      requireUser(),
      async (c) => {
        const { account, user } = currentUser(c.var.auth);
        return c.json(await credentialAccount(c, account, user));
      },
    )
    .patch(
      '/api/v1/accounts/update_credentials',
      requireScopes('write', 'write:accounts'),
      requireUser(),
      async (c) => {
        const { account, user } = currentUser(c.var.auth);
        const deps = c.var.deps;
        // Avatar and header are streamed to temporary files (removed when this ends); each
        // is refused at the byte past the image limit.
        const maxFileBytes = deps.config.media.limits.imageSize;
        const updated = await withUploadForm(
          c,
          imageFields,
          async ({ params, files }) => {
            const changes = profileChanges(params);
            // The images are made first and saved with the profile, or removed if it is refused.
            const images = await prepareProfileImages(deps, account.id, {
              avatar: files.get('avatar') ?? null,
              header: files.get('header') ?? null,
            });
            let saved;
            try {
              saved = await updateProfile(deps, account, user, changes);
            } catch (error) {
              await images.discard();
              throw error;
            }
            // updateProfile announces a changed account itself (and then returns a new record).
            await images.save({ announce: saved.account === account });
            return saved;
          },
          { maxFileBytes },
        );
        return c.json(await credentialAccount(c, updated.account, updated.user));
      },
    )
    .delete('/api/v1/profile/avatar', ...removeImage('avatar'))
    .delete('/api/v1/profile/header', ...removeImage('header'));
}
