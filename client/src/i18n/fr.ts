import type { MessageKey } from './en.ts';

/**
 * French, vouvoiement throughout. Typography: a narrow no-break space (U+202F) before the colon,
 * semicolon, question and exclamation marks and the percent sign, and inside guillemets (tested).
 *
 * Words kept the same everywhere: wave = campagne (clôturer, clôturée; never « vague »), survey =
 * questionnaire, heat map = carte de chaleur, agreement = concordance, split team = équipe
 * partagée, 95% interval = intervalle à 95 %, reliability = fiabilité, drivers = leviers,
 * headcount = effectif, leader = responsable, reminder = relance, email = courriel, team key =
 * identifiant de l’équipe, hidden = masqué, audit log = journal d’activité.
 */
export const fr: Record<MessageKey, string> = {
  'app.name': 'Diagnostic Trust OS',
  'app.tagline': 'Là où ce qui est convenu devient action, équipe par équipe.',
  'nav.organizations': 'Organisations',
  'nav.signOut': 'Se déconnecter',
  'nav.language': 'Langue',
  'common.loading': 'Chargement…',
  'common.retry': 'Réessayer',
  'common.save': 'Enregistrer',
  'common.cancel': 'Annuler',
  'common.close': 'Fermer',
  'common.copy': 'Copier',
  'common.copied': 'Copié',
  'common.selectedToCopy': 'Sélectionné : copiez avec Ctrl+C (⌘C sur Mac)',
  'common.download': 'Télécharger',
  'common.error': 'Un problème est survenu.',
  'common.labelled': '{label} : {value}',
  'common.offline': 'Pas de connexion. Vos réponses sont conservées sur cet appareil ; nous réessaierons.',
  'survey.anonymity.title': 'Vos réponses sont anonymes',
  'survey.anonymity.stored':
    'Nous enregistrons vos réponses et votre équipe, rien d’autre : ni nom, ni courriel, ni adresse, ni heure.',
  'survey.anonymity.threshold':
    'Les résultats ne sont affichés que pour des groupes d’au moins {k} personnes : personne ne peut donc voir vos réponses.',
  'survey.anonymity.final':
    'Une fois envoyées, vos réponses ne peuvent plus être retirées, car rien ne les relie à vous.',
  'survey.anonymity.device':
    'Tant que vous ne les avez pas envoyées, vos réponses restent uniquement sur cet appareil.',
  'survey.start': 'Commencer',
  'survey.step': 'Étape {current} sur {total}',
  'survey.next': 'Suivant',
  'survey.back': 'Retour',
  'survey.skip': 'Passer cette question',
  'survey.skipped': 'Question passée',
  'survey.openQuestion': 'Une dernière question',
  'survey.submit': 'Envoyer mes réponses',
  'survey.submitting': 'Envoi en cours…',
  'survey.code.label': 'Votre code personnel',
  'survey.code.help':
    'Il figure dans votre courriel d’invitation, par exemple K7QM-3XD2-9PFR-… Majuscules, espaces et tirets n’ont pas d’importance.',
  'survey.code.anonymity':
    'Le code sert uniquement à garantir qu’on ne répond qu’une fois par invitation. Il n’est pas enregistré avec vos réponses, et rien n’indique qui a reçu quel code.',
  'survey.code.continue': 'Continuer',
  'survey.code.checking': 'Vérification de votre code…',
  'survey.error.link-unknown':
    'Ce lien de questionnaire n’est pas valide. Vérifiez que vous avez bien le lien en entier.',
  'survey.error.wave-not-open': 'Ce questionnaire n’est pas encore ouvert. Merci de revenir plus tard.',
  'survey.error.wave-closed': 'Ce questionnaire est clos et n’accepte plus de réponses.',
  'survey.error.closed-maybe-recorded':
    'Ce questionnaire a été clos avant que vos réponses puissent être confirmées. Si l’un des essais précédents nous est parvenu, elles ont été comptées. Personne ne peut le vérifier, car rien ne relie une réponse à votre téléphone.',
  'survey.error.team-full':
    'Ce lien a reçu plus de réponses que l’équipe ne compte de membres : il n’en accepte donc plus. Si vous n’avez pas encore répondu, prévenez la personne qui vous a envoyé le lien.',
  'survey.error.invitation-required': 'Saisissez le code personnel indiqué dans votre invitation.',
  'survey.error.invitation-unknown':
    'Ce code n’est pas valide pour ce questionnaire. Comparez-le à celui de votre invitation.',
  'survey.error.invitation-used':
    'Ce code a déjà été utilisé : chaque code ne sert qu’une fois. Si vous n’avez pas encore répondu, prévenez la personne qui vous a envoyé l’invitation.',
  'survey.thanks.title': 'Merci',
  'survey.thanks.body':
    'Vos réponses ont été enregistrées de manière anonyme. Les résultats s’affichent une fois qu’au moins {k} personnes d’un groupe ont répondu et que le questionnaire est clos.',
  'survey.already': 'Vous avez déjà répondu à ce questionnaire sur cet appareil. Merci.',
  'survey.alreadyOtherInvitation':
    'Vous ouvrez l’invitation d’une autre personne sur cet appareil ? Son code personnel lui permet d’y répondre aussi.',
  'survey.answerWithInvitation': 'Répondre avec cette invitation',
  'survey.sentWaiting':
    'Vos réponses ont été envoyées. Elles ne peuvent plus être modifiées pendant que le serveur les confirme.',
  'survey.answerSomething': 'Répondez à au moins une question avant d’envoyer.',
  'survey.remaining': '{n, plural, one {# caractère restant} other {# caractères restants}}',
  'survey.team': 'Équipe : {team}',
  'survey.busyOpening':
    'Beaucoup de personnes ouvrent ce questionnaire en ce moment. Il s’ouvrira tout seul dans un instant ; vous n’avez rien à faire.',
  'survey.busy':
    'Beaucoup de personnes répondent en ce moment. Vos réponses sont conservées sur cet appareil et partiront d’elles-mêmes dès que possible ; vous n’avez rien à faire.',
  'auth.title': 'Connexion',
  'auth.email': 'Adresse électronique',
  'auth.password': 'Mot de passe',
  'auth.submit': 'Se connecter',
  'auth.invite.title': 'Choisissez votre mot de passe',
  'auth.invite.help':
    'Au moins 12 caractères. Une phrase de quelques mots est facile à retenir et difficile à deviner.',
  'auth.invite.submit': 'Enregistrer le mot de passe et se connecter',
  'console.title': 'Organisations',
  'console.create': 'Nouvelle organisation',
  'console.name': 'Nom',
  'console.threshold': 'Seuil d’anonymat (k)',
  'console.thresholdHelp':
    'Aucun chiffre n’est affiché en dessous de ce nombre de répondants. Au moins 3 ; 5 est une bonne valeur par défaut.',
  'org.teams': 'Équipes',
  'org.importTitle': 'Importer la hiérarchie des équipes',
  'org.importHelp':
    'Chargez le tableur envoyé par les RH (.xlsx, ou CSV séparé par des virgules, des points-virgules ou des tabulations) ou collez du CSV. Les colonnes sont reconnues d’après leur nom ; sinon, choisissez-les ci-dessous. Rien n’est enregistré tant que vous n’avez pas cliqué sur Enregistrer.',
  'org.upload': 'Charger un tableur (.xlsx ou CSV)',
  'org.pasteCsv': 'Ou collez du CSV',
  'org.fileChosen': 'Fichier : {name}',
  'org.clearFile': 'Choisir un autre fichier',
  'org.sheet': 'Feuille',
  'org.columns': 'Les colonnes du fichier',
  'org.columnsRemembered':
    'Ce sont les colonnes que vous avez choisies pour cette organisation la dernière fois.',
  'org.noColumn': '(aucune)',
  'org.column.key': 'Identifiant de l’équipe',
  'org.column.name': 'Nom de l’équipe',
  'org.column.parentKey': 'Identifiant de l’équipe parente',
  'org.column.headcount': 'Effectif (facultatif)',
  'org.checking': 'Vérification…',
  'org.rowProblems': 'Problèmes',
  'org.changes':
    'L’enregistrement ajoute {added, plural, one {# équipe} other {# équipes}}, en retire {removed}, en déplace {moved}, en renomme {renamed} et en laisse {unchanged, plural, one {# inchangée} other {# inchangées}}.',
  'org.noChanges': 'Ce fichier correspond à la hiérarchie enregistrée : l’enregistrer ne change rien.',
  'org.exportTeams': 'Télécharger la hiérarchie :',
  'org.exportCsv': 'CSV',
  'org.exportXlsx': 'Excel (.xlsx)',
  'org.preview': 'Aperçu',
  'org.rowErrors': 'Corrigez ces lignes avant d’enregistrer :',
  'org.saveTeams': 'Enregistrer la hiérarchie',
  'org.teamsSaved': 'Hiérarchie enregistrée : {count, plural, one {# équipe} other {# équipes}}.',
  'org.waves': 'Campagnes',
  'org.newWave': 'Nouvelle campagne',
  'org.waveTitle': 'Titre',
  'org.questionnaire': 'Questionnaire',
  'org.closesAt': 'Clôture (facultatif)',
  'org.createWave': 'Créer la campagne',
  'org.members': 'Personnes ayant accès',
  'org.membersTable': 'Tableau des personnes ayant accès',
  'org.inviteEmail': 'Adresse électronique',
  'org.inviteRole': 'Rôle',
  'org.inviteTeam': 'Limiter à une équipe (responsables, facultatif)',
  'org.invite': 'Inviter',
  'org.inviteLink': 'Envoyez ce lien à usage unique à {email} (valable 7 jours) :',
  'org.audit': 'Journal d’activité',
  'org.auditCsv': 'Télécharger le journal en CSV (avec les codes bruts)',
  'audit.someone': 'Quelqu’un',
  'audit.aWave': 'une campagne',
  'audit.auth.login': 'Connexion de {actor}.',
  'audit.auth.password-change': '{actor} a changé son mot de passe.',
  'audit.member.accept': '{actor} a accepté l’invitation à rejoindre cette organisation.',
  'audit.member.add': '{actor} a invité {email} en tant que {role}.',
  'audit.member.remove': '{actor} a retiré {email}.',
  'audit.organization.create': '{actor} a créé l’organisation {name}.',
  'audit.teams.replace':
    '{actor} a importé la hiérarchie des équipes ({teams, plural, one {# équipe} other {# équipes}}).',
  'audit.teams.replace.drafts':
    '{actor} a importé la hiérarchie des équipes ({teams, plural, one {# équipe} other {# équipes}}) ; des campagnes en brouillon ont perdu {lost, plural, one {# équipe} other {# équipes}}, avec {recipients, plural, one {# destinataire} other {# destinataires}} et {codes, plural, one {# code personnel} other {# codes personnels}}.',
  'audit.wave.create': '{actor} a créé la campagne {wave}.',
  'audit.wave.open': '{actor} a ouvert la campagne {wave}.',
  'audit.wave.open.schedule': 'La campagne {wave} s’est ouverte à l’heure prévue.',
  'audit.wave.close': '{actor} a clôturé la campagne {wave}.',
  'audit.wave.close.deadline': 'La campagne {wave} a été clôturée à son échéance.',
  'audit.wave.schedule': '{actor} a modifié le calendrier de la campagne {wave}.',
  'audit.wave.recipients':
    '{actor} a chargé {recipients, plural, one {# destinataire} other {# destinataires}} pour la campagne {wave}.',
  'audit.wave.remind':
    '{actor} a relancé {recipients, plural, =1 {le seul destinataire} other {les # destinataires}} de la campagne {wave}.',
  'audit.wave.remind.schedule':
    '{recipients, plural, =1 {Le seul destinataire de la campagne {wave} a été relancé} other {Les # destinataires de la campagne {wave} ont été relancés}} comme prévu.',
  'audit.wave.invitations':
    '{actor} a généré {count, plural, one {# code personnel} other {# codes personnels}} pour l’équipe {team} dans la campagne {wave}.',
  'audit.wave.personal-codes.on':
    '{actor} a activé les codes personnels pour l’équipe {team} dans la campagne {wave}.',
  'audit.wave.personal-codes.off':
    '{actor} a désactivé les codes personnels pour l’équipe {team} dans la campagne {wave}.',
  'audit.report.export': '{actor} a exporté le rapport de la campagne {wave}.',
  'audit.action.create':
    '{actor} a pris un engagement d’action pour l’équipe {team} à la suite de la campagne {wave}.',
  'audit.action.create.organization':
    '{actor} a pris un engagement d’action pour toute l’organisation à la suite de la campagne {wave}.',
  'audit.action.update': '{actor} a mis à jour une action.',
  'audit.results.share':
    '{actor} a partagé les résultats de la campagne {wave} avec {teams, plural, one {# équipe} other {# équipes}}.',
  'audit.results.revoke': '{actor} a cessé de partager les résultats de la campagne {wave}.',
  'audit.other': '{actor} : {action}',
  'org.status.active': 'Actif',
  'org.status.invited': 'Invité',
  'org.remove': 'Retirer',
  'auth.invite.joinTitle': 'Acceptez votre invitation',
  'auth.invite.joinAs':
    'Vous utilisez le compte {email}. En acceptant, vous ajoutez l’organisation à ce compte ; votre mot de passe ne change pas.',
  'auth.invite.join': 'Accepter l’invitation',
  'auth.invite.notYou': 'Ce n’est pas vous ? Se déconnecter',
  'auth.invite.haveAccount': 'Vous avez déjà un compte ?',
  'auth.invite.haveAccountHelp':
    'Connectez-vous d’abord avec ce compte, puis acceptez : l’invitation s’ajoute à votre compte et ne change jamais son mot de passe.',
  'console.accounts': 'Comptes',
  'console.accountsHelp':
    'Qui peut créer des organisations. Les administrateurs le peuvent toujours ; les autres seulement si un administrateur l’autorise ici.',
  'console.canCreate': 'Peut créer des organisations',
  'console.admin': 'Administrateur',
  'console.notActive': 'pas encore actif',
  'console.grantOnceActive': 'quand son titulaire aura choisi un mot de passe',
  'import.noTeams': 'Le fichier ne contient aucune équipe sous sa ligne d’en-tête.',
  'import.tooManyTeams': 'Une hiérarchie compte au plus {max} équipes ; ce fichier en contient {count}.',
  'import.badKey':
    'L’identifiant doit comporter de 1 à 64 lettres, chiffres, « - », « _ » ou « . », et commencer par une lettre ou un chiffre.',
  'import.duplicateKey': 'L’identifiant « {key} » est déjà utilisé à la ligne {row}.',
  'import.badName': 'Le nom doit comporter de 1 à 200 caractères.',
  'import.controlInName':
    'Le nom ne doit contenir ni saut de ligne, ni tabulation, ni autre caractère de contrôle.',
  'import.nameShowsNothing': 'Le nom doit afficher au moins une lettre, un chiffre ou un signe.',
  'import.badHeadcount': 'L’effectif doit être un nombre entier de 0 à 1 000 000 (ici « {value} »).',
  'import.ownParent': 'Une équipe ne peut pas être sa propre équipe parente.',
  'import.unknownParent': 'Il n’existe aucune équipe « {parent} » qui puisse être l’équipe parente.',
  'import.cycle': 'Ces équipes sont parentes les unes des autres : {cycle}.',
  'import.tooDeep': '« {key} » est au niveau {level} ; une hiérarchie compte au plus {max} niveaux.',
  'import.hasResponses':
    'L’équipe « {key} » a des réponses et ne peut pas être retirée ; gardez-la dans le fichier.',
  'import.inOpenWave':
    'L’équipe « {key} » participe à la campagne ouverte « {wave} » et ne peut être retirée avant sa clôture ; gardez-la dans le fichier.',
  'import.scopesMember':
    'L’accès d’un membre est limité à l’équipe « {key} », qui ne peut donc pas être retirée ; modifiez ou retirez d’abord la limite de ce membre, ou gardez l’équipe dans le fichier.',
  'import.scopesMemberGone':
    'L’accès d’un membre est limité à une équipe « {key} » qui n’existe plus : une nouvelle équipe avec cette clé lui ouvrirait sa partie. Modifiez ou retirez d’abord la limite de ce membre, ou donnez une autre clé à l’équipe.',
  'import.keyOfPastTeam':
    'La clé « {key} » appartenait à une équipe de la campagne clôturée « {wave} », retirée depuis : une nouvelle équipe avec cette clé reprendrait son historique (ses actions, ses résultats partagés et ses évolutions). Donnez une autre clé à la nouvelle équipe.',
  'import.draftWaveLoses':
    'La campagne en brouillon « {wave} » perd {count, plural, one {l’équipe {teams}} other {# équipes ({teams})}}, et avec {count, plural, one {elle} other {elles}} {recipients, plural, =0 {aucun destinataire} one {# destinataire} other {# destinataires}} et {codes, plural, =0 {aucun code personnel} one {# code personnel} other {# codes personnels}}. Importer une équipe à nouveau ne la remet pas dans la campagne.',
  'import.draftWaveEmpty': 'Elle ne garde aucune équipe et ne peut donc plus s’ouvrir.',
  'import.missingColumn': 'Choisissez la colonne qui contient cette information.',
  'import.unknownColumn': 'Le fichier n’a pas de colonne « {column} ».',
  'import.columnTwice': 'La colonne « {column} » contient déjà : {other}.',
  'role.leader': 'Responsable',
  'role.consultant': 'Consultant',
  'wave.status.draft': 'Brouillon',
  'wave.status.open': 'Ouverte',
  'wave.status.closed': 'Clôturée',
  'wave.open': 'Ouvrir aux réponses',
  'wave.close': 'Clôturer la campagne',
  'wave.report': 'Rapport',
  'wave.links': 'Liens de participation',
  'wave.qr': 'Code QR de {team}',
  'wave.invitations': 'Codes personnels à distribuer',
  'wave.invitationCount': 'Combien',
  'wave.generate': 'Générer et télécharger le CSV',
  'wave.participation': 'Participation',
  'wave.responses': 'Réponses',
  'wave.headcount': 'Effectif',
  'wave.rate': 'Taux',
  'wave.linkFull': 'Lien saturé',
  'wave.linkFullHelp':
    'Ce lien a reçu plus de réponses que l’équipe ne compte de membres et n’en accepte plus. Quelqu’un a peut-être répondu à la place d’autres personnes : vérifiez l’effectif, ou envoyez à l’équipe un nouveau lien ou des invitations.',
  'wave.smallTeams.title': 'Équipes trop petites pour être interrogées seules',
  'wave.smallTeams.team': '{team} : {count, plural, one {# personne} other {# personnes}}',
  'wave.smallTeams.stored':
    '{count, plural, one {Cette équipe compte} other {Ces équipes comptent}} moins de {k} personnes mais {count, plural, one {a son propre lien} other {ont chacune leur propre lien}} dans cette campagne. Les réponses sont enregistrées sous l’équipe dont le lien a servi : aucun rapport ne montre une équipe aussi petite, mais quiconque peut lire la base de données peut y lire ses réponses comme celles de ses quelques membres, voire de son seul membre.',
  'wave.smallTeams.draft':
    'Avant d’ouvrir la campagne, donnez à leurs membres le lien de leur équipe parente plutôt que celui de leur propre équipe (pour les courriels, inscrivez-les dans la liste des destinataires sous l’identifiant de l’équipe parente). Leurs réponses comptent alors parmi celles de l’équipe parente.',
  'wave.smallTeams.open':
    'Les réponses déjà données par le lien de leur propre équipe restent enregistrées sous celle-ci. Désormais, donnez à leurs membres le lien de leur équipe parente (pour les courriels, inscrivez-les dans la liste des destinataires sous l’identifiant de l’équipe parente), et faites-le dès le départ lors de la prochaine campagne.',
  'wave.smallTeams.lock':
    'Activez ensuite les codes personnels de leur propre équipe sous Liens de participation, sans en générer aucun : son lien refuse alors toute réponse.',
  'report.title': 'Rapport de diagnostic',
  'preview.badge': 'aperçu d’une campagne en cours',
  'preview.explain':
    'Cette campagne est encore ouverte. Les scores apparaissent à sa clôture : des chiffres qui changent à chaque réponse permettraient à quiconque les consulte deux fois de déduire les réponses des personnes ayant répondu entre-temps. D’ici là, cette page indique combien de personnes ont répondu dans chaque groupe et quels groupes seront affichés.',
  'preview.heading': 'Réponses à ce jour',
  'preview.answered': 'Ont répondu',
  'preview.atClose': 'À la clôture, en l’état actuel',
  'preview.shown': 'affiché',
  'preview.notShown': 'non affiché',
  'report.trustIndex': 'Indice de confiance',
  'report.interval': 'Intervalle à 95 % : {lo}–{hi}',
  'report.trustInterval': 'En moyenne, les intervalles à 95 % de ses dimensions vont de {lo} à {hi}',
  'report.trend': '{change} depuis la campagne précédente',
  'report.significant': 'un changement net',
  'report.respondents': '{n, plural, one {# répondant} other {# répondants}}',
  'report.favorable': 'favorable',
  'report.heatmap': 'Carte de chaleur : équipes × dimensions',
  'report.view.score': 'Score',
  'report.view.favorable': 'Taux d’avis favorables',
  'report.view.delta': 'Écart avec l’organisation',
  'report.legend.low': 'en dessous de l’organisation',
  'report.legend.high': 'au-dessus de l’organisation',
  'report.suppressed': 'moins de {k} réponses',
  'report.protecting': 'masqué pour protéger un groupe plus petit',
  'report.hiddenCell': 'masqué pour préserver l’anonymat',
  'report.itemsHidden':
    'Une question sans valeur est masquée avec les autres questions de sa dimension : trop peu de personnes y ont répondu, ou, certaines ayant laissé des questions sans réponse, ses valeurs à côté du score de la dimension permettraient de cerner ce que quelques-unes ont répondu.',
  'report.reverseItem':
    'formulée par la négative : un score élevé signifie que les personnes ne sont pas d’accord avec elle',
  'report.legend.hidden': 'masqué : moins de {k} réponses, ou protection d’un groupe plus petit',
  'report.lowAgreement': 'équipe partagée (faible concordance)',
  'report.table': 'Les mêmes données sous forme de tableau',
  'report.findTeam': 'Trouver une équipe',
  'report.findNone': 'Aucune équipe de ce rapport ne porte ce nom.',
  'report.unfold': 'Afficher les équipes de {team}',
  'report.fold': 'Masquer les équipes de {team}',
  'report.heatmapKeys':
    'Les touches fléchées passent d’une case à l’autre ; Page précédente et Page suivante défilent d’un écran ; Entrée ouvre les questions d’une case ; Espace affiche ou masque les équipes d’une ligne.',
  'report.team': 'Équipe',
  'report.organization': 'Toute l’organisation',
  'report.foldedInPrint':
    '({count, plural, =1 {1 équipe en dessous, repliée à l’écran} other {# équipes en dessous, repliées à l’écran}})',
  'report.hotspots': 'Là où la confiance est la plus faible',
  'report.recommendations': 'Ce que les responsables peuvent faire',
  'report.drivers': 'Les leviers de l’exécution ici',
  'report.driversHelp':
    'Corrélation de chaque dimension de confiance avec l’exécution, calculée sur l’ensemble des répondants.',
  'report.noHotspots':
    'Aucune équipe affichée n’est en dessous de l’organisation, sur aucune dimension de confiance.',
  'report.driversTooFew': 'Affiché dès qu’au moins 30 personnes ont répondu.',
  'report.comments': 'Avec leurs propres mots',
  'report.reliability': 'Fiabilité (alpha de Cronbach)',
  'report.downloadCsv': 'Télécharger le CSV',
  'report.print': 'Imprimer ou enregistrer en PDF',
  'report.items': 'Questions pour {team}',
  'report.column.question': 'Énoncé',
  'report.column.favorable': 'Favorables',
  'report.column.change': 'Évolution',
  'report.closeDetail': 'Fermer',
  'report.none': 'Pas encore de rapport : la campagne est toujours ouverte ou n’a reçu aucune réponse.',
  'report.tooltip.n': 'n = {n}',
  'report.tooltip.delta': '{delta} par rapport à l’organisation',
  'report.view.change': 'Évolution depuis la campagne précédente',
  'report.legend.significant': '● les intervalles ne se chevauchent pas',
  'report.legend.lower': 'plus bas qu’à la campagne précédente',
  'report.legend.higher': 'plus haut qu’à la campagne précédente',
  'report.notBefore':
    'aucune évolution affichée : une évolution n’est affichée que là où les deux campagnes montrent la case pour les mêmes personnes',
  'report.closedOn': 'Clôturée le {date}',
  'report.comparedWith': 'évolutions depuis {wave}',
  'report.threshold': 'aucun groupe de moins de {k} personnes n’est affiché (k = {k})',
  'report.help.interval': 'Qu’est-ce qu’un intervalle à 95 % ?',
  'report.help.intervalText':
    'La plage où se situerait le plus probablement le score si tout le groupe avait répondu. Un intervalle étroit indique un score précis ; deux scores dont les intervalles se chevauchent ne diffèrent peut-être pas vraiment.',
  'report.help.agreement': 'Qu’est-ce que la concordance ?',
  'report.help.agreementText':
    'Le degré de ressemblance des réponses au sein d’une équipe. Une équipe partagée (≈) obtient un score moyen fait d’avis tranchés dans les deux sens : parlez avec l’équipe avant d’agir sur la base de son score.',
  'report.help.reliability': 'Qu’est-ce que la fiabilité ?',
  'report.help.reliabilityText':
    'Elle indique si les questions d’une dimension mesurent bien une seule et même chose : les personnes d’accord avec l’une ont tendance à l’être avec les autres. De 0 à 1 ; à partir de 0,7, on peut se fier au score.',
  'report.comment.more': 'Tout afficher',
  'report.comment.less': 'Afficher moins',
  'actions.commit': 'S’engager sur une action',
  'actions.formTitle': 'Action sur {dimension} · {team}',
  'actions.titleLabel': 'Ce qui sera fait',
  'actions.titleDefault': 'Améliorer « {dimension} » dans {team}',
  'actions.owner': 'Responsable (un nom ou une fonction)',
  'actions.dueDate': 'Échéance',
  'actions.steps': 'Étapes concrètes, une par ligne',
  'actions.suggested':
    'Proposées à partir des recommandations pour cette dimension ; modifiez-les librement.',
  'actions.stepsTooMany':
    'Une action compte au plus {max, plural, one {# étape} other {# étapes}} ; celle-ci en a {count}.',
  'actions.stepTooLong':
    'La ligne {line} compte {length, plural, one {# caractère} other {# caractères}} ; une étape en compte au plus {max}.',
  'actions.create': 'Enregistrer l’action',
  'actions.created': 'Action enregistrée. Son point de départ est {score} (n = {n}).',
  'actions.page': 'Actions',
  'actions.pageHelp':
    'Ce à quoi les responsables se sont engagés, par statut et par échéance, et ce que les campagnes suivantes ont mesuré.',
  'actions.empty':
    'Aucune action pour l’instant. Ouvrez un rapport et engagez-vous sur une action à partir d’un point faible ou d’une case de la carte de chaleur.',
  'actions.status.planned': 'Prévue',
  'actions.status.in-progress': 'En cours',
  'actions.status.done': 'Terminée',
  'actions.status.dropped': 'Abandonnée',
  'actions.overdue': 'En retard',
  'actions.due': 'Échéance le {date}',
  'actions.ownerIs': 'Responsable : {owner}',
  'actions.baseline': 'Point de départ {score} (n = {n}) lors de {wave}',
  'actions.statusLabel': 'Statut',
  'actions.note': 'Note de suivi',
  'actions.checkIns': 'Points de suivi',
  'actions.saved': 'Enregistré.',
  'actions.save': 'Enregistrer',
  'actions.edit': 'Modifier le titre, le responsable ou l’échéance',
  'actions.organization': 'Toute l’organisation',
  'actions.fromEarlier': 'Actions des campagnes précédentes',
  'actions.fromEarlierHelp':
    'Chaque action avec son score au moment où elle a été décidée et son score dans cette campagne.',
  'actions.measuredIn': 'Lors de {wave} : {outcome}',
  'actions.notMeasured': 'Pas encore mesurée : aucune campagne ultérieure n’est clôturée.',
  'actions.measuredOutsideScope':
    'Mesurée par une campagne ultérieure où cette équipe était hors de votre périmètre : son résultat ne vous est donc pas montré.',
  'actions.notMeasuredDropped': 'Non mesurée : elle a été abandonnée avant la clôture de cette campagne.',
  'actions.notAsked': 'Non mesurée : cette campagne ne portait pas sur cette dimension.',
  'actions.notMeasuredHere': 'Non mesurée par cette campagne.',
  'actions.verdict.improved':
    'Amélioration : {from} → {to} ({delta}). La hausse dépasse ce que le hasard pourrait expliquer.',
  'actions.verdict.no-clear-change':
    'Pas de changement net : {from} → {to} ({delta}). L’écart reste dans ce que le hasard seul pourrait produire.',
  'actions.verdict.worsened':
    'Dégradation : {from} → {to} ({delta}). La baisse dépasse ce que le hasard pourrait expliquer.',
  'actions.verdict.not-measurable':
    'Non mesurable : la campagne suivante n’affiche pas cette case (masquée pour l’anonymat, équipe disparue, ou autres équipes interrogées en dessous), on ne peut donc pas conclure.',
  'actions.backToReport': 'Page des actions',
  'share.title': 'Partager les résultats avec les collaborateurs',
  'share.help':
    'Un lien en lecture seule par équipe : les scores de l’organisation, ceux de l’équipe là où le rapport les affiche, et les actions. Aucun commentaire.',
  'share.create': 'Créer les liens',
  'share.revoke': 'Retirer les liens',
  'results.title': 'Résultats : {wave}',
  'results.organization': 'Toute l’organisation',
  'results.team': 'Votre équipe : {team}',
  'results.teamHidden':
    'Les résultats propres à votre équipe ne sont pas affichés : moins de {k} personnes ont répondu, ou les afficher pourrait révéler un groupe plus petit. Vos réponses comptent dans les résultats de l’organisation.',
  'results.trustIndex': 'Indice de confiance',
  'results.respondents': '{n, plural, one {# personne a répondu} other {# personnes ont répondu}}',
  'results.actions': 'Ce que nous faisons à ce sujet',
  'results.noActions': 'Aucune action n’a encore été enregistrée.',
  'results.anonymity':
    'Les résultats ne sont affichés que pour des groupes d’au moins {k} personnes. Aucun commentaire n’est affiché ici.',
  'results.hiddenCell': 'non affiché',
  'results.busy':
    'Beaucoup de personnes ouvrent ces résultats en ce moment. Ils s’afficheront d’eux-mêmes dans un instant ; vous n’avez rien à faire.',
  'results.offline':
    'Pas de connexion. Les résultats s’afficheront d’eux-mêmes dès que la connexion sera rétablie.',
  'schedule.opensAt': 'Ouverture (facultatif)',
  'schedule.opensAtHelp':
    'La campagne s’ouvre alors d’elle-même et envoie ses invitations par courriel. Laissez vide pour l’ouvrir vous-même.',
  'schedule.reminderDays': 'Jours de relance (facultatif)',
  'schedule.reminderDaysHelp':
    'Jours après l’ouverture où chaque destinataire reçoit une relance, par exemple 3, 6.',
  'schedule.locale': 'Langue des courriels',
  'schedule.badDay': '« {day} » n’est pas un jour entre {first} et {last}.',
  'schedule.tooManyDays': '{most} jours de relance au maximum.',
  'schedule.opensOn': 'S’ouvre d’elle-même le {when}',
  'schedule.opensByHand': 'S’ouvre quand vous l’ouvrez',
  'schedule.closesOn': 'Clôture le {when}',
  'schedule.noDeadline': 'Pas d’échéance : elle se clôture quand vous la clôturez',
  'schedule.noReminders': 'Aucune relance prévue',
  'schedule.reminders': 'Relances {days} {last, plural, one {jour} other {jours}} après l’ouverture',
  'schedule.nextReminder': 'Prochaine relance le {when}',
  'schedule.reminderDue': 'Une relance est due et part sous peu',
  'schedule.noReminderLeft': 'Plus aucune relance à envoyer',
  'schedule.emailLanguage': 'Courriels en {language}',
  'schedule.change': 'Modifier le calendrier',
  'links.personalCodes': 'Codes personnels',
  'links.personalCodesHelp':
    'Avec les codes personnels, le lien d’une équipe n’accepte une réponse qu’avec un code à usage unique, envoyé par courriel ou remis en main propre. Utilisez-les là où un lien transféré pourrait permettre à d’autres de répondre.',
  'links.personalCodesWarning':
    'Activer les codes personnels pour {team} ? Le lien partagé de cette équipe n’acceptera alors que des réponses accompagnées d’un code personnel. Toute personne qui a déjà le lien devra en saisir un. Si l’équipe avait déjà des codes, ceux qui n’ont pas servi ne fonctionnent plus, et chaque personne de sa liste de diffusion en reçoit un nouveau par courriel.',
  'links.generateHelp':
    'Pour une distribution en main propre, sur papier par exemple. Chaque code ne sert qu’une fois et n’est affiché que maintenant : conservez le fichier. Rien n’indique qui reçoit quel code.',
  'delivery.title': 'Envoi des courriels',
  'delivery.notConfigured':
    'L’envoi de courriels n’est pas configuré sur ce serveur (SMTP_URL) ; partagez vous-même les liens des équipes.',
  'delivery.recipients': 'Destinataires',
  'delivery.queued': 'En attente d’envoi',
  'delivery.sent': 'Envoyés',
  'delivery.failed': 'En échec',
  'delivery.perTeam': 'Par équipe',
  'delivery.heldUp':
    '{count, plural, one {# message attend} other {# messages attendent}} une nouvelle tentative : le serveur de courriel a refusé l’envoi pour l’instant, ou n’a pas pu être joint. L’envoi reprend de lui-même ; si cela dure, demandez à qui gère le serveur de vérifier ses réglages de courriel.',
  'delivery.serverSaid': 'Dernière réponse du serveur de courriel :',
  'delivery.failedAddresses': 'Adresses en échec ({count})',
  'delivery.failedHelp':
    'L’envoi à ces adresses a été abandonné après plusieurs tentatives. Vérifiez-les et chargez la liste corrigée.',
  'delivery.remind': 'Envoyer une relance à tout le monde',
  'delivery.remindConfirm':
    'Envoyer maintenant une relance {count, plural, =1 {au seul destinataire} other {aux # destinataires}} ?',
  'delivery.remindNote':
    'Les relances partent vers tous les destinataires, car personne, pas même ce système, ne sait qui a répondu. Les personnes qui ont déjà répondu sont informées qu’elles n’ont rien à faire. Dans les équipes avec codes personnels, la relance renvoie au premier courriel, puisque rien n’indique quel code a été remis à qui.',
  'delivery.reminded':
    'Relance en cours d’envoi à {count, plural, one {# destinataire} other {# destinataires}}.',
  'delivery.uploadTitle': 'Destinataires',
  'delivery.uploadHelpDraft':
    'CSV avec l’en-tête email,team_key, une personne par ligne. Un nouveau chargement remplace la liste. Les invitations partent par courriel à l’ouverture de la campagne ; la liste est supprimée à sa clôture.',
  'delivery.uploadHelpOpen':
    'CSV avec l’en-tête email,team_key, une personne par ligne. Un nouveau chargement remplace la liste, et les nouveaux destinataires reçoivent aussitôt leur courriel. La liste est supprimée à la clôture de la campagne.',
  'delivery.paste': 'Coller du CSV',
  'delivery.upload': 'Charger les destinataires',
  'delivery.uploaded': 'Liste enregistrée : {count, plural, one {# destinataire} other {# destinataires}}.',
  'delivery.invited': '{count, plural, one {# invitation est} other {# invitations sont}} en cours d’envoi.',
  'delivery.rowErrors': 'Rien n’a été enregistré. Corrigez ces lignes, puis chargez à nouveau la liste :',
  'delivery.moreErrors': '…et {count} de plus.',
  'progress.help':
    'L’effectif est le nombre de personnes censées répondre dans cette équipe, sans compter les sous-équipes. « Avec sous-équipes » ajoute toutes les équipes situées en dessous. Une équipe est signalée « sous l’objectif » quand moins de {target} % de l’effectif de l’équipe et de ses sous-équipes ont répondu.',
  'progress.answers': 'Réponses / effectif',
  'progress.withSubteams': 'Avec sous-équipes',
  'progress.subtreeRate': 'Taux avec sous-équipes',
  'progress.mailSent': 'Courriels envoyés',
  'progress.mailFailed': 'Courriels en échec',
  'progress.level': 'Niveau {level} :',
  'progress.belowTarget': 'sous l’objectif',
  'progress.updated': 'Mis à jour à {time}.',
  'progress.updatedLive': 'Mis à jour à {time} ; actualisé toutes les 30 secondes.',
  'nav.breadcrumb': 'Vous êtes ici',
  'state.notFound': 'Introuvable',
  'state.failed': 'Impossible de charger cette page',
  'state.offline': 'Le serveur est injoignable. Vérifiez votre connexion, puis réessayez.',
  'state.reconnecting': 'Le serveur est injoignable pour le moment. Nouvel essai automatique en cours…',
  'state.noOrganization':
    'Cette organisation n’existe pas, ou vous n’y avez pas accès. Le lien est peut-être ancien ou mal saisi.',
  'state.noWave':
    'Cette campagne n’existe pas dans cette organisation, ou vous ne pouvez pas encore la voir (les responsables voient une campagne une fois qu’elle est clôturée).',
  'state.backToOrganizations': 'Retour aux organisations',
  'state.backToOrganization': 'Retour à l’organisation',
  'state.backHome': 'Retour à l’accueil',
  'org.sections': 'Rubriques de l’organisation',
  'org.tab.waves': 'Campagnes',
  'org.tab.teams': 'Équipes',
  'org.tab.people': 'Personnes',
  'org.tab.audit': 'Journal d’activité',
  'org.threshold': 'Les résultats sont affichés pour les groupes d’au moins {k} personnes.',
  'org.empty.noTeams':
    'Importez d’abord la hiérarchie des équipes : une campagne s’adresse à des équipes, elle en a donc besoin.',
  'org.empty.goToTeams': 'Aller aux équipes',
  'org.empty.noTeamsLeader': 'Aucune équipe pour l’instant. Votre consultant les met en place.',
  'org.empty.noWaves':
    'Aucune campagne pour l’instant. Créez la première ci-dessous : elle commence à l’état de brouillon, et vous pouvez la vérifier avant de l’ouvrir aux réponses.',
  'org.empty.noClosedWaves':
    'Aucune campagne clôturée pour l’instant. Le rapport d’une campagne apparaît ici dès que votre consultant l’a clôturée.',
  'org.empty.importTeams':
    'Aucune équipe pour l’instant. Chargez un tableur ou collez du CSV ci-dessous : une ligne par équipe, avec son équipe parente.',
  'org.empty.noPeople':
    'Personne d’autre n’a encore accès. Invitez ci-dessous les responsables qui liront les résultats.',
  'org.empty.noAudit': 'Rien n’a encore été enregistré.',
  'org.memberStatus': 'Statut',
  'org.removeWho': 'Retirer {email}',
  'org.inviteTitle': 'Inviter une personne',
  'wave.closedOn': 'Clôturée le {date}',
  'wave.closesOn': 'Clôture le {date}',
  'wave.opensOn': 'Ouverture le {date}',
  'wave.noPublishedParticipation':
    'Le rapport ne montre aucun groupe de votre périmètre : chacun est masqué pour l’anonymat.',
  'console.emptyCreate':
    'Aucune organisation pour l’instant. Créez votre premier client ci-dessous, puis importez ses équipes.',
  'console.emptyInvited':
    'Vous n’avez encore accès à aucune organisation. Demandez une invitation à votre consultant.',
  'console.latestWave': 'Dernière campagne :',
  'console.noWave': 'Aucune campagne pour l’instant.',
  'console.rate': '{rate} de réponses ({responses} sur {headcount})',
  'console.responses': '{responses, plural, one {# réponse} other {# réponses}}',
  'console.rateHidden': 'taux de réponse non affiché (masqué pour l’anonymat, ou pas encore prêt)',
  'console.latestUnavailable': 'Impossible de charger la dernière campagne.',
  'confirm.close.title': 'Clôturer la campagne {wave} ?',
  'confirm.close.body':
    '{count, plural, =1 {La clôture fige les résultats : le lien ouvert de la campagne n’acceptera plus de réponses, et le rapport deviendra définitif. Cette action est irréversible.} other {La clôture fige les résultats : les # liens ouverts de la campagne n’accepteront plus de réponses, et le rapport deviendra définitif. Cette action est irréversible.}}',
  'confirm.close.action': 'Clôturer la campagne',
  'confirm.remove.title': 'Retirer {email} ?',
  'confirm.remove.body':
    'Son accès à cette organisation prend fin immédiatement ; ses accès aux autres organisations restent. Pour le lui rendre, il faudra l’inviter à nouveau.',
  'confirm.remove.bodyInvited':
    'Son invitation cesse aussitôt de fonctionner. Pour lui donner accès plus tard, il faudra l’inviter à nouveau.',
  'confirm.remove.action': 'Retirer',
  'confirm.unshare.title': 'Retirer les liens vers les résultats ?',
  'confirm.unshare.body':
    '{count, plural, =1 {Le lien cesse aussitôt de fonctionner pour toutes les personnes qui l’ont. Un nouveau partage crée un nouveau lien, qu’il faudra envoyer à nouveau.} other {Les # liens cessent aussitôt de fonctionner pour toutes les personnes qui les ont. Un nouveau partage crée de nouveaux liens, qu’il faudra envoyer à nouveau.}}',
  'confirm.unshare.action': 'Retirer les liens',
  'wave.schedule': 'Calendrier',
  'confirm.removeTeams.title': 'Retirer des équipes de la hiérarchie ?',
  'confirm.removeTeams.body':
    '{count, plural, =1 {L’enregistrement retire une équipe absente de ce fichier, avec sa place dans la hiérarchie. Pour la rétablir, importez-la à nouveau.} other {L’enregistrement retire # équipes absentes de ce fichier, avec leur place dans la hiérarchie. Pour en rétablir une, importez-la à nouveau.}} Les campagnes encore en brouillon perdent aussi les équipes retirées, et les importer à nouveau ne les y remet pas.',
  'confirm.removeTeams.action': 'Enregistrer et retirer',
  'access.leader': 'Responsable de toute l’organisation',
  'access.leaderOf': 'Responsable limité à {team}',
  'audit.member.change': '{actor} a changé l’accès de {email} : de « {before} » à « {after} ».',
  'confirm.access.title': 'Changer l’accès de {email} ?',
  'confirm.access.body':
    'Aujourd’hui : {before}. Après l’enregistrement : {after}. Si la personne a accepté son invitation, le changement s’applique aussitôt.',
  'confirm.access.action': 'Changer l’accès',
  'org.newLink': 'Nouveau lien',
  'org.newLinkFor': 'Nouveau lien d’invitation pour {email}, avec le même accès',
};
