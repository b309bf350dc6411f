/**
 * The three routes any attachment owner gets (upload, list, download) over the one attachment store:
 * a case's evidence files use them (caseAttachmentRoutes.ts), and a complaint's can with
 * `registerOwnerAttachmentRoutes(app, ctx, { base: '/campaigns/:campaignId/cities/:cityCode/complaints/:complaintId', … })`.
 * The owner's access is the route's `access` plus `ownerOf`, which answers the owner (throwing a
 * Problem when the path names none the caller may reach); every refusal of the store (413, 415,
 * 422) names the file in Chinese.
 */
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { AttachmentOwner } from '../../domain/attachmentOwner';
import { plainText } from '../../domain/text';
import type { Access } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import {
  ATTACHMENT_UPLOAD_TYPES,
  AttachmentId,
  AttachmentInfo,
  attachmentInfo,
  BinaryFile,
  receiveAttachment,
  sendAttachment,
  UPLOAD_DESCRIPTION,
} from './attachmentUpload';
import type { RouteContext, ZodApp } from './context';

export interface OwnerAttachmentRoutes<P extends z.ZodObject> {
  /** The owner's path; the routes are `${base}/attachments` and `${base}/attachments/:attachmentId`. */
  base: string;
  params: P;
  /** Who may call (roles, city scope) and the audit's action prefix (`case` → case.attachment_upload). */
  access: Access;
  action: string;
  tags: string[];
  /** The owner in English for the API document, and in Chinese for a 404 (该案件没有附件 …). */
  what: string;
  whatZh: string;
  /** The owner the path names, after the caller's access to it is checked. */
  ownerOf(params: z.infer<P>): AttachmentOwner | Promise<AttachmentOwner>;
}

export async function registerOwnerAttachmentRoutes<P extends z.ZodObject>(app: ZodApp, ctx: RouteContext, r: OwnerAttachmentRoutes<P>): Promise<void> {
  const limitBytes = ctx.settings.GZ_ATTACHMENT_LIMIT_MB * 1024 * 1024;
  const params = r.params as z.ZodObject;
  const ownerOf = (p: unknown) => r.ownerOf(p as z.infer<P>);

  app.get(
    `${r.base}/attachments`,
    {
      config: { action: `${r.action}.attachment_list`, access: r.access, audit: true },
      schema: {
        summary: `A ${r.what}’s attachments (name, type read from the content, size, SHA-256, who added them, when), oldest first`,
        tags: r.tags,
        params,
        response: { 200: z.object({ items: z.array(AttachmentInfo), limitBytes: z.number().int() }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({ items: (await ctx.attachments.list(await ownerOf(req.params))).map(attachmentInfo), limitBytes }),
  );

  app.get(
    `${r.base}/attachments/:attachmentId`,
    {
      config: { action: `${r.action}.attachment_download`, access: r.access, audit: true },
      schema: {
        summary: `Download one attachment of the ${r.what} (its SHA-256 in the x-content-sha256 header)`,
        tags: r.tags,
        params: params.extend({ attachmentId: AttachmentId }),
        response: {
          200: { description: 'The file, with the content type its bytes showed at upload', content: { 'application/octet-stream': { schema: BinaryFile } } },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (req, reply) => {
      const { attachmentId } = req.params as { attachmentId: string };
      const found = await ctx.attachments.open(await ownerOf(req.params), attachmentId);
      if (!found) throw new Problem('not_found', `该${r.whatZh}没有附件 ${attachmentId}`);
      req.auditDetail = { attachment: attachmentId, sha256: found.sha256 };
      return sendAttachment(reply, found);
    },
  );

  // Uploads arrive as streams; only this scope accepts file content types.
  await app.register(async (scope: ZodApp) => {
    scope.addContentTypeParser(ATTACHMENT_UPLOAD_TYPES, (_req, payload, done) => done(null, payload));
    scope.post(
      `${r.base}/attachments`,
      {
        // Fastify refuses a declared length over this before the handler; up to it, the upload's own count refuses in Chinese.
        bodyLimit: 2 * limitBytes,
        config: { action: `${r.action}.attachment_upload`, access: r.access, audit: true },
        schema: {
          summary: `Add an attachment to the ${r.what} (PDF, PNG, JPEG, DOCX, XLSX, typed by its content)`,
          description: UPLOAD_DESCRIPTION,
          tags: r.tags,
          params,
          querystring: z.object({ fileName: plainText({ min: 1, max: 200, trim: true }).optional() }),
          consumes: ATTACHMENT_UPLOAD_TYPES,
          response: {
            201: AttachmentInfo.extend({ created: z.boolean().describe('false: the same file was already attached; this is that attachment') }),
            ...problemResponses(400, 401, 403, 404, 413, 415, 422),
          },
        },
      },
      async (req, reply) => {
        const owner = await ownerOf(req.params);
        const file = await receiveAttachment(req.body as Readable, req.headers, { fileName: req.query.fileName, limitBytes });
        const stored = await ctx.attachments.add(owner, { ...file, addedBy: req.principal!.userId });
        // No file name in the audit detail: officers name files after persons.
        req.auditDetail = {
          attachment: stored.attachmentId,
          sha256: stored.sha256,
          size: stored.size,
          contentType: stored.contentType,
          created: stored.created,
        };
        return reply.code(201).send({ ...attachmentInfo(stored), created: stored.created });
      },
    );
  });
}
