// Part of `npm run build`: writes dist/catalog-snapshot.json, the built-in catalog as validated
// from policies/, so the CLI starts without parsing the YAML (src/catalog/snapshot.ts).
import { writeBuiltinSnapshot } from '../dist/catalog/load.js';

writeBuiltinSnapshot();
