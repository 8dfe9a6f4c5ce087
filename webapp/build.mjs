// Bundles the web modeler (into the jar's static/modeler/, given by --out) and the Camunda Modeler plugin
// (into ../modeler-plugins/replyflow/dist/) with esbuild from npm: no download at build time.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const out = resolve(process.argv.find(arg => arg.startsWith('--out='))?.slice(6) || 'dist/modeler');
const common = { bundle: true, minify: true, sourcemap: false, target: 'es2022', logLevel: 'warning',
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' } };

mkdirSync(out, { recursive: true });
await build({ ...common, entryPoints: [ 'src/app.js' ], outfile: `${out}/app.js`, format: 'iife' });
cpSync('src/index.html', `${out}/index.html`);
// the Campaigns page, a sibling of the modeler with the same sign-in: /modeler/campaigns.html
await build({ ...common, entryPoints: [ 'src/campaigns/campaigns.js' ], outfile: `${out}/campaigns.js`, format: 'iife' });
cpSync('src/campaigns/campaigns.html', `${out}/campaigns.html`);
cpSync('src/campaigns/campaigns.css', `${out}/campaigns.css`);

const plugin = resolve('../modeler-plugins/replyflow');
await build({ ...common, entryPoints: [ `${plugin}/client/index.js` ], outfile: `${plugin}/dist/client.js`, format: 'iife',
  nodePaths: [ resolve('node_modules') ] }); // the plugin's sources import webapp's packages
console.log(`Built the web modeler into ${out} and the Camunda Modeler plugin into ${plugin}/dist`);
