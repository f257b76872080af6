// `npm run prose:check`: type-checks every ```ts block of the chapter READMEs and runs the
// ```ts run blocks (see scripts/site/prose-check.mts).
void import('./site/prose-check.mjs').then((check) => check.main());
