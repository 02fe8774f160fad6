/**
 * A client that imports three 1.6 actions must ship three actions' validators: bundle such an entry
 * with rollup (from the built package, as an application would consume it) and look for the
 * names and enum strings of actions it did not import.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { beforeAll, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const src = fileURLToPath(new URL('../src/', import.meta.url));

async function bundle(code: string): Promise<string> {
  const esbuild = (await import('rollup-plugin-esbuild')).default;
  const build = await rollup({
    input: 'entry',
    external: (id) => id === 'valibot',
    treeshake: { moduleSideEffects: false },
    plugins: [
      {
        name: 'virtual-entry',
        resolveId: (id) => (id === 'entry' ? id : null),
        load: (id) => (id === 'entry' ? code : null),
      },
      esbuild({ target: 'es2022' }),
    ],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'esm' });
  return output.map((o) => (o.type === 'chunk' ? o.code : '')).join('\n');
}

let from: string;
beforeAll(() => {
  // Prefer the built output (what users bundle); fall back to sources when dist is absent.
  from = existsSync(`${dist}ocpp1.6.js`) ? `${dist}ocpp1.6.js` : `${src}ocpp1.6.ts`;
});

it('three imported 1.6 actions bundle only their own validators', async () => {
  const code = await bundle(
    `import { BootNotification, Heartbeat, StatusNotification } from ${JSON.stringify(from)};\nexport const used = [BootNotification, Heartbeat, StatusNotification];`,
  );
  // present: the three actions
  expect(code).toContain('chargePointVendor'); // BootNotification
  expect(code).toContain('SuspendedEVSE'); // StatusNotification
  // absent: other actions' schemas, names and enum strings
  for (const absent of [
    'MeterValues',
    'Sample.Periodic', // MeterValues/StopTransaction context enum
    'Celcius',
    'RemoteStartTransaction',
    'chargingProfilePurpose', // charging profiles
    'TxDefaultProfile',
    'EVDisconnected', // StopTransaction reason
    'SignedUpdateFirmware',
    'CertificateHashDataType',
    'DiagnosticsStatusNotification',
    'UploadFailed',
  ]) {
    expect(code, absent).not.toContain(absent);
  }
  const all = await bundle(`export { validators } from ${JSON.stringify(from)};`);
  // Unminified bytes; the three-action bundle also carries the fixed runtime (~10 KB of valibot
  // functions), so a fifth of the whole version is out of reach: measured 22.5 KB vs 109.6 KB.
  expect(code.length).toBeLessThan(all.length / 4);
});
