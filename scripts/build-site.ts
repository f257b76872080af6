// `npm run docs`: the site build lives in ESM modules (scripts/site/*.mts) because its
// dependencies (shiki, typedoc, the markdown-it plugins) are ESM only.
void import('./site/build.mjs').then((build) => build.main());
