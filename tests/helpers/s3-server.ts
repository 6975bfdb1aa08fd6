import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredObject {
  body: Buffer;
  contentType: string;
  etag: string;
}

/** Decodes an `aws-chunked` body (`<hex size>[;chunk-signature=…]\r\n<data>\r\n`…, then trailers). */
const decodeAwsChunked = (raw: Buffer): Buffer => {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(raw.subarray(offset, lineEnd).toString('latin1').split(';')[0], 16);
    if (!size) break;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
};

/**
 * A small S3-compatible server on loopback (path-style `/<bucket>/<key>`: PUT, GET, HEAD, DELETE),
 * standing for the object storage that several instances share. It does not check signatures.
 */
export const startS3Server = async () => {
  const objects = new Map<string, StoredObject>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const key = decodeURIComponent(new URL(request.url ?? '/', 'http://s3').pathname);
      const notFound = () => {
        response.statusCode = 404;
        response.setHeader('Content-Type', 'application/xml');
        response.end(
          '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>not found</Message></Error>',
        );
      };
      if (request.method === 'PUT') {
        let body: Buffer = Buffer.concat(chunks);
        const encoding = request.headers['content-encoding'] ?? '';
        const declared = String(request.headers['x-amz-content-sha256'] ?? '');
        if (encoding.includes('aws-chunked') || declared.startsWith('STREAMING'))
          body = decodeAwsChunked(body);
        const etag = `"${crypto.createHash('md5').update(body).digest('hex')}"`;
        objects.set(key, {
          body,
          contentType: request.headers['content-type'] ?? 'application/octet-stream',
          etag,
        });
        response.setHeader('ETag', etag);
        response.end();
        return;
      }
      const stored = objects.get(key);
      if (request.method === 'DELETE') {
        objects.delete(key);
        response.statusCode = 204;
        response.end();
        return;
      }
      if (!stored) {
        notFound();
        return;
      }
      response.setHeader('Content-Type', stored.contentType);
      response.setHeader('Content-Length', stored.body.length);
      response.setHeader('ETag', stored.etag);
      response.end(request.method === 'HEAD' ? undefined : stored.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Stored objects by `/<bucket>/<key>`. */
    objects,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
};
