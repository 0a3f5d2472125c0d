// npm run security: electronegativity over the app's own code, failing on any finding.
// Its CLI is unusable here (it loads whatever `commander` it finds, and ours is too new for it,
// and it never exits non-zero), so this calls its API. It also reaches for the network on every
// run (translations, Electron release lists): the HTTP client is stubbed and the release check,
// which needs it, is left out. A finding that is not real is silenced beside the code with
// `// eng-disable CHECK_ID: why`, never here.
const engine = require.resolve('@doyensec/electronegativity');
const got = require.resolve('got', { paths: [engine] });
require.cache[got] = { id: got, filename: got, loaded: true, exports: () => Promise.reject(new Error('offline')) };

const ours = (file) => file === 'N/A' || /^(electron|renderer)\//.test(file);

require(engine)({
  input: process.cwd(),
  isRelative: true,
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  electronVersionOverride: require('electron/package.json').version,
}).then((report) => {
  const unparsed = report.errors.filter((e) => !e.tolerable && ours(e.file)).map((e) => `cannot parse ${e.file}: ${e.message}`);
  const findings = report.issues.filter((i) => ours(i.file)).map((i) =>
    `${i.id} ${i.severity.name}/${i.confidence.name} ${i.file}:${i.location.line}:${i.location.column}${i.manualReview ? ' (review)' : ''} - ${i.description} ${i.shortenedURL}`);
  const bad = [...unparsed, ...findings];
  console.log(bad.length > 0 ? bad.join('\n') : `electronegativity: no findings (${report.atomicChecks} atomic, ${report.globalChecks} global checks)`);
  process.exitCode = bad.length > 0 ? 1 : 0;
});
