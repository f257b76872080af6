/// <reference lib="dom" />
/**
 * "Try it" on a chapter page (lab/page.js, a module script of a few KB). Under every exercise
 * heading it puts a button and the task's last verdict; the editor (lab/editor.js), the chapter's
 * manifest and its test bundles load only when the learner opens one. "Run tests" starts a fresh
 * worker (lab/worker.js) and stops it when a test runs past the limit.
 */
import type { LabManifest } from './lab-bundle.mjs';
import type { LabEditor } from './editor';
import type { LabRequest, LabResponse } from './protocol';
import { backupOf, resetFile, saveFile, saveStatus, savedFile, savedStatus } from './storage';

/** Seconds one test may run before the worker is stopped (the terminal's hang limit is 10 s). */
const LIMIT_SECONDS = 6;

const chapterId = /(chapter-\d+)\.html$/.exec(location.pathname)?.[1];
// The lab's folder, from this script's own address (the page may sit under any path of a host).
const here = new URL('.', document.querySelector<HTMLScriptElement>('script[src$="lab/page.js"]')?.src ?? new URL('lab/', location.href).href);

let manifest: Promise<LabManifest> | undefined;
const loadManifest = (id: string): Promise<LabManifest> =>
  (manifest ??= fetch(new URL(`${id}.json`, here)).then((response) => {
    if (!response.ok) throw new Error(`lab: cannot load ${id}.json (${response.status})`);
    return response.json() as Promise<LabManifest>;
  }));

let editorModule: Promise<typeof import('./editor')> | undefined;
const loadEditor = (): Promise<typeof import('./editor')> => (editorModule ??= import(new URL('editor.js', here).href) as Promise<typeof import('./editor')>);

const STATUS_LABEL: Record<string, string> = { done: 'done', failing: 'failing', 'not started': 'not started', hang: 'stopped', 'does not compile': 'does not compile', 'could not run': 'could not run', waiting: 'waiting' };

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function showStatus(badge: HTMLElement, status: string | null): void {
  badge.textContent = status === null ? '' : STATUS_LABEL[status] ?? status;
  badge.dataset.status = status ?? '';
  badge.hidden = status === null;
}

/** The text of a learner file: the saved edit, else the stub. */
const fileText = (lab: LabManifest, file: string): string => savedFile(localStorage, lab.chapter.id, file)?.code ?? lab.stubs[file];

/** The line to open the editor on: the task's solution region, else its function. */
function taskLine(text: string, taskId: string, name: string): number {
  const lines = text.split('\n');
  const region = lines.findIndex((line) => line.includes(`#region solution ${taskId}`));
  if (region >= 0) return region + 2;
  const declared = lines.findIndex((line) => new RegExp(`\\b${name}\\s*[(<=]`).test(line));
  return declared >= 0 ? declared + 1 : 1;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = element('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Only one editor per file is open, so two panels never hold different versions of it. */
const openPanels = new Map<string, () => void>();

async function openPanel(container: HTMLElement, taskId: string, badge: HTMLElement, button: HTMLButtonElement): Promise<void> {
  if (chapterId === undefined) return;
  button.disabled = true;
  const [lab, editorApi] = await Promise.all([loadManifest(chapterId), loadEditor()]);
  const task = lab.chapter.tasks.find((candidate) => candidate.id === taskId);
  if (task === undefined) throw new Error(`lab: ${taskId} is not in ${chapterId}.json`);
  openPanels.get(task.file)?.();
  const panel = element('div', { class: 'lab-panel', 'data-task': taskId });
  const testsOfTask = lab.tests.filter((test) => test.tasks.includes(taskId));
  const runnable = testsOfTask.filter((test) => test.bundle !== null);
  const localOnly = testsOfTask.filter((test) => test.localOnly !== null);
  const command = `npm test ${lab.chapter.id} -- -t ${taskId}`;
  const toolbar = element('div', { class: 'lab-toolbar' });
  const run = element('button', { type: 'button', class: 'lab-run' }, 'Run tests');
  const reset = element('button', { type: 'button', class: 'lab-reset' }, 'Reset to stub');
  const save = element('button', { type: 'button', class: 'lab-download' }, `Download ${task.file}`);
  const fileLabel = element('span', { class: 'lab-file' }, `chapters/${lab.chapter.id}/${task.file}`);
  toolbar.append(run, reset, save, fileLabel);
  const host = element('div', { class: 'lab-editor' });
  const output = element('pre', { class: 'lab-output', 'aria-live': 'polite' });
  const note = element('p', { class: 'lab-note' });
  const withData = runnable.filter((test) => (test.datasets ?? []).length > 0);
  const dataNote =
    withData.length === 0
      ? ''
      : ` Some tests in ${withData.map((test) => test.file).join(', ')} read ${[...new Set(withData.flatMap((test) => test.datasets ?? []))].join(' and ')} from disk, which a browser cannot: if this exercise's do, the result says so, and ${command} runs them on your machine.`;
  note.textContent =
    localOnly.length > 0
      ? `Some tests of this exercise run only on your machine (${localOnly.map((test) => `${test.file}: ${test.localOnly}`).join('; ')}): ${command}`
      : `${dataNote.trim()}${dataNote ? ' ' : ''}Runs the tests of ${testsOfTask.map((test) => test.file).join(', ')} against this file, with the reference solutions for every other task. Your edits stay in this browser; download the file into chapters/${lab.chapter.id}/ to carry on locally with ${command}.`;
  if (runnable.length === 0) run.disabled = true;
  panel.append(toolbar, host, output, note);
  container.append(panel);
  const editor: LabEditor = editorApi.createEditor(
    host,
    fileText(lab, task.file),
    (text) => saveFile(localStorage, lab.chapter.id, task.file, text),
    `chapters/${lab.chapter.id}/${task.file}, exercise ${taskId}`,
  );
  editor.reveal(taskLine(editor.text(), taskId, task.name));
  const close = (): void => {
    panel.remove();
    openPanels.delete(task.file);
    button.disabled = false;
    button.setAttribute('aria-expanded', 'false');
  };
  openPanels.set(task.file, close);
  button.disabled = false;
  button.setAttribute('aria-expanded', 'true');
  button.onclick = () => (panel.isConnected ? close() : void openPanel(container, taskId, badge, button));

  save.onclick = () => download(task.file, editor.text());
  reset.onclick = () => {
    const fileTasks = lab.chapter.tasks.filter((candidate) => candidate.file === task.file).map((candidate) => candidate.id);
    resetFile(localStorage, lab.chapter.id, task.file, fileTasks);
    editor.setText(lab.stubs[task.file]);
    // setText counts as an edit; the stub is not the learner's work.
    resetFile(localStorage, lab.chapter.id, task.file, []);
    const backup = backupOf(localStorage, lab.chapter.id, task.file);
    output.textContent = backup ? `Reset to the stub. Your previous version is kept: "Download copy" saves it.` : 'Reset to the stub.';
    if (backup) {
      const copy = element('button', { type: 'button', class: 'lab-backup' }, 'Download copy');
      copy.onclick = () => download(task.file.replace(/\.ts$/, '.backup.ts'), backup.code);
      output.append('\n', copy);
    }
    for (const id of fileTasks) document.querySelectorAll<HTMLElement>(`.lab-status[data-task="${id}"]`).forEach((node) => showStatus(node, null));
  };
  run.onclick = () => {
    run.disabled = true;
    output.textContent = 'Running the tests…';
    output.dataset.status = 'running';
    const files = Object.fromEntries(Object.keys(lab.stubs).map((file) => [file, file === task.file ? editor.text() : fileText(lab, file)]));
    const request: LabRequest = {
      chapter: lab.chapter,
      task: taskId,
      files,
      bundles: runnable.map((test) => ({ file: test.file, url: new URL(`../${test.bundle ?? ''}`, here).href })),
      limitSeconds: LIMIT_SECONDS,
    };
    runTests(request, (message) => {
      output.textContent = message.text;
      output.dataset.status = message.status ?? 'running';
      if (message.status !== undefined) {
        run.disabled = false;
        saveStatus(localStorage, taskId, message.status);
        showStatus(badge, message.status);
      }
    });
  };
}

/** Runs one request in a fresh worker; `report` gets the text to show and, at the end, the status. */
function runTests(request: LabRequest, report: (message: { text: string; status?: string }) => void): void {
  const worker = new Worker(new URL('worker.js', here));
  let hangLines: readonly string[] = [`did not finish in ${request.limitSeconds} s: an endless loop?`];
  let current = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      worker.terminate();
      report({ text: [...hangLines, '', current ? `Stopped in: ${current}` : '', 'Look for a loop whose condition never changes.'].join('\n').trim(), status: 'hang' });
    }, request.limitSeconds * 1000);
  };
  worker.onmessage = (event: MessageEvent<LabResponse>) => {
    const message = event.data;
    if (message.type === 'ready') {
      hangLines = message.hangLines;
    } else if (message.type === 'test') {
      current = message.name;
      report({ text: `Running test ${message.index + 1} of ${message.total}: ${message.name}` });
      arm();
    } else if (message.type === 'done') {
      clearTimeout(timer);
      worker.terminate();
      const failures = message.failures.map((failure) => `● ${failure.name}\n\n${indent(failure.message)}`);
      const summary = [...message.lines, '', `(${(message.milliseconds / 1000).toFixed(1)} s in your browser)`].join('\n');
      report({ text: [...failures, summary].join('\n\n'), status: message.status });
    } else {
      clearTimeout(timer);
      worker.terminate();
      report({ text: `The test runner failed: ${message.message}`, status: 'could not run' });
    }
  };
  worker.onerror = (event) => {
    clearTimeout(timer);
    worker.terminate();
    report({ text: `The test runner failed: ${event.message}`, status: 'could not run' });
  };
  arm();
  worker.postMessage(request);
}

const indent = (text: string): string => text.split('\n').map((line) => `    ${line}`).join('\n');

function addTryIt(): void {
  if (chapterId === undefined) return;
  for (const heading of document.querySelectorAll<HTMLHeadingElement>('h3[id^="exercise-"]')) {
    const taskId = heading.id.replace(/^exercise-/, '').replace('-', '.');
    const container = element('div', { class: 'lab' });
    const button = element('button', { type: 'button', class: 'lab-try', 'aria-expanded': 'false' }, 'Try it');
    const badge = element('span', { class: 'lab-status', 'data-task': taskId });
    showStatus(badge, savedStatus(localStorage, taskId)?.status ?? null);
    button.onclick = () => {
      openPanel(container, taskId, badge, button).catch((error: unknown) => {
        button.disabled = false;
        container.append(element('p', { class: 'lab-note' }, `Could not open the editor: ${(error as Error).message}`));
      });
    };
    container.append(button, badge);
    heading.after(container);
  }
}

/** Live demos: the page's chapter, the heading whose section ends with it, and the module that draws it. */
const DEMOS: Record<string, { heading: string; module: string }> = {
  'chapter-04': { heading: 'introducing-alpha', module: 'demo-alpha.js' },
  'chapter-06': { heading: 'building-a-network-and-learning-the-whole-dataset', module: 'demo-streetlights.js' },
  'chapter-08': { heading: 'dropout-on-mnist', module: 'demo-mnist.js' },
  'chapter-10': { heading: 'the-convolutional-layer', module: 'demo-conv.js' },
};

function addDemo(): void {
  const demo = chapterId === undefined ? undefined : DEMOS[chapterId];
  const heading = demo === undefined ? null : document.getElementById(demo.heading);
  if (demo === undefined || heading === null) return;
  // At the end of the heading's section, before the next heading of its level or above.
  let end: Element | null = heading.nextElementSibling;
  while (end !== null && !/^H[1-3]$/.test(end.tagName)) end = end.nextElementSibling;
  const container = element('div', { class: 'lab-demo-host' });
  heading.parentElement?.insertBefore(container, end);
  (import(new URL(demo.module, here).href) as Promise<{ mount: (host: HTMLElement, lab: URL) => void }>)
    .then((module) => module.mount(container, here))
    .catch((error: unknown) => container.append(element('p', { class: 'lab-note' }, `The demo could not load: ${(error as Error).message}`)));
}

addTryIt();
addDemo();
