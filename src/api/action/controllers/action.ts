import { factories } from '@strapi/strapi';
import { isAccountRequest } from '../../../submissions/account';
import { ACTION_RULES } from '../../../submissions/rules';
import { submissions } from '../../../submissions/submit';

const UID = 'api::action.action';

/**
 * Core controller; writes by an association account are submissions (drafts it owns), everything
 * else (staff integrations with an API token) keeps Strapi's behaviour.
 */
export default factories.createCoreController(UID, ({ strapi }) => {
  const submitted = submissions(strapi, UID, ACTION_RULES);
  return {
    async create(ctx) {
      if (isAccountRequest(ctx)) return submitted.create(ctx);
      return super.create(ctx);
    },
    async update(ctx) {
      if (isAccountRequest(ctx)) return submitted.update(ctx);
      return super.update(ctx);
    },
    async delete(ctx) {
      if (isAccountRequest(ctx)) return submitted.delete(ctx);
      return super.delete(ctx);
    },
  };
});
