/**
 * French for the admin panel's strings that Strapi leaves in English (keys missing from its own
 * French translations), on the screens the Mission's staff use: the home page, the Content
 * Manager's lists and edit views, the Media Library, the locales. Plugin keys carry the plugin's
 * name (`content-manager.`, `upload.`, `i18n.`). Checked by tests/e2e/french.e2e.ts, which walks
 * those screens for each role and fails on English.
 */
export const fr: Record<string, string> = {
  // Navigation and common words
  'Content Manager': 'Gestion du contenu',
  'global.plugins.content-manager': 'Gestion du contenu',
  'content-manager.plugin.name': 'Gestion du contenu',
  'global.plugins.upload': 'Médiathèque',
  'search.placeholder': 'Rechercher',
  clearLabel: 'Effacer',
  'app.components.Select.placeholder': 'Sélectionner',
  'app.HeaderLayout.docLink.label': 'En savoir plus dans la documentation',
  'app.utils.published': 'Publié',
  'app.utils.update-filter': 'Modifier le filtre',
  'app.components.ToggleCheckbox.enabled-label': 'Activé',
  'app.components.ToggleCheckbox.disabled-label': 'Désactivé',
  'app.components.LeftMenu.general': 'Général',
  'app.components.LeftMenu.plugins': 'Extensions',
  'app.session.ended.title': 'Session terminée',
  'app.session.ended.unsaved':
    'Votre session est terminée et ne peut pas reprendre. Les modifications non enregistrées seront perdues à la déconnexion.',
  'app.error.chunk.title': 'Cet écran n’a pas pu être chargé',
  'app.error.chunk.message':
    'Le panneau n’a pas pu charger un écran : le serveur redémarre peut-être, ou la connexion a été coupée. Rechargez la page pour réessayer.',
  'app.error.chunk.reload': 'Recharger la page',
  'global.new': 'Nouveau',
  'global.learn-more': 'En savoir plus',
  'global.localeToggle.label': 'Choisir la langue de l’interface',
  'global.sessions.active-devices': 'Appareils connectés',
  // The Media Library's banner
  'app.components.MediaLibraryBanner.intro': 'Découvrez la nouvelle médiathèque ',
  'app.components.MediaLibraryBanner.text': 'La documentation explique comment passer à la nouvelle version.',
  'app.components.MediaLibraryBanner.text.enabled': 'Vous utilisez désormais la nouvelle version.',
  'app.components.MediaLibraryBanner.button': 'Documentation',
  'app.components.MediaLibraryBanner.button.enabled': 'Lire l’article',
  'app.components.MediaLibraryBanner.close': 'Fermer le bandeau.',
  // The home page
  'HomePage.addWidget.title': 'Ajouter un widget',
  'HomePage.addWidget.button': 'Ajouter un widget',
  'HomePage.addWidget.noWidgetsAvailable': 'Aucun widget à ajouter',
  'HomePage.widget.delete': 'Retirer',
  'HomePage.widget.drag': 'Glisser pour déplacer',
  'HomePage.widget.no-permissions': 'Vous n’avez pas l’autorisation de voir ce widget',
  'widget.last-activity.title': 'Dernière activité',
  'widget.last-activity.no-activity': 'Aucune activité',
  // Content Manager: lists
  'content-manager.containers.list.filters.status': 'État',
  'content-manager.containers.List.statusFilter.draft': 'Brouillon (jamais publié)',
  'content-manager.containers.List.statusFilter.published': 'Publié (tous)',
  'content-manager.containers.List.statusFilter.publishedModified': 'Publié (modifié depuis)',
  'content-manager.containers.List.statusFilter.publishedUnmodified': 'Publié (non modifié)',
  'content-manager.containers.list.selectedEntriesModal.title': 'Publier les entrées',
  'content-manager.listView.validation.errors.title': 'Action requise',
  'content-manager.listView.validation.errors.message':
    'Vérifiez que tous les champs sont valides avant de publier (champs obligatoires, longueurs…).',
  'content-manager.success.records.publish': 'Publié.',
  'i18n.list-view.table.header.label': 'Disponible en',
  'i18n.CMListView.popover.display-locales.more': '{locales} + {count} autres',
  // Content Manager: edit view
  'content-manager.form.Input.hint.text':
    '{min, select, undefined {} other {min. {min}}}{divider}{max, select, undefined {} other {max. {max}}}{unit}{br}{description}',
  'content-manager.form.Input.hint.character.unit':
    '{maxValue, plural, one { caractère} other { caractères}}',
  'content-manager.form.Input.hint.minMaxDivider': ' / ',
  'content-manager.actions.delete.label':
    'Supprimer l’entrée{isLocalized, select, true { (toutes les langues)} other {}}',
  'content-manager.actions.open-in-new-tab.label': 'Ouvrir dans un nouvel onglet',
  'content-manager.actions.copy-documentId.label': 'Copier l’identifiant du document',
  'content-manager.actions.copy-documentId.success': 'Identifiant du document copié',
  'content-manager.containers.edit.information.documentId.label': 'Identifiant du document',
  'content-manager.containers.edit.information.last-published.value':
    '{time}{isAnonymous, select, true {} other { par {author}}}',
  'content-manager.containers.edit.information.last-draft.value':
    '{time}{isAnonymous, select, true {} other { par {author}}}',
  'content-manager.containers.edit.information.document.value':
    '{time}{isAnonymous, select, true {} other { par {author}}}',
  'content-manager.relation.create': 'Créer une relation',
  'content-manager.components.RelationInputModal.modal-title': 'Modifier une relation',
  'content-manager.components.RelationInputModal.button-fullpage': 'Ouvrir l’entrée',
  'content-manager.components.RelationInputModal.confirmation-message':
    'Des modifications ne sont pas enregistrées. Fermer cette relation quand même ? Elles seront perdues.',
  'content-manager.popUpWarning.warning.has-draft-relations.title': 'Confirmation',
  'content-manager.popUpWarning.warning.has-draft-relations.message':
    'Cette entrée est liée à {count, plural, one {# brouillon} other {# brouillons}}. {count, plural, one {Ce lien ne sera pas publié.} other {Ces liens ne seront pas publiés.}}',
  'content-manager.popUpWarning.warning.unpublish':
    'Si vous ne publiez pas ce contenu, il redeviendra automatiquement un brouillon.',
  'content-manager.popUpWarning.warning.unpublish-question': 'Voulez-vous vraiment ne pas le publier ?',
  'content-manager.preview.panel.title': 'Aperçu',
  'content-manager.preview.panel.button': 'Ouvrir l’aperçu',
  'content-manager.preview.panel.button-configuration': 'Configurer l’aperçu',
  'content-manager.preview.panel.button-disabled-tooltip': 'Enregistrez pour ouvrir l’aperçu',
  'content-manager.preview.page-title': 'Aperçu : {contentType}',
  'content-manager.preview.header.close': 'Fermer l’aperçu',
  'content-manager.preview.copy.label': 'Copier le lien de l’aperçu',
  'content-manager.preview.copy.success': 'Lien de l’aperçu copié',
  'content-manager.preview.tabs.label': 'État de l’aperçu',
  'content-manager.preview.device.select': 'Choisir l’appareil',
  'content-manager.preview.device.desktop': 'Ordinateur',
  'content-manager.preview.device.mobile': 'Mobile',
  'content-manager.permissions.not-allowed.locale':
    'Vous n’avez pas l’autorisation de voir ce contenu dans cette langue',
  'content-manager.validation.error.unreadable-required-field':
    'Vos droits ne donnent pas accès à certains champs obligatoires. Demandez l’accès à un administrateur.',
  'i18n.actions.delete.label': 'Supprimer l’entrée ({locale})',
  'i18n.actions.delete.dialog.title': 'Confirmation',
  'i18n.actions.delete.dialog.body': 'Voulez-vous vraiment supprimer cette langue ?',
  'i18n.actions.delete.error': 'La langue de ce document n’a pas pu être supprimée.',
  'i18n.CMEditViewCopyLocale.cancel-text': 'Non, annuler',
  'i18n.CMEditViewCopyLocale.dialog.title': 'Confirmation',
  'i18n.CMEditViewCopyLocale.dialog.body':
    'Le contenu actuel sera effacé et remplacé par celui de la langue choisie :',
  'i18n.CMEditViewCopyLocale.dialog.field.label': 'Langue',
  'i18n.CMEditViewCopyLocale.dialog.field.placeholder': 'Choisir une langue…',
  'i18n.CMEditViewBulkLocale.publish-title': 'Publier plusieurs langues',
  'i18n.CMEditViewBulkLocale.unpublish-title': 'Dépublier plusieurs langues',
  'i18n.CMEditViewBulkLocale.status': 'État',
  'i18n.CMEditViewBulkLocale.publication-status': 'État de publication',
  'i18n.CMEditViewBulkLocale.continue-confirmation': 'Voulez-vous vraiment continuer ?',
  'i18n.CMEditViewLocalePicker.locale.create': 'Créer la version <bold>{locale}</bold>',
  // Media Library
  'upload.header.search.placeholder': 'Rechercher',
  'upload.list.table.row.select': 'Sélectionner {name}',
  'upload.asset-details.location.root': 'Médiathèque',
};
