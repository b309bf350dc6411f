/**
 * Supervision tasks (督办任务, the province's) and on-site checks (现场核查, a city's) as the console
 * works them: the lists, one task, owner and due date, findings, attachments, closing.
 */
import { saveDownload } from './download';
import { accessToken, answer, answerOf, api, apiErrorOf, type JsonAnswer } from './http';

export type WorkedTask = JsonAnswer<'/campaigns/{campaignId}/supervision-tasks', 'get'>['items'][number];
export type WorkedTaskDetail = JsonAnswer<'/campaigns/{campaignId}/supervision-tasks/{taskId}', 'get'>;
type AttachmentStored = JsonAnswer<'/campaigns/{campaignId}/supervision-tasks/{taskId}/attachments', 'post', 201>;

/** Where a task lives: the campaign's supervision tasks, or one city's on-site checks. */
export type TaskScope = { kind: 'supervision'; campaignId: string } | { kind: 'onsite'; campaignId: string; cityCode: string };

export async function listTasks(scope: TaskScope): Promise<WorkedTask[]> {
  if (scope.kind === 'supervision') {
    return (await answer(api.GET('/campaigns/{campaignId}/supervision-tasks', { params: { path: { campaignId: scope.campaignId } } }))).items;
  }
  const path = { campaignId: scope.campaignId, cityCode: scope.cityCode };
  return (await answer(api.GET('/campaigns/{campaignId}/cities/{cityCode}/onsite-checks', { params: { path } }))).items;
}

export function getTask(scope: TaskScope, taskId: number): Promise<WorkedTaskDetail> {
  if (scope.kind === 'supervision') {
    return answer(api.GET('/campaigns/{campaignId}/supervision-tasks/{taskId}', { params: { path: { campaignId: scope.campaignId, taskId } } }));
  }
  const path = { campaignId: scope.campaignId, cityCode: scope.cityCode, taskId };
  return answer(api.GET('/campaigns/{campaignId}/cities/{cityCode}/onsite-checks/{taskId}', { params: { path } }));
}

export function assignOwner(scope: TaskScope, taskId: number, body: { owner: string; dueDate: string }): Promise<WorkedTask> {
  if (scope.kind === 'supervision') {
    return answer(api.PUT('/campaigns/{campaignId}/supervision-tasks/{taskId}/owner', { params: { path: { campaignId: scope.campaignId, taskId } }, body }));
  }
  const path = { campaignId: scope.campaignId, cityCode: scope.cityCode, taskId };
  return answer(api.PUT('/campaigns/{campaignId}/cities/{cityCode}/onsite-checks/{taskId}/owner', { params: { path }, body }));
}

export function recordFindings(scope: TaskScope, taskId: number, findings: string): Promise<WorkedTask> {
  const body = { findings };
  if (scope.kind === 'supervision') {
    return answer(api.PUT('/campaigns/{campaignId}/supervision-tasks/{taskId}/findings', { params: { path: { campaignId: scope.campaignId, taskId } }, body }));
  }
  const path = { campaignId: scope.campaignId, cityCode: scope.cityCode, taskId };
  return answer(api.PUT('/campaigns/{campaignId}/cities/{cityCode}/onsite-checks/{taskId}/findings', { params: { path }, body }));
}

export function closeTask(scope: TaskScope, taskId: number, result: string): Promise<WorkedTask> {
  const body = { result };
  if (scope.kind === 'supervision') {
    return answer(api.POST('/campaigns/{campaignId}/supervision-tasks/{taskId}/closing', { params: { path: { campaignId: scope.campaignId, taskId } }, body }));
  }
  const path = { campaignId: scope.campaignId, cityCode: scope.cityCode, taskId };
  return answer(api.POST('/campaigns/{campaignId}/cities/{cityCode}/onsite-checks/{taskId}/closing', { params: { path }, body }));
}

const taskPath = (scope: TaskScope, taskId: number) =>
  scope.kind === 'supervision'
    ? `/campaigns/${encodeURIComponent(scope.campaignId)}/supervision-tasks/${taskId}`
    : `/campaigns/${encodeURIComponent(scope.campaignId)}/cities/${scope.cityCode}/onsite-checks/${taskId}`;

/** Sends the file as the body: the API reads its type from the bytes, whatever the browser claims. */
export async function uploadAttachment(scope: TaskScope, taskId: number, file: File): Promise<AttachmentStored> {
  const token = await accessToken();
  const res = await fetch(`${taskPath(scope, taskId)}/attachments?${new URLSearchParams({ fileName: file.name })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: file,
  });
  const body: unknown = await res.json().catch(() => undefined);
  if (res.status !== 201) throw apiErrorOf(res.status, res.statusText, body);
  return body as AttachmentStored;
}

export async function downloadAttachment(scope: TaskScope, taskId: number, attachmentId: string, fileName: string): Promise<void> {
  const outcome =
    scope.kind === 'supervision'
      ? await api.GET('/campaigns/{campaignId}/supervision-tasks/{taskId}/attachments/{attachmentId}', {
          params: { path: { campaignId: scope.campaignId, taskId, attachmentId } },
          parseAs: 'blob',
        })
      : await api.GET('/campaigns/{campaignId}/cities/{cityCode}/onsite-checks/{taskId}/attachments/{attachmentId}', {
          params: { path: { campaignId: scope.campaignId, cityCode: scope.cityCode, taskId, attachmentId } },
          parseAs: 'blob',
        });
  saveDownload(answerOf(outcome), outcome.response, fileName);
}
