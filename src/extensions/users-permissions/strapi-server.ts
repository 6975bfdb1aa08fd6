/**
 * Users & Permissions, extended: an account of an association belongs to exactly one Association
 * (`association`), set by staff; it is private, like the rest of the account.
 */
interface PluginContentType {
  schema: { attributes: Record<string, unknown> };
}
interface Plugin {
  contentTypes: Record<string, PluginContentType>;
}

export default (plugin: Plugin): Plugin => {
  plugin.contentTypes.user.schema.attributes.association = {
    type: 'relation',
    relation: 'manyToOne',
    target: 'api::association.association',
    inversedBy: 'accounts',
    private: true,
  };
  return plugin;
};
