import { paraboloid, writeCsv, parseCsv } from '@tessera/datasets';
let t = performance.now();
const ds = paraboloid({ n: 20000, seed: 1 }); console.log('gen', performance.now() - t); t = performance.now();
const text = writeCsv(ds); console.log('write', performance.now() - t, text.length); t = performance.now();
parseCsv(text); console.log('parse', performance.now() - t);
