// Lint rules, including the import direction from docs/architecture.md:
// api | federation | streaming | web | cli | jobs -> domain -> db -> core | config.
import tseslint from 'typescript-eslint';

const outer = ['api', 'federation', 'streaming', 'web', 'cli', 'jobs'];
const folder = (name) => [`**/${name}/**`, `../${name}/**`, `./${name}/**`];

/** A rule block forbidding `files` to import any of the named top-level folders. */
function forbid(files, names, why) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: [...names.flatMap(folder), '**/app.ts'], message: why }],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  forbid(
    ['src/core/**'],
    ['config', 'db', 'domain', 'media', 'mail', ...outer],
    'core/ is the innermost layer and imports nothing else of Woolly.',
  ),
  forbid(
    ['src/config/**'],
    ['db', 'domain', 'media', 'mail', ...outer],
    'config/ may import only core/.',
  ),
  forbid(
    ['src/db/**'],
    ['domain', 'media', 'mail', ...outer],
    'db/ may import only core/ and config/.',
  ),
  forbid(
    ['src/domain/**'],
    ['media', 'mail', ...outer],
    'domain/ never imports api, federation, web, streaming, cli, jobs or adapters; define a port instead.',
  ),
  forbid(
    ['src/media/**', 'src/mail/**'],
    outer,
    'adapters (media/, mail/) implement domain ports and never import the outer layers.',
  ),
  ...outer.map((name) =>
    forbid(
      [`src/${name}/**`],
      outer.filter((other) => other !== name),
      `${name}/ is an outer layer: it talks to domain/, not to another outer layer (wire them in app.ts).`,
    ),
  ),
  {
    // The CLI is the one outer layer that starts the whole program.
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: outer.filter((n) => n !== 'cli').flatMap(folder),
              message: 'cli/ talks to domain services or to the composition root (app.ts).',
            },
          ],
        },
      ],
    },
  },
);
