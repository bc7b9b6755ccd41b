/**
 * Finds a Chromium for the e2e tests and the benchmarks, so that `npm install && npm test`
 * works on a machine with no browser installed:
 * 1. `CHROMIUM_PATH`, when set (it must exist; `packaged` means step 3 directly);
 * 2. a system Chromium or Chrome (Debian's `chromium`, Ubuntu's `chromium-browser`, Google
 *    Chrome), the first of SYSTEM_BROWSERS that exists;
 * 3. the Chromium that the npm package `@sparticuz/chromium` ships inside itself (a headless
 *    build with the few libraries it needs, unpacked once into a cache folder): a devDependency,
 *    so `npm install` brings it from the npm registry like any other package; nothing is
 *    downloaded from anywhere else.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Chromium flags for this sandbox: no GPU, no sandbox (root), no background network. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/opt/google/chrome/chrome'];

export interface FoundBrowser {
  /** What to launch. */
  executablePath: string;
  /** Flags to launch it with. */
  args: string[];
  /** Environment for the browser process (the packaged one needs its libraries on LD_LIBRARY_PATH). */
  env?: Record<string, string>;
  /** Where it came from, for the log line. */
  source: string;
}

/** The packaged Chromium, unpacked (once) into a folder of its own. */
async function packaged(): Promise<FoundBrowser | null> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  } catch {
    return null;
  }
  const { default: sparticuz, inflate } = await import('@sparticuz/chromium');
  const bin = join(dirname(entry), '..', 'bin');
  // inflate() writes into os.tmpdir(): give it a folder of ours, so two users or versions do not clash.
  // Its package.json is not in its exports: read it beside the entry point.
  const version = (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  const home = join(tmpdir(), `factmark-chromium-${version}`);
  mkdirSync(home, { recursive: true });
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = home;
  try {
    const executablePath = await sparticuz.executablePath();
    // Its libraries (NSS, NSPR, expat) are only unpacked on Amazon Linux; elsewhere we ask.
    const libs = existsSync(join(home, 'al2023', 'lib')) ? join(home, 'al2023') : await inflate(join(bin, 'al2023.tar.br'));
    // Its fonts.conf looks in /tmp/fonts (Lambda's layout); ours looks where they were unpacked.
    // Without fonts the browser cannot render text at all (it crashes on the first page of the UI).
    const fontsConf = join(home, 'fonts.conf');
    writeFileSync(fontsConf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(home, 'fonts')}</dir>\n  <cachedir>${join(home, 'fonts-cache')}</cachedir>\n</fontconfig>\n`);
    return {
      executablePath,
      // Software GL (SwiftShader, shipped in the package) instead of --disable-gpu: this build needs a GL to start.
      args: [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu' && a !== '--headless'), '--headless=shell', '--no-zygote', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
      env: { LD_LIBRARY_PATH: [join(libs, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'), FONTCONFIG_FILE: fontsConf },
      source: `@sparticuz/chromium ${version} (packaged; no system browser found)`,
    };
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

/**
 * The browser to launch, or an error that says what to do.
 *
 * @example const b = await findChromium(); await chromium.launch({ executablePath: b.executablePath, args: b.args, env: { ...process.env, ...b.env } });
 */
export async function findChromium(): Promise<FoundBrowser> {
  const wanted = process.env.CHROMIUM_PATH;
  // `CHROMIUM_PATH=packaged` skips the system browsers (to test what a machine without one gets).
  if (wanted === 'packaged') {
    const found = await packaged();
    if (found) return found;
  }
  if (wanted && wanted !== 'packaged') {
    if (!existsSync(wanted)) throw new Error(`CHROMIUM_PATH is ${wanted}, which does not exist.`);
    return { executablePath: wanted, args: CHROMIUM_ARGS, source: `CHROMIUM_PATH=${wanted}` };
  }
  const system = SYSTEM_BROWSERS.find((p) => existsSync(p));
  if (system) return { executablePath: system, args: CHROMIUM_ARGS, source: system };
  const found = await packaged();
  if (found) return found;
  throw new Error(
    'No Chromium found for the browser tests: none of ' + SYSTEM_BROWSERS.join(', ') + ' exists, CHROMIUM_PATH is not set, ' +
      'and the packaged one (@sparticuz/chromium, a devDependency) is not installed. Run `npm install`, or install one ' +
      '(Debian: `apt-get install chromium`) or set CHROMIUM_PATH.',
  );
}
