import type { Core, UID } from '@strapi/strapi';
import { pluginService } from '../platform/services';

/**
 * The Content Manager view of one type, as versioned in `src/api/<type>/content-manager.json`:
 * French labels and help texts, the list columns, the default sort, the field that names an entry
 * in relations, and the edit view as rows of `field:width` (widths out of 12).
 */
export interface ContentManagerSpec {
  settings: { mainField: string; defaultSortBy: string; defaultSortOrder: 'ASC' | 'DESC' };
  list: string[];
  fields: Record<string, { label: string; description?: string }>;
  edit: string[][];
}

/** Attributes Strapi manages itself: not in the edit view. */
const SYSTEM = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
]);

/** System attributes a list may show and sort by. */
const LISTABLE_SYSTEM = new Set(['createdAt', 'updatedAt']);

type Attributes = Record<string, { type: string; target?: string }>;

/** A schema's own view settings (Users & Permissions hides an account's tokens). */
interface SchemaConfig {
  attributes?: Record<string, { hidden?: boolean }>;
}

/** What is wrong with a spec for these attributes (empty when it can be applied). */
export const specProblems = (spec: ContentManagerSpec, attributes: Attributes): string[] => {
  const problems: string[] = [];
  const editable = Object.keys(attributes).filter((name) => !SYSTEM.has(name));
  const placed = spec.edit.flat().map((cell) => cell.split(':')[0]);
  for (const name of editable) {
    if (!spec.fields[name]) problems.push(`${name} has no label`);
    if (!placed.includes(name)) problems.push(`${name} is not in the edit view`);
  }
  for (const name of [...placed, ...Object.keys(spec.fields), spec.settings.mainField]) {
    if (!(name in attributes)) problems.push(`${name} is not an attribute`);
  }
  // A list column or the default sort may also be one of the dates Strapi keeps on every entry.
  for (const name of [...spec.list, spec.settings.defaultSortBy]) {
    if (!(name in attributes) && !LISTABLE_SYSTEM.has(name)) problems.push(`${name} is not an attribute`);
  }
  if (new Set(placed).size !== placed.length) problems.push('a field is placed twice in the edit view');
  spec.edit.forEach((row, index) => {
    const width = row.reduce((sum, cell) => sum + Number(cell.split(':')[1]), 0);
    if (width > 12) problems.push(`edit row ${index + 1} is ${width} wide (at most 12)`);
  });
  return problems;
};

interface Metadata {
  edit: Record<string, unknown>;
  list: Record<string, unknown>;
}
interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, Metadata>;
  layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> };
}
interface ContentTypesService {
  findContentType(uid: string): unknown;
  findConfiguration(contentType: unknown): Promise<Configuration>;
  updateConfiguration(contentType: unknown, configuration: Omit<Configuration, 'uid'>): Promise<unknown>;
}

/** The field that names entries of a type in relations: the one its own spec says. */
const mainFieldOf = (strapi: Core.Strapi, uid: string): string | undefined => {
  const attributes = (strapi.getModel(uid as UID.Schema)?.attributes ?? {}) as Attributes;
  return ['title', 'name', 'username'].find((name) => name in attributes);
};

/**
 * Applies a type's view to the Content Manager, replacing what was set by clicking. Throws, and so
 * stops the start-up, when the spec does not fit the schema.
 */
export const applyContentManagerSpec = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  spec: ContentManagerSpec,
): Promise<void> => {
  const model = strapi.getModel(uid) as { attributes: Attributes; config?: SchemaConfig };
  // What the type's own schema hides from the Content Manager (an account's tokens) has no place in it.
  const attributes = Object.fromEntries(
    Object.entries(model.attributes).filter(([name]) => !model.config?.attributes?.[name]?.hidden),
  );
  const problems = specProblems(spec, attributes);
  if (problems.length > 0) throw new Error(`${uid} content-manager.json: ${problems.join('; ')}`);

  const service = pluginService<ContentTypesService>(strapi, 'content-manager', 'content-types');
  const contentType = service.findContentType(uid);
  const current = await service.findConfiguration(contentType);

  const metadatas: Record<string, Metadata> = { ...current.metadatas };
  for (const [name, { label, description }] of Object.entries(spec.fields)) {
    const attribute = attributes[name];
    const previous = metadatas[name] ?? { edit: {}, list: {} };
    const mainField =
      attribute.type === 'relation' && attribute.target ? mainFieldOf(strapi, attribute.target) : undefined;
    metadatas[name] = {
      edit: {
        ...previous.edit,
        label,
        description: description ?? '',
        ...(mainField ? { mainField } : {}),
      },
      list: { ...previous.list, label, ...(mainField ? { mainField } : {}) },
    };
  }

  await service.updateConfiguration(contentType, {
    settings: { ...current.settings, ...spec.settings },
    metadatas,
    layouts: {
      list: spec.list,
      edit: spec.edit.map((row) =>
        row.map((cell) => {
          const [name, size] = cell.split(':');
          return { name, size: Number(size) };
        }),
      ),
    },
  });
};

interface ComponentsService {
  findComponent(uid: string): unknown;
  findConfiguration(component: unknown): Promise<Configuration>;
  updateConfiguration(component: unknown, configuration: Omit<Configuration, 'uid'>): Promise<unknown>;
}

/** Labels by component uid and field; a key starting with `$` is a comment (a string). */
export type ComponentLabels = Record<
  string,
  string | Record<string, { label: string; description?: string }>
>;

/** Applies French labels to the components' fields (`src/components/content-manager.json`). */
export const applyComponentLabels = async (strapi: Core.Strapi, labels: ComponentLabels): Promise<void> => {
  const service = pluginService<ComponentsService>(strapi, 'content-manager', 'components');
  for (const [uid, fields] of Object.entries(labels)) {
    if (typeof fields === 'string') continue;
    const component = service.findComponent(uid);
    if (!component) throw new Error(`src/components/content-manager.json: no component ${uid}`);
    const current = await service.findConfiguration(component);
    const metadatas = { ...current.metadatas };
    for (const [name, { label, description }] of Object.entries(fields)) {
      if (!metadatas[name])
        throw new Error(`src/components/content-manager.json: ${uid} has no field ${name}`);
      metadatas[name] = {
        edit: { ...metadatas[name].edit, label, description: description ?? '' },
        list: { ...metadatas[name].list, label },
      };
    }
    await service.updateConfiguration(component, { ...current, metadatas });
  }
};
