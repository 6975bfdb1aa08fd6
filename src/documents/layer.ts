import type { Core } from '@strapi/strapi';

/** A Document Service middleware of this project, made for one Strapi (see src/documents/index.ts). */
export type DocumentLayer = (strapi: Core.Strapi) => Parameters<Core.Strapi['documents']['use']>[0];
