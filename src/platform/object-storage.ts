import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Core } from '@strapi/strapi';
import { SANDBOX_HEADERS } from '../middlewares/uploads-sandbox';

/**
 * Media on S3-compatible object storage (AWS S3, Scaleway, OVH, MinIO, Garage...), for several
 * instances that must all see every upload. Set S3_BUCKET (and S3_ENDPOINT for a service other
 * than AWS); local disk stays the default.
 *
 * The file URLs stay `/uploads/<name>`, as with local disk: every instance serves them from the
 * bucket (with the same sandbox headers as local files), and a CDN in front of the instances
 * caches them. `@strapi/provider-upload-aws-s3` does the storing part too, but it is published up to
 * 5.52.3 while every `@strapi/*` package here is on one exact version (5.54.0); the few lines
 * below, on the AWS SDK it uses, replace it.
 */
export interface ObjectStorageSettings {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Key prefix inside the bucket (several deployments on one bucket). */
  prefix: string;
}

export const objectStorageFromEnv = (env: NodeJS.ProcessEnv = process.env): ObjectStorageSettings | null =>
  env.S3_BUCKET
    ? {
        bucket: env.S3_BUCKET,
        region: env.S3_REGION || 'us-east-1',
        endpoint: env.S3_ENDPOINT || undefined,
        accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
        prefix: (env.S3_PREFIX ?? 'uploads/').replace(/^\/+/, ''),
      }
    : null;

const clients = new WeakMap<ObjectStorageSettings, S3Client>();
const clientFor = (settings: ObjectStorageSettings): S3Client => {
  let client = clients.get(settings);
  if (!client) {
    client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      // Path-style addressing (`<endpoint>/<bucket>/<key>`) works with every S3-compatible service.
      forcePathStyle: Boolean(settings.endpoint),
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      // Checksums only where S3 requires them: not every S3-compatible service reads the newer ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    clients.set(settings, client);
  }
  return client;
};

/** What Strapi's upload plugin hands a provider. */
interface UploadedFile {
  hash: string;
  ext?: string;
  mime: string;
  url?: string;
  buffer?: Buffer;
  stream?: Readable;
  getStream?: () => Readable;
}

const nameOf = (file: UploadedFile): string => `${file.hash}${file.ext ?? ''}`;

/** The upload provider: stores under `<prefix><hash><ext>`, answers with `/uploads/<hash><ext>`. */
export const objectStorageProvider = (settings: ObjectStorageSettings) => {
  const client = clientFor(settings);
  const put = async (file: UploadedFile, body: Buffer | Readable) => {
    await client.send(
      new PutObjectCommand({
        Bucket: settings.bucket,
        Key: `${settings.prefix}${nameOf(file)}`,
        Body: body,
        ContentType: file.mime,
      }),
    );
    file.url = `/uploads/${nameOf(file)}`;
  };
  // The stream is read into memory first: a PUT needs the length, and uploads are at most a few MB.
  const readAll = async (stream: Readable): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream)
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    return Buffer.concat(chunks);
  };
  return {
    async upload(file: UploadedFile) {
      const body = file.buffer ?? (await readAll(file.stream ?? file.getStream?.() ?? Readable.from([])));
      await put(file, body);
    },
    async uploadStream(file: UploadedFile) {
      const stream = file.stream ?? file.getStream?.();
      await put(file, file.buffer ?? (stream ? await readAll(stream) : Buffer.alloc(0)));
    },
    async delete(file: UploadedFile) {
      await client.send(
        new DeleteObjectCommand({ Bucket: settings.bucket, Key: `${settings.prefix}${nameOf(file)}` }),
      );
    },
    isPrivate: () => false,
  };
};

type Context = Parameters<Core.MiddlewareHandler>[0];

/**
 * Serves `GET`/`HEAD /uploads/<name>` from the bucket when object storage is configured (before
 * the local-disk route, which then never answers); does nothing otherwise.
 */
export const serveFromObjectStorage = (): Core.MiddlewareHandler => {
  const settings = objectStorageFromEnv();
  return async (ctx: Context, next) => {
    const match = /^\/uploads\/(.+)$/i.exec(ctx.path);
    if (!settings || !match || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) {
      await next();
      return undefined;
    }
    const name = decodeURIComponent(match[1]);
    if (name.includes('..') || name.includes('/')) {
      ctx.status = 404;
      return undefined;
    }
    try {
      const object = await clientFor(settings).send(
        new GetObjectCommand({ Bucket: settings.bucket, Key: `${settings.prefix}${name}` }),
      );
      ctx.set(SANDBOX_HEADERS);
      ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
      if (object.ETag) ctx.set('ETag', object.ETag);
      ctx.type = object.ContentType ?? 'application/octet-stream';
      if (object.ContentLength !== undefined) ctx.length = object.ContentLength;
      ctx.body = object.Body as Readable;
    } catch (error) {
      const missing =
        error instanceof NoSuchKey ||
        (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);
      if (!missing) throw error;
      ctx.status = 404;
    }
    return undefined;
  };
};
