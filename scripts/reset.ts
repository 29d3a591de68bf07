/** `npm run reset`: wipes the local data so the next `npm start` seeds a fresh demo park. */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

const dataDir = resolve(__dirname, '../.data');
rmSync(dataDir, { recursive: true, force: true });
console.log(`removed ${dataDir}; the next npm start creates the table and seeds the demo park again`);
