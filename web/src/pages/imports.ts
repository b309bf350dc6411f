/**
 * Data imports: pick the source and the file, watch the upload's progress, then the batch's
 * counts — rows imported, rejected, warned — with the issues list to download.
 */
import { SOURCE_NAMES } from '../../../domain/campaignConfig';
import { createSnapshot, downloadIssues, listBatches, uploadFile, type Batch } from '../api/intake';
import { errorText, formatInstant } from '../components/feedback';
import { field, h, onSubmit } from '../dom';
import { t, tv } from '../labels';
import type { PageContext } from '../router';

/** `CSV · GB18030`, `XLSX`: how the importer read the file (format, and a CSV file's encoding). */
function howRead(b: Batch): string {
  if (!b.format) return '';
  const encoding = b.encoding === 'gb18030' ? 'GB18030' : b.encoding === 'utf-8' ? 'UTF-8' : '';
  return [b.format.toUpperCase(), encoding].filter(Boolean).join(' · ');
}

function batchRow(b: Batch, picked: Set<number>): HTMLElement {
  const issues = (b.rowsRejected ?? 0) + (b.rowsWarned ?? 0);
  const box = h('input', { type: 'checkbox', 'aria-label': `${t('makeSnapshot')} #${b.batchId}`, disabled: b.status !== 'completed' });
  box.addEventListener('change', () => (box.checked ? picked.add(b.batchId) : picked.delete(b.batchId)));
  return h(
    'tr',
    {},
    h('td', {}, box),
    h('td', { class: 'num' }, String(b.batchId)),
    h('td', {}, tv('source', b.source)),
    h('td', {}, b.fileName ?? ''),
    h('td', {}, howRead(b)),
    h('td', {}, b.error ? h('span', { class: 'badge danger', title: b.error }, tv('batch', b.status)) : tv('batch', b.status)),
    h('td', { class: 'num' }, String(b.rowsTotal ?? '')),
    h('td', { class: 'num' }, String(b.rowsAccepted ?? '')),
    h('td', { class: 'num' }, String(b.rowsRejected ?? '')),
    h('td', { class: 'num' }, String(b.rowsWarned ?? '')),
    h('td', {}, formatInstant(b.finishedAt ?? b.startedAt)),
    h('td', {}, issues > 0 ? h('button', { type: 'button', onclick: () => void downloadIssues(b.batchId) }, t('downloadIssues')) : ''),
  );
}

export async function renderImports(ctx: PageContext): Promise<HTMLElement> {
  const batches = await listBatches();
  const picked = new Set<number>();
  const snapLabel = h('input', { type: 'text', value: `snapshot-${new Date().toISOString().slice(0, 10)}` });
  const snapStatus = h('p', { role: 'status', 'aria-live': 'polite' });
  const snapForm = h(
    'form',
    { class: 'inline snapshot' },
    field(t('snapshotLabel'), snapLabel).wrap,
    h('button', { type: 'submit', class: 'primary' }, t('makeSnapshot')),
    snapStatus,
  );
  onSubmit(snapForm, async (e) => {
    e.preventDefault();
    if (picked.size === 0) return void (snapStatus.textContent = t('chooseBatches'));
    try {
      const r = await createSnapshot(snapLabel.value.trim() || 'snapshot', [...picked]);
      snapStatus.textContent = '';
      snapStatus.append(`${t('snapshotMade')} ${r.snapshotId} · `, h('a', { href: `#/campaigns/new?snapshot=${r.snapshotId}` }, t('navLaunch')));
    } catch (err) {
      snapStatus.textContent = errorText(err);
    }
  });
  const source = h(
    'select',
    { name: 'source', required: true },
    SOURCE_NAMES.map((s) => h('option', { value: s }, tv('source', s))),
  );
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.xlsx,text/csv', required: true });
  const progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': t('uploading') });
  const status = h('p', { role: 'status', 'aria-live': 'polite' });
  const result = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, t('upload'));
  const form = h(
    'form',
    { class: 'upload panel', 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title' }, t('upload')),
    h('div', { class: 'inline' }, field(t('source'), source).wrap, field(t('file'), file, 'CSV / XLSX').wrap),
    submit,
    progress,
    status,
    result,
  );
  onSubmit(form, async (e) => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f) return file.focus();
    const sourceName = SOURCE_NAMES.find((s) => s === source.value);
    if (!sourceName) return source.focus();
    submit.disabled = true;
    progress.hidden = false;
    status.textContent = t('uploading');
    try {
      const b = await uploadFile(sourceName, f, (x) => {
        progress.value = x;
        // Once the bytes are sent the server is importing: say so rather than sit at 100 %.
        status.textContent = x < 1 ? `${t('uploading')} ${Math.round(x * 100)}%` : `${t('importStatus')}…`;
      });
      // The upload answers once the import is done.
      status.textContent = `${t('importStatus')}：${tv('batch', 'completed')} · ${t('rowsImported')} ${b.rowsAccepted} · ${t('rowsRejected')} ${b.rowsRejected} · ${t('rowsWarned')} ${b.rowsWarned}`;
      ctx.announce(status.textContent);
      ctx.navigate(`#/imports?batch=${b.batchId}`);
    } catch (err) {
      status.textContent = errorText(err);
    } finally {
      submit.disabled = false;
      progress.hidden = true;
    }
  });
  return h(
    'div',
    {},
    h('h1', {}, t('importsTitle')),
    form,
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, t('importStatus')),
      h(
        'table',
        { class: 'grid compact' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              '',
              '#',
              t('source'),
              t('file'),
              t('fileFormat'),
              t('importStatus'),
              t('rowsTotal'),
              t('rowsImported'),
              t('rowsRejected'),
              t('rowsWarned'),
              t('importedAt'),
              '',
            ].map((x) => h('th', { scope: 'col' }, x)),
          ),
        ),
        h(
          'tbody',
          {},
          batches.map((b) => batchRow(b, picked)),
        ),
      ),
      snapForm,
    ),
  );
}
