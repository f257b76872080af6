// `npm run docs:serve [-- --port 4173]`: serves docs/site on 127.0.0.1.
void import('./site/serve.mjs').then((serve) => serve.main());
