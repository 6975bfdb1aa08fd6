import type { Core } from '@strapi/strapi';
import { contentVersion } from './content-version';

/**
 * What public answers show besides the documents of public types (whose writes the Document
 * Service layer counts): the media files (URLs, formats, alternative text), the Public role and its
 * permissions (what an anonymous request may read at all), and the locales.
 */
const MODELS = [
  'plugin::upload.file',
  'plugin::users-permissions.permission',
  'plugin::users-permissions.role',
  'plugin::i18n.locale',
];

/** Moves the content version after any database write of those models, whoever makes it. */
export const followOtherChanges = (strapi: Core.Strapi): void => {
  const bump = async (): Promise<void> => {
    await contentVersion(strapi).bump();
  };
  strapi.db.lifecycles.subscribe({
    models: MODELS,
    afterCreate: bump,
    afterCreateMany: bump,
    afterUpdate: bump,
    afterUpdateMany: bump,
    afterDelete: bump,
    afterDeleteMany: bump,
  });
};
