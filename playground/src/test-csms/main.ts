// The "Test a CSMS" page: the CSMS suites of @ocpp-ws-io/scenarios run in this tab, on the page's
// own WebSocket, against a CSMS you name; or, opened from a share link (#report=…), the report it
// carries, read-only, without running anything.
import { runSuite, type SuiteReport } from '@ocpp-ws-io/scenarios';
import { h } from '../dom.js';
import { reportView } from './report-view.js';
import { runForm } from './run-form.js';
import { runView } from './run-view.js';
import { type RunSetup, setupDefaults, suiteOptions } from './setup.js';
import { readSharedReport } from './share.js';
import { SUITES } from './suites.js';
import '../style.css';
import './test-csms.css';

const app = document.querySelector('#app')!;
/** This page without query or fragment: where share links point and "run one yourself" goes. */
const page = new URL(location.pathname, location.origin).href;

function header(): HTMLElement {
  return h(
    'header',
    { class: 'top' },
    h(
      'div',
      {},
      h('h1', {}, 'ocpp-ws-io ', h('span', { class: 'muted' }, 'test a CSMS')),
      h(
        'p',
        { class: 'muted tagline' },
        'The CSMS test cases of @ocpp-ws-io/scenarios (OCTT ids and names), run in your browser against your CSMS.',
      ),
    ),
    h('a', { href: './', class: 'button' }, '← Virtual stations'),
  );
}

/** A report from a link: shown as it is, or why it cannot be. */
async function showShared(): Promise<boolean> {
  const shared = await readSharedReport(location.hash);
  if (shared.kind === 'none') return false;
  const again = h('p', {}, h('a', { href: page }, 'Run a test yourself'));
  const body =
    shared.kind === 'report'
      ? reportView(shared.report, { page, shared: true })
      : h(
          'section',
          { class: 'card', 'aria-labelledby': 'bad-link' },
          h('h2', { id: 'bad-link' }, 'This link’s report cannot be read'),
          h(
            'p',
            { class: 'banner', role: 'alert' },
            `The #report=… part of the address is damaged (cut off when it was copied, or changed): ${shared.problem}`,
          ),
        );
  app.replaceChildren(header(), h('main', { class: 'single' }, body, again));
  return true;
}

function showRunner(): void {
  const live = runView();
  const results = h('div', { class: 'primary-col' });
  let stopper: AbortController | undefined;
  const form = runForm(setupDefaults(location.search), {
    run: (setup, cases) => void run(setup, cases),
    stop: () => stopper?.abort(),
  });

  async function run(setup: RunSetup, cases: string[]): Promise<void> {
    stopper = new AbortController();
    form.setRunning(true);
    // In the order runSuite runs them: the document's.
    const queued = SUITES[setup.protocol].catalogue.filter((e) => cases.includes(e.id));
    live.start(queued.map((e) => ({ id: e.id, name: e.name ?? e.id })));
    results.replaceChildren(live.root);
    let report: SuiteReport;
    try {
      report = await runSuite(
        SUITES[setup.protocol],
        suiteOptions(setup, cases, { onCase: live.onCase, onStep: live.onStep, signal: stopper.signal }),
      );
    } catch (error) {
      // runSuite reports every case's failure itself; this is the page's own fault.
      results.append(
        h('p', { class: 'banner', role: 'alert' }, `The run stopped: ${(error as Error).message}`),
      );
      return;
    } finally {
      form.setRunning(false);
    }
    results.replaceChildren(reportView(report, { page }));
  }

  app.replaceChildren(
    header(),
    h('main', { class: 'layout' }, h('div', { class: 'side' }, form.root), results),
  );
}

// A link opened in this tab changes only the fragment: show what it carries.
addEventListener('hashchange', () => void showShared().then((shown) => shown || showRunner()));
if (!(await showShared())) showRunner();
