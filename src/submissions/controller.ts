import { factories } from '@strapi/strapi';
import type { SubmissionRules, SubmittedUid } from '../contributions';
import { isAccountRequest } from './account';
import { submissions } from './submit';

/**
 * The core controller of a type that associations submit: their writes are submissions (drafts
 * they own); everything else (staff integrations with an API token) keeps Strapi's behaviour.
 */
export const submittableController = ({
  uid,
  submission: rules,
}: {
  uid: SubmittedUid;
  submission: SubmissionRules;
}) =>
  factories.createCoreController(uid, ({ strapi }) => {
    const submitted = submissions(strapi, uid, rules);
    /* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call,
       @typescript-eslint/no-unsafe-member-access -- Strapi types the core controller behind
       `super` as any */
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
    /* eslint-enable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call,
       @typescript-eslint/no-unsafe-member-access */
  });
