interface Ability {
  can(action: string, subject: string): boolean;
}

/**
 * The logged-in member of staff may publish funding lines: the Chargé·e de mission and the Super
 * Admin may read the e-APD declaration in the admin panel; false is a 403. (A policy that returns
 * nothing lets the request through: this one always answers true or false.)
 */
export default (policyContext: { state: { userAbility?: Ability } }): boolean =>
  policyContext.state.userAbility?.can('plugin::content-manager.explorer.publish', 'api::funding.funding') ===
  true;
