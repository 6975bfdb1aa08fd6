import { serveFromObjectStorage } from '../platform/object-storage';

/** `/uploads/*` from S3-compatible object storage when S3_BUCKET is set (src/platform/object-storage.ts). */
export default () => serveFromObjectStorage();
