import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import sharp from 'sharp';
import { accountAssociation, isAccountRequest, UPLOADED_BY } from '../submissions/account';
import { limitSubmissions } from '../submissions/submit';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** Most an uploaded image may weigh. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Most pixels an uploaded image may have (a 48-megapixel phone photo passes), read from its header. */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** The formats accepted, with the extension and type they are stored under. */
const FORMATS = { jpeg: 'jpg', png: 'png', webp: 'webp' } as const;
type Format = keyof typeof FORMATS;
/** What a content-API upload may carry besides its files. */
const BODY_FIELDS = new Set(['fileInfo']);
const FILE_INFO_FIELDS = new Set(['name', 'alternativeText', 'caption']);

interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

const refuse = (field: string, message: string): never => {
  throw new errors.ValidationError(`${field}: ${message}`, {
    errors: [{ path: [field], message: `${field}: ${message}`, name: 'ValidationError' }],
  });
};

const isFormat = (format: string | undefined): format is Format =>
  format !== undefined && Object.hasOwn(FORMATS, format);

/** A file name of letters, digits, dots, dashes and underscores, ending with the real format's extension. */
const safeName = (original: string | null | undefined, format: Format): string => {
  const stem = path
    .parse(original ?? 'image')
    .name.normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .slice(0, 100);
  return `${stem || 'image'}.${FORMATS[format]}`;
};

/**
 * Makes an uploaded file a clean image or refuses it: the header must say JPEG, PNG or WebP and at
 * most MAX_IMAGE_PIXELS (checked before anything is decoded); the whole image is then decoded and
 * encoded again in the same format, which drops whatever was appended or hidden in it (metadata,
 * scripts, a second file), and it is renamed with its real extension. The temporary file is
 * replaced in place, so Strapi's upload stores the clean one.
 */
export const normaliseImage = async (file: UploadedFile): Promise<void> => {
  const label = file.originalFilename ?? 'file';
  if (file.size > MAX_IMAGE_BYTES) refuse(label, 'is larger than 5 MB');
  let format: string | undefined;
  let pixels = 0;
  try {
    const header = await sharp(file.filepath).metadata();
    format = header.format;
    pixels = (header.width ?? 0) * (header.height ?? 0);
  } catch {
    format = undefined;
  }
  if (!isFormat(format))
    refuse(label, 'is not a JPEG, PNG or WebP image (SVG, HTML and other files are refused)');
  const known = format as Format;
  if (pixels > MAX_IMAGE_PIXELS) {
    refuse(label, `has more than ${MAX_IMAGE_PIXELS / 1_000_000} million pixels`);
  }
  const clean = `${file.filepath}.clean`;
  try {
    await sharp(file.filepath, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
      .rotate()
      .toFormat(known)
      .toFile(clean);
  } catch {
    await fs.promises.rm(clean, { force: true });
    refuse(label, `could not be read as a ${known.toUpperCase()} image`);
  }
  await fs.promises.rename(clean, file.filepath);
  file.size = (await fs.promises.stat(file.filepath)).size;
  file.mimetype = `image/${known}`;
  file.originalFilename = safeName(file.originalFilename, known);
};

/** Refuses any body field but `fileInfo` (name, alternative text, caption): no `ref`/`refId` linking. */
const checkBody = (body: unknown): void => {
  if (body === null || typeof body !== 'object') return;
  for (const key of Object.keys(body)) {
    if (!BODY_FIELDS.has(key)) refuse(key, 'may not be sent with an upload');
  }
  const infos = (body as { fileInfo?: unknown }).fileInfo;
  for (const info of Array.isArray(infos) ? infos : [infos]) {
    const parsed: unknown = typeof info === 'string' ? safeJson(info) : info;
    if (parsed === undefined || parsed === null) continue;
    if (typeof parsed !== 'object') refuse('fileInfo', 'must be an object');
    for (const key of Object.keys(parsed)) {
      if (!FILE_INFO_FIELDS.has(key)) refuse(`fileInfo.${key}`, 'may not be sent');
    }
  }
};

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return refuse('fileInfo', 'is not valid JSON');
  }
};

/**
 * The content API's upload route (`POST /api/upload`, attached to that route in
 * src/extensions/upload, so it holds whatever the spelling of the path): new files only (no `?id=`
 * to replace or rename one), images only, each decoded and re-encoded; for an association account,
 * counted in its submission limit, refused once it is no longer linked to an association, and
 * recorded as its own so that only it may attach the file to a submission.
 */
const uploadGuard =
  (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx: Context, next) => {
    if (Object.hasOwn(ctx.query, 'id')) {
      throw new errors.ForbiddenError('Replacing a file is done by the Mission staff in the admin panel.');
    }
    const account = isAccountRequest(ctx) ? (ctx.state.user as { id: number }) : null;
    if (account) {
      await accountAssociation(strapi, ctx);
      await limitSubmissions(strapi, ctx);
    }
    checkBody(ctx.request.body);
    const files = (ctx.request as { files?: Record<string, UploadedFile | UploadedFile[]> }).files ?? {};
    const all = Object.values(files).flat();
    if (all.length === 0) refuse('files', 'no file was sent');
    for (const file of all) await normaliseImage(file);

    await next();

    if (account && ctx.status === 201 && Array.isArray(ctx.body)) {
      const ids = (ctx.body as Array<{ id: number }>).map((file) => file.id);
      await strapi.db
        .query('plugin::upload.file')
        .updateMany({ where: { id: { $in: ids } }, data: { [UPLOADED_BY]: account.id } });
    }
  };

export default uploadGuard;
