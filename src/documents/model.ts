import type { Core, UID } from '@strapi/strapi';

/** What the query checks need to know of an attribute. */
export interface Attribute {
  type: string;
  target?: string;
  component?: string;
}

/** A content type or component, as far as the query checks are concerned. */
export interface Model {
  attributes: Record<string, Attribute>;
  options?: { draftAndPublish?: boolean };
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** An attribute of the model itself (never one inherited from Object.prototype). */
export const attributeOf = (model: Model, name: string): Attribute | undefined =>
  Object.hasOwn(model.attributes, name) ? model.attributes[name] : undefined;

/** The model a relation, media or component attribute leads to; undefined for a plain field. */
export const modelBehind = (strapi: Core.Strapi, attribute: Attribute | undefined): Model | undefined => {
  if (attribute?.type === 'component' && attribute.component) {
    return strapi.getModel(attribute.component as UID.Component);
  }
  if ((attribute?.type === 'relation' || attribute?.type === 'media') && attribute.target) {
    return strapi.getModel(attribute.target as UID.Schema);
  }
  return undefined;
};

/** The dotted paths a `sort` parameter names, whatever its form (string, list, object). */
export const sortPaths = (sort: unknown): string[] => {
  if (typeof sort === 'string') return sort.split(',').map((part) => part.split(':')[0].trim());
  if (Array.isArray(sort)) return sort.flatMap(sortPaths);
  if (isObject(sort)) {
    return Object.entries(sort).flatMap(([key, value]) =>
      isObject(value) || Array.isArray(value) ? sortPaths(value).map((path) => `${key}.${path}`) : [key],
    );
  }
  return [];
};
