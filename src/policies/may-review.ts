import { SUBMITTED } from '../contributions';

interface Ability {
  can(action: string, subject: string): boolean;
}

/**
 * The logged-in member of staff may publish what associations submit (the Chargé·e de mission, the
 * Super Admin): they review the submissions. False is a 403; this policy always answers true or
 * false (one that returns nothing lets the request through).
 */
export default (policyContext: { state: { userAbility?: Ability } }): boolean =>
  SUBMITTED.length > 0 &&
  SUBMITTED.every(
    ({ uid }) =>
      policyContext.state.userAbility?.can('plugin::content-manager.explorer.publish', uid) === true,
  );
