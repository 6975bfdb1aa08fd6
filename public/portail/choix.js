// @ts-check
/**
 * The French words of every enumeration of the content model, by attribute name: the one source of
 * the labels shown by the admin panel (src/admin/fields/), the association portal (./champs.js)
 * and the README (checked by tests/unit/choices.test.ts). The API keeps its values.
 * Written as JSON (double quotes) so that the server side can read it too.
 * @type {Record<string, Record<string, string>>}
 */
export const CHOICES = {
  "partnerLevel": {
    "municipality": "Commune",
    "province-region": "Province ou région",
    "country": "Pays",
    "organisation": "Organisation",
    "school": "Établissement scolaire"
  },
  "partnershipKind": {
    "cooperation-agreement": "Convention de coopération",
    "twinning": "Jumelage",
    "exchange-programme": "Programme d’échanges",
    "one-off-cooperation": "Coopération ponctuelle"
  },
  "partnershipState": {
    "planned": "En projet",
    "active": "En cours",
    "ended": "Terminé"
  },
  "direction": {
    "outgoing": "Délégation partie de Courcouronnes",
    "incoming": "Délégation reçue à Courcouronnes"
  },
  "actionType": {
    "material-donation": "Don de matériel",
    "training": "Formation",
    "programme-adaptation": "Adaptation d'un programme",
    "cultural-exchange": "Échange culturel",
    "hosting": "Accueil",
    "event": "Événement",
    "study-visit": "Visite d'étude",
    "other": "Autre"
  },
  "exchangeType": {
    "correspondence": "Correspondance",
    "trip-abroad": "Voyage à l'étranger",
    "hosting": "Accueil d’élèves",
    "joint-project": "Projet commun"
  },
  "reviewState": {
    "submitted": "Soumise, à relire",
    "changes-requested": "Modifications demandées",
    "approved": "Approuvée",
    "rejected": "Refusée"
  },
  "continent": {
    "africa": "Afrique",
    "americas": "Amériques",
    "asia": "Asie",
    "europe": "Europe",
    "oceania": "Océanie"
  },
  "level": {
    "nursery": "École maternelle",
    "elementary": "École élémentaire",
    "middle-school": "Collège",
    "high-school": "Lycée"
  },
  "flow": {
    "commitment": "Engagement",
    "disbursement": "Versement"
  },
  "apdCategory": {
    "decentralised-cooperation": "Coopération décentralisée et jumelages",
    "development-grant": "Subvention à une association ou ONG (projet de développement)",
    "awareness": "Sensibilisation en France",
    "refugees": "Soutien aux réfugiés",
    "foreign-students": "Soutien aux étudiants étrangers",
    "staff-costs": "Frais de personnel et de suivi",
    "multilateral": "Contribution à un organisme multilatéral",
    "water-energy-waste": "« 1 % » eau, énergie, déchets (loi Oudin-Santini)",
    "not-oda": "Hors aide publique au développement"
  },
  "nature": {
    "cash": "Aide en numéraire",
    "in-kind": "Aide en nature",
    "cash-and-in-kind": "En numéraire et en nature"
  },
  "paymentTerms": {
    "single": "Versement unique",
    "instalments": "Versement échelonné",
    "other": "Autre"
  },
  "channel": {
    "webhook": "Site de la ville (webhook)",
    "email": "Courriel"
  },
  "deliveryState": {
    "pending": "En attente",
    "delivered": "Envoyé",
    "failed": "Échec"
  }
};

/** The months, as a date of known precision names them (the portal's and the admin's date inputs). */
export const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/**
 * The choices of one enumeration as [value, label] pairs, in their order.
 * @param {string} attribute
 * @returns {Array<[string, string]>}
 */
export const choicesOf = (attribute) => Object.entries(CHOICES[attribute] ?? {});
