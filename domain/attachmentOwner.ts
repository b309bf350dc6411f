/**
 * What an attachment (evidence file) belongs to: one owner kind and the owner's id, as the one
 * attachment store (services/attachments/) keeps them. The id is the owner's own key as text: a
 * case's case_id, a complaint's id, a supervision task's or on-site check's number, a penalty
 * procedure's procedure_id.
 */
import { z } from 'zod';
import type { TaskKind } from './workedTask';

export const ATTACHMENT_OWNER_KINDS = ['case', 'complaint', 'supervision_task', 'onsite_check', 'procedure'] as const;
export const AttachmentOwnerKind = z.enum(ATTACHMENT_OWNER_KINDS);
export type AttachmentOwnerKind = z.infer<typeof AttachmentOwnerKind>;

export interface AttachmentOwner {
  kind: AttachmentOwnerKind;
  id: string;
}

/** Where an attachment's bytes are: the backend that stored them (the setting may change later; old files stay readable where they are). */
export const ATTACHMENT_BACKENDS = ['postgres', 'filesystem', 's3'] as const;
export type AttachmentBackendName = (typeof ATTACHMENT_BACKENDS)[number];

/** A worked task's attachments: their owner kind (the owner id is the task's number). */
export const TASK_ATTACHMENT_OWNER: Record<TaskKind, AttachmentOwnerKind> = { supervision: 'supervision_task', onsite: 'onsite_check' };
