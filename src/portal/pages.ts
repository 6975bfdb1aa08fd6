/**
 * The association portal's pages: each is a fixed HTML document (French, one title each, a skip
 * link, labelled fields, a place for the error summary) and one script module from
 * `public/portail/`, which fills it from the REST API. Nothing in them depends on who asks: the
 * data comes from the API, with the caller's own rights (src/portal/session.ts).
 */

/** The minimum length of a password (checked by the API too: config/plugins.ts). */
export const PASSWORD_MIN_LENGTH = 12;

export interface PortalPage {
  /** Path under /portail ('' for the home page). */
  path: string;
  /** The page's own part of the title. */
  title: string;
  /** The script module in public/portail/ that drives the page. */
  script: string;
  /** Whether the page needs a session (without one, the browser is sent to the log-in page). */
  member: boolean;
  body: string;
}

/** The error summary at the top of a form's page: filled by the script, announced, focusable. */
const SUMMARY = `<div id="resume-erreurs" class="resume-erreurs" role="alert" tabindex="-1" hidden></div>`;
/** Messages that are not errors (saved, logged out), announced politely. */
const STATUS = `<div id="message" class="message" role="status" aria-live="polite"></div>`;

const field = (
  id: string,
  label: string,
  input: string,
  hint?: string,
): string => `<div class="champ" data-champ="${id}">
  <label for="${id}">${label}</label>${hint ? `\n  <p class="aide" id="${id}-aide">${hint}</p>` : ''}
  <p class="erreur" id="${id}-erreur" hidden></p>
  ${input}
</div>`;

const describedBy = (id: string, hint: boolean): string =>
  `aria-describedby="${hint ? `${id}-aide ` : ''}${id}-erreur"`;

/**
 * A member's form (public/portail/proposer.js builds it from public/portail/champs.js for `type`).
 * @param intro what the form is for, in a sentence or two
 */
const formPage = (path: string, title: string, type: string, intro: string): PortalPage => ({
  path,
  title,
  script: 'proposer.js',
  member: true,
  body: `${STATUS}${SUMMARY}
<p>${intro} Les champs marqués <span class="obligatoire">(obligatoire)</span> doivent être remplis.</p>
<form id="formulaire" data-type="${type}" novalidate aria-busy="true"><p>Chargement du formulaire…</p></form>`,
});

export const PAGES: PortalPage[] = [
  {
    path: '/connexion',
    title: 'Connexion',
    script: 'connexion.js',
    member: false,
    body: `${STATUS}${SUMMARY}
<p>Connectez-vous avec l'adresse e-mail et le mot de passe de votre compte d'association.</p>
<form id="formulaire" novalidate>
${field('identifier', 'Adresse e-mail', `<input id="identifier" name="identifier" type="email" autocomplete="username" required ${describedBy('identifier', false)}>`)}
${field('password', 'Mot de passe', `<input id="password" name="password" type="password" autocomplete="current-password" required ${describedBy('password', false)}>`)}
<button type="submit">Se connecter</button>
</form>
<p><a href="/portail/mot-de-passe-oublie">Mot de passe oublié ?</a></p>`,
  },
  {
    path: '/mot-de-passe',
    title: 'Choisir mon mot de passe',
    script: 'mot-de-passe.js',
    member: false,
    body: `${STATUS}${SUMMARY}
<p>Choisissez le mot de passe de votre compte. Vous serez ensuite connecté·e au portail.</p>
<form id="formulaire" novalidate>
${field('password', 'Nouveau mot de passe', `<input id="password" name="password" type="password" autocomplete="new-password" required minlength="${PASSWORD_MIN_LENGTH}" ${describedBy('password', true)}>`, `Au moins ${PASSWORD_MIN_LENGTH} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`)}
${field('passwordConfirmation', 'Confirmez le mot de passe', `<input id="passwordConfirmation" name="passwordConfirmation" type="password" autocomplete="new-password" required ${describedBy('passwordConfirmation', false)}>`)}
<button type="submit">Enregistrer mon mot de passe</button>
</form>`,
  },
  {
    path: '/mot-de-passe-oublie',
    title: 'Mot de passe oublié',
    script: 'mot-de-passe-oublie.js',
    member: false,
    body: `${STATUS}${SUMMARY}
<p>Indiquez l'adresse e-mail de votre compte : si elle est connue, vous recevrez un lien pour choisir un nouveau mot de passe.</p>
<form id="formulaire" novalidate>
${field('email', 'Adresse e-mail', `<input id="email" name="email" type="email" autocomplete="email" required ${describedBy('email', false)}>`)}
<button type="submit">Recevoir un lien</button>
</form>
<p><a href="/portail/connexion">Retour à la connexion</a></p>`,
  },
  ...(
    [
      ['action', 'action', 'Proposer une action', "l'action"],
      ['delegation', 'delegation', 'Proposer une délégation', 'la délégation'],
      ['echange-scolaire', 'school-exchange', 'Proposer un échange scolaire', "l'échange scolaire"],
    ] as const
  ).map(([path, type, title, what]) =>
    formPage(
      `/proposer/${path}`,
      title,
      type,
      `Décrivez ${what} de votre association. La Mission relira votre proposition avant sa publication
sur le site de la ville ; vous suivrez son état depuis le tableau de bord.`,
    ),
  ),
  formPage(
    '/fiche',
    'La fiche de notre association',
    'association',
    `Ce que le site de la ville dit de votre association. Vos modifications sont relues par la Mission
avant d'être publiées ; l'adresse e-mail et le téléphone ne sont jamais publiés.`,
  ),
  {
    path: '',
    title: 'Tableau de bord',
    script: 'accueil.js',
    member: true,
    body: `${STATUS}${SUMMARY}
<section aria-labelledby="profil-titre">
  <h2 id="profil-titre">Notre association</h2>
  <div id="profil" aria-busy="true"><p>Chargement…</p></div>
</section>
<section aria-labelledby="propositions-titre">
  <h2 id="propositions-titre">Nos propositions</h2>
  <div id="propositions" aria-busy="true"><p>Chargement…</p></div>
</section>`,
  },
];

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const MEMBER_NAV = `<nav aria-label="Menu du portail">
  <ul>
    <li><a href="/portail">Tableau de bord</a></li>
    <li><a href="/portail/fiche">Notre fiche</a></li>
    <li><a href="/portail/proposer/action">Proposer une action</a></li>
    <li><a href="/portail/proposer/delegation">Proposer une délégation</a></li>
    <li><a href="/portail/proposer/echange-scolaire">Proposer un échange scolaire</a></li>
    <li><button type="button" id="deconnexion">Se déconnecter</button></li>
  </ul>
</nav>`;

/** The whole HTML document of a page. */
export const renderPage = (page: PortalPage): string => `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} — Portail des associations — Courcouronnes</title>
<link rel="stylesheet" href="/portail/portail.css">
<script type="module" src="/portail/${page.script}"></script>
</head>
<body>
<a class="evitement" href="#contenu">Aller au contenu</a>
<header class="entete">
  <p class="site"><a href="/portail">Portail des associations</a> <span>Mission des relations extérieures · Ville de Courcouronnes</span></p>
  ${page.member ? MEMBER_NAV : ''}
</header>
<main id="contenu" tabindex="-1">
<h1>${escapeHtml(page.title)}</h1>
<noscript><p class="alerte">Ce portail a besoin de JavaScript pour fonctionner. Activez-le dans votre navigateur, ou écrivez à la Mission des relations extérieures.</p></noscript>
${page.body}
</main>
<footer class="pied">
  <p>Les propositions sont relues par la Mission des relations extérieures avant d'être publiées sur le site de la ville.</p>
</footer>
</body>
</html>
`;

/**
 * The pages' Content-Security-Policy: scripts, styles and everything else from this server only,
 * no inline script or style, no framing, no form sent elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
