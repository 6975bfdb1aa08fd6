import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/** Most an uploaded image may weigh. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  size: number;
}

/**
 * The image type a file really is, from its first bytes (not its name or declared type):
 * JPEG, PNG or WebP; null for anything else (SVG, HTML, a renamed executable...).
 */
export const sniffImage = (head: Buffer): 'jpeg' | 'png' | 'webp' | null => {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (
    head.subarray(0, 4).toString('latin1') === 'RIFF' &&
    head.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'webp';
  }
  return null;
};

const readHead = (file: string): Buffer => {
  const handle = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = fs.readSync(handle, head, 0, 16, 0);
    return head.subarray(0, read);
  } finally {
    fs.closeSync(handle);
  }
};

const refuse = (name: string, message: string): never => {
  throw new errors.ValidationError(`${name}: ${message}`, {
    errors: [{ path: ['files'], message: `${name}: ${message}`, name: 'ValidationError' }],
  });
};

/**
 * Uploads through the content API (`POST /api/upload`, used by association accounts): JPEG, PNG or
 * WebP only, checked by content, 5 MB at most; replacing an existing file (`?id=`) is for staff in
 * the admin only. A refused upload writes nothing.
 */
const uploadGuard = (): Core.MiddlewareHandler => async (ctx, next) => {
  if (ctx.method !== 'POST' || ctx.path !== '/api/upload') return next();
  if (ctx.query.id !== undefined) {
    throw new errors.ForbiddenError('Replacing a file is done by the Mission staff in the admin panel.');
  }
  const files =
    (ctx.request as unknown as { files?: Record<string, UploadedFile | UploadedFile[]> }).files ?? {};
  const all = Object.values(files).flat();
  if (all.length === 0) refuse('files', 'no file was sent');
  for (const file of all) {
    const name = file.originalFilename ?? 'file';
    if (file.size > MAX_IMAGE_BYTES) refuse(name, 'is larger than 5 MB');
    if (sniffImage(readHead(file.filepath)) === null) {
      refuse(name, 'is not a JPEG, PNG or WebP image (SVG, HTML and other files are refused)');
    }
  }
  return next();
};

export default uploadGuard;
