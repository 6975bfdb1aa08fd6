import type { Core } from '@strapi/strapi';

/*
 * Strapi types every service as a record of unknown functions. These give a service the
 * interface this project relies on, in one place: for our own services, the type of their
 * factory; for a plugin's or the admin's, the few methods we call (declared where they are used).
 */

/** One of this project's services, typed by its factory (`services/<name>.ts`). */
export const apiService = <Factory extends (deps: { strapi: Core.Strapi }) => object>(
  strapi: Core.Strapi,
  uid: `api::${string}.${string}`,
): ReturnType<Factory> => strapi.service(uid) as unknown as ReturnType<Factory>;

/** A plugin's service, with the methods this project calls. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the one place that states it
export const pluginService = <Service>(strapi: Core.Strapi, plugin: string, name: string): Service =>
  strapi.plugin(plugin).service(name) as unknown as Service;

/** An admin service (`admin::<name>`), with the methods this project calls. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the one place that states it
export const adminService = <Service>(strapi: Core.Strapi, name: string): Service =>
  strapi.service(`admin::${name}`) as unknown as Service;
