import fs from 'node:fs';
import { figures } from './docs/figures/chapter-13';
for (const [id, f] of Object.entries(figures)) fs.writeFileSync('/tmp/' + id.replace('/', '_') + '.svg', f());
