/**
 * Data imports as the coordinator runs them: upload a file of one source (POST /imports answers
 * 202 once the file is stored), follow the worker's import (GET /imports/jobs/{id}), list the
 * batches, and download a batch's rejected rows and warnings.
 */
import type { SourceName } from '../../../domain/sourceName';
import { saveDownload, downloadReportFile } from './download';
import { accessToken, answer, answerOf, api, apiErrorOf, type JsonAnswer } from './http';

export type Batch = JsonAnswer<'/imports', 'get'>['items'][number];
export type ImportJob = JsonAnswer<'/imports/jobs/{importId}', 'get'>;
type ImportAccepted = JsonAnswer<'/imports', 'post', 202>;

export async function listBatches(): Promise<Batch[]> {
  return (await answer(api.GET('/imports', { params: { query: { pageSize: 200 } } }))).items;
}

export function getImportJob(importId: string): Promise<ImportJob> {
  return answer(api.GET('/imports/jobs/{importId}', { params: { path: { importId } } }));
}

/** The media type the API reads the file as, from its name. */
function contentTypeOf(fileName: string): string {
  if (/\.xlsx$/i.test(fileName)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (/\.csv$/i.test(fileName)) return 'text/csv';
  return 'application/octet-stream';
}

/**
 * Sends the file with XMLHttpRequest: fetch cannot report upload progress, and a provincial file
 * of a few hundred megabytes takes a while on a government network. Resolves with the API's 202
 * answer (the import is then the worker's: follow it with getImportJob).
 */
export async function uploadFile(source: SourceName, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<ImportAccepted> {
  const token = await accessToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/imports?${new URLSearchParams({ source, fileName: file.name })}`);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', contentTypeOf(file.name));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      if (xhr.status === 202) {
        const accepted: ImportAccepted = xhr.response;
        resolve(accepted);
      } else reject(apiErrorOf(xhr.status, xhr.statusText, xhr.response));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

export async function downloadIssues(batchId: number): Promise<void> {
  const outcome = await api.GET('/imports/{batchId}/issues.csv', { params: { path: { batchId } }, parseAs: 'blob' });
  saveDownload(answerOf(outcome), outcome.response, `batch-${batchId}-issues.csv`);
}

/** A produced report (a submitted 汇总表, the 通报) under its Chinese name; a masked copy when the role is not entitled to the full one. */
export const downloadReport = downloadReportFile;
