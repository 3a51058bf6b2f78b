/**
 * Local custom emojis imported by `woolly emoji import` keep the storage keys of their files
 * (the original and its still copy), so that the orphan sweep and the storage migration know
 * them; `image_url` and `static_url` stay what the API shows.
 */
export const sql = `
ALTER TABLE custom_emojis ADD COLUMN image_key TEXT;
ALTER TABLE custom_emojis ADD COLUMN static_key TEXT;
CREATE INDEX custom_emojis_image_key ON custom_emojis (image_key);
CREATE INDEX custom_emojis_static_key ON custom_emojis (static_key);
`;
