// Browser checks of served pages, in Debian's Chromium through playwright-core.
// Reads a JSON job on stdin, writes a JSON report on stdout:
//   {"mode": "check", "base": "http://127.0.0.1:PORT/", "pages": ["/", ...]}
//   {"mode": "screenshots", "base": ..., "pages": [...], "outdir": "DIR",
//    "widths": [375, 1280]}
// "check" runs axe-core (WCAG 2.1 A/AA), looks for horizontal scrolling at
// 320 px and collects Content-Security-Policy violations from the console.
// Called by tools/quality/browser.py; findings are data, not the exit code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CHROMIUM = process.env.VIGIE_CHROMIUM || '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 800 };
const REFLOW_WIDTH = 320;
const CSP_MESSAGE = /Content[ -]Security[ -]Policy/i;

async function readJob() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

// One flat line: reports are printed one finding a line.
function oneLine(text) {
  return String(text).replace(/\s+/g, ' ').trim();
}

// Runs in the page: the outermost elements sticking out past the viewport,
// as short CSS selectors, so the report names the culprit, not its children.
function overflowingElements(limit) {
  const width = document.scrollingElement.clientWidth;
  const sticksOut = (el) => el.getBoundingClientRect().right > width + 0.5;
  const selector = (el) => {
    let text = el.localName;
    if (el.id) return `${text}#${el.id}`;
    for (const name of el.classList) text += `.${name}`;
    return text;
  };
  const path = (el) => {
    const parts = [];
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      parts.unshift(selector(node));
      if (node.id) break;
    }
    return parts.join(' > ');
  };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (found.length >= limit) break;
    if (sticksOut(el) && !(el.parentElement && sticksOut(el.parentElement))) {
      found.push(`${path(el)} (${Math.round(el.getBoundingClientRect().width)} px)`);
    }
  }
  return found;
}

async function checkPage(browser, base, pagePath) {
  const findings = [];
  const add = (gate, rule, target, message) =>
    findings.push({ gate, page: pagePath, rule, target: oneLine(target), message: oneLine(message) });
  const context = await browser.newContext({ viewport: DESKTOP });
  try {
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (CSP_MESSAGE.test(msg.text())) {
        const { url, lineNumber } = msg.location();
        const source = url ? url.replace(new URL(base).origin, '') : pagePath;
        add('csp', 'csp-violation', lineNumber ? `${source}:${lineNumber}` : source, msg.text());
      }
    });
    const response = await page.goto(new URL(pagePath, base).href, { waitUntil: 'load' });
    const status = response ? response.status() : 0;
    // The 404 page is requested by its file name, so it answers 200 too.
    if (status >= 400) add('page', 'http-status', pagePath, `HTTP ${status}`);

    // evaluate() is not subject to the page's CSP, unlike an injected <script>.
    await page.evaluate(AXE_SOURCE);
    // preload: false stops axe fetching the stylesheets again for its CSSOM
    // rules (only the experimental css-orientation-lock needs it): that fetch
    // is what a strict connect-src blocks, a CSP violation of axe's own.
    const axe = await page.evaluate(
      (tags) =>
        window.axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
          preload: false,
        }),
      AXE_TAGS,
    );
    for (const violation of axe.violations) {
      for (const node of violation.nodes) {
        add('axe', violation.id, node.target.join(' '), `${violation.help} (${violation.impact})`);
      }
    }

    await page.setViewportSize({ width: REFLOW_WIDTH, height: DESKTOP.height });
    const widths = await page.evaluate(() => ({
      scroll: document.scrollingElement.scrollWidth,
      client: document.scrollingElement.clientWidth,
    }));
    if (widths.scroll > widths.client) {
      const culprits = await page.evaluate(overflowingElements, 3);
      add(
        'reflow',
        'horizontal-scroll',
        culprits.join(', ') || 'html',
        `page is ${widths.scroll} px wide in a ${widths.client} px viewport`,
      );
    }
  } catch (error) {
    add('page', 'browser-error', pagePath, error.message.split('\n')[0]);
  } finally {
    await context.close();
  }
  return findings;
}

function screenshotName(pagePath, width) {
  const slug = pagePath.replace(/index\.html$|\.html$/, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${slug || 'index'}-${width}.png`;
}

async function screenshotPage(browser, base, pagePath, outdir, widths) {
  const files = [];
  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(new URL(pagePath, base).href, { waitUntil: 'load' });
      const file = join(outdir, screenshotName(pagePath, width));
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
    } finally {
      await context.close();
    }
  }
  return files;
}

async function main() {
  const job = await readJob();
  // launch() gives Chromium a fresh --user-data-dir in the temp folder and
  // deletes it on close (only launchPersistentContext takes a given one).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const report = { browser: browser.version(), findings: [], files: [] };
  try {
    for (const pagePath of job.pages) {
      if (job.mode === 'screenshots') {
        report.files.push(...(await screenshotPage(browser, job.base, pagePath, job.outdir, job.widths)));
      } else {
        report.findings.push(...(await checkPage(browser, job.base, pagePath)));
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
}

await main();
