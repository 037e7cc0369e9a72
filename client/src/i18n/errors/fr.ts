import type { ErrorCatalog } from './en.ts';

export const fr: ErrorCatalog = {
  'request.invalid': 'Certains champs sont à revoir :',
  'request.not-found': 'Il n’y a rien ici : l’adresse n’existe pas, ou vous n’y avez pas accès.',
  'request.invalid-json': 'Les données envoyées sont illisibles. Rechargez la page et réessayez.',
  'request.too-large': 'C’est trop volumineux pour être envoyé : {limit} au maximum.',
  'request.unsupported-type':
    'Ce type de fichier ne peut pas être lu ici. Envoyez l’un de ceux-ci : {accepted}.',
  'request.refused': 'La demande a été refusée. Rechargez la page et réessayez.',
  'request.bad-path':
    'Cette adresse n’est pas valide. Vérifiez qu’elle a été copiée en entier, ou rouvrez le lien.',
  'request.path-too-long':
    'Cette adresse est trop longue pour mener quelque part. Vérifiez qu’elle a été bien copiée.',
  'request.not-utf8':
    'Le fichier n’est pas en texte UTF-8. Enregistrez-le en UTF-8 (« CSV UTF-8 » dans Excel) et réessayez.',
  'request.not-utf16': 'Le fichier n’est pas un texte UTF-16 valide. Enregistrez-le en UTF-8 et réessayez.',
  'request.csv-unreadable': 'Le fichier CSV n’a pas pu être lu. Vérifiez qu’il s’agit d’un CSV simple.',
  'request.file-unreadable': 'Le fichier ne peut pas être lu :',
  'request.too-many':
    'Trop de tentatives. Patientez {seconds, plural, one {# seconde} other {# secondes}}, puis réessayez.',
  'request.cross-site': 'Cette modification doit être faite depuis ce site même.',
  'request.idempotency-key-invalid': 'doit compter de 16 à 64 lettres, chiffres, - ou _',
  'request.idempotency-key-reused': 'a déjà été envoyée avec une autre demande',
  'request.in-progress':
    'Cette demande a déjà été envoyée et est encore en cours de traitement. Patientez un instant, puis réessayez.',

  'validation.required': 'est obligatoire',
  'validation.wrong-type': 'n’a pas le type de valeur attendu ({expected})',
  'validation.too-small': 'doit valoir au moins {min}',
  'validation.too-small-exclusive': 'doit être supérieur à {min}',
  'validation.too-big': 'doit valoir au plus {max}',
  'validation.too-big-exclusive': 'doit être inférieur à {max}',
  'validation.too-short': 'doit compter au moins {min, plural, one {# caractère} other {# caractères}}',
  'validation.too-long': 'doit compter au plus {max, plural, one {# caractère} other {# caractères}}',
  'validation.too-few': 'en demande au moins {min}',
  'validation.too-many': 'en accepte au plus {max}',
  'validation.not-multiple': 'doit être un multiple de {divisor}',
  'validation.invalid-email': 'n’est pas une adresse électronique',
  'validation.invalid-url': 'n’est pas une adresse web',
  'validation.invalid-date': 'n’est pas une date et une heure',
  'validation.invalid-format': 'n’a pas le format attendu',
  'validation.not-allowed': 'doit être l’une de ces valeurs : {allowed}',
  'validation.unknown-keys': 'contient des champs inattendus : {keys}',
  'validation.unstorable-text': 'contient des caractères qui ne peuvent pas être enregistrés comme texte',
  'validation.control-character':
    'ne doit contenir ni saut de ligne, ni tabulation, ni autre caractère de contrôle',
  'validation.shows-nothing': 'doit afficher au moins une lettre, un chiffre ou un signe',
  'validation.invalid': 'n’est pas valide',

  'service.internal':
    'Un problème est survenu de notre côté. Il a été enregistré ; si vous nous contactez, indiquez la demande {requestId}.',
  'service.unavailable': 'Le service est momentanément occupé. Réessayez dans un instant.',
  'service.database-unavailable':
    'Le service n’accède pas à ses données pour le moment. Réessayez dans un instant.',
  'service.restarting': 'Le service redémarre. Réessayez dans un instant.',

  'auth.sign-in-required': 'Connectez-vous pour continuer.',
  'auth.wrong-credentials': 'L’adresse électronique ou le mot de passe est incorrect.',
  'auth.admin-only': 'Seul un administrateur peut faire cela.',
  'auth.admin-or-delegate-only':
    'Seul un administrateur, ou une personne qu’il y a autorisée, peut faire cela.',
  'auth.role-not-allowed': 'Votre rôle dans cette organisation ({role}) ne permet pas de faire cela.',
  'auth.invitation-expired':
    'Cette invitation a expiré, a été remplacée ou a été retirée. Demandez-en une nouvelle.',
  'auth.invitation-for-new-account':
    'Cette invitation est pour un nouveau compte, pas pour celui qui est connecté. Déconnectez-vous, puis rouvrez le lien pour en choisir le mot de passe.',
  'auth.invitation-for-other-account':
    'Cette invitation concerne un autre compte. Déconnectez-vous, connectez-vous en tant que personne invitée, puis rouvrez le lien.',
  'auth.invitation-for-existing-account':
    'Cette invitation concerne un compte qui existe déjà. Connectez-vous avec ce compte, puis rouvrez le lien.',
  'auth.password-needed': 'Choisissez un mot de passe pour votre nouveau compte.',
  'auth.password-already-set':
    'Votre compte a déjà un mot de passe ; accepter l’invitation ne le modifie pas.',
  'auth.current-password-wrong': 'Ce n’est pas votre mot de passe actuel.',

  'organization.not-found': 'Cette organisation n’existe pas, ou vous n’y avez pas accès.',
  'account.not-found': 'Ce compte n’existe pas.',
  'account.not-active':
    'Ce compte n’est pas encore activé. Il pourra recevoir ce droit quand son titulaire aura choisi un mot de passe.',
  'member.not-found': 'Cette personne n’est pas membre de cette organisation.',
  'member.team-only-for-leaders': 'Seuls les responsables peuvent être limités à une équipe.',
  'member.unknown-team': 'Il n’y a pas d’équipe « {team} » dans cette organisation.',
  'member.last-consultant':
    'L’organisation n’aurait plus de consultant, et seul un administrateur pourrait alors la gérer. Donnez d’abord le rôle de consultant à quelqu’un d’autre.',
  'teams.columns-unreadable': 'Les colonnes du fichier ne peuvent pas être associées :',
  'teams.invalid': 'La hiérarchie comporte des problèmes à corriger :',
  'teams.removed-team-has-responses':
    '{count, plural, one {L’équipe « {teams} » a déjà des réponses et ne peut pas être retirée ; gardez-la dans la hiérarchie.} other {Ces équipes ont déjà des réponses et ne peuvent pas être retirées ; gardez-les dans la hiérarchie : {teams}.}}',
  'teams.team-has-responses': 'a des réponses et ne peut pas être retirée',
  'teams.removed-team-in-open-wave':
    '{count, plural, one {L’équipe « {teams} » participe à une campagne ouverte : ses membres répondent par son lien. Gardez-la dans la hiérarchie jusqu’à la clôture de la campagne.} other {Ces équipes participent à des campagnes ouvertes, et leurs membres répondent par leur lien : {teams}. Gardez-les dans la hiérarchie jusqu’à la clôture de ces campagnes.}}',
  'teams.team-in-open-wave':
    'participe à la campagne ouverte « {wave} » et ne peut être retirée avant sa clôture',
  'teams.removed-team-scopes-member':
    '{count, plural, one {L’accès d’un membre est limité à l’équipe « {teams} », qui ne peut donc pas être retirée ; modifiez ou retirez d’abord la limite de ce membre.} other {L’accès de certains membres est limité à ces équipes, qui ne peuvent donc pas être retirées ; modifiez ou retirez d’abord ces limites : {teams}.}}',
  'teams.team-scopes-member':
    'limite l’accès d’un membre et ne peut pas être retirée ; modifiez ou retirez d’abord la limite de ce membre',
  'teams.new-team-scopes-member':
    '{count, plural, one {L’accès d’un membre est limité à l’équipe « {teams} », qui n’existe plus ; une nouvelle équipe avec cette clé lui ouvrirait sa partie. Modifiez ou retirez d’abord la limite de ce membre, ou donnez une autre clé à l’équipe.} other {L’accès de certains membres est limité à ces équipes, qui n’existent plus ; de nouvelles équipes avec ces clés leur ouvriraient leurs parties. Modifiez ou retirez d’abord ces limites, ou donnez d’autres clés aux équipes : {teams}.}}',
  'teams.team-key-scopes-member':
    'était l’équipe à laquelle l’accès d’un membre est limité ; une nouvelle équipe avec cette clé lui ouvrirait sa partie',
  'teams.key-of-past-team':
    '{count, plural, one {La clé « {teams} » appartenait à une équipe d’une campagne clôturée, retirée depuis ; une nouvelle équipe avec cette clé reprendrait son historique (ses actions, ses résultats partagés et ses évolutions). Donnez-lui une autre clé.} other {Ces clés appartenaient à des équipes de campagnes clôturées, retirées depuis ; de nouvelles équipes avec ces clés reprendraient leur historique (leurs actions, leurs résultats partagés et leurs évolutions). Donnez-leur d’autres clés : {teams}.}}',
  'teams.team-key-of-past-team':
    'appartenait à une équipe de la campagne clôturée « {wave} », retirée depuis ; donnez une autre clé à la nouvelle équipe',
  'teams.changed-since-preview':
    'Quelqu’un d’autre a modifié les équipes après cet aperçu : rien n’a été enregistré. Vérifiez le nouvel aperçu ci-dessous, puis enregistrez de nouveau.',
  'teams.removed-team-just-answered':
    'Une équipe que cette importation retirerait vient de recevoir une réponse ; gardez-la dans la hiérarchie.',

  'questionnaire.not-found': 'Le questionnaire {questionnaire} n’existe pas.',
  'questionnaire.version-not-found': 'Le questionnaire {questionnaire} n’a pas de version {version}.',
  'questionnaire.locale-unavailable':
    'Le questionnaire {questionnaire} n’existe pas en « {locale} » ; il est disponible en {locales}.',

  'wave.not-found': 'Cette campagne n’existe pas, ou vous n’y avez pas accès.',
  'wave.unknown-questionnaire': 'Le questionnaire {questionnaire} n’existe pas.',
  'wave.closes-at-in-past': 'La date de clôture doit être dans le futur.',
  'wave.opens-at-in-past': 'La date d’ouverture doit être dans le futur.',
  'wave.time-too-far': 'doit se situer au plus deux ans après aujourd’hui',
  'wave.opens-after-closing': 'La campagne doit s’ouvrir avant de se clôturer.',
  'wave.closes-before-opening': 'La clôture doit venir après l’ouverture.',
  'wave.locale-unavailable': 'Ce questionnaire est disponible en : {locales}.',
  'wave.needs-teams': 'Importez la hiérarchie des équipes avant de créer une campagne.',
  'wave.teams-changed':
    'Les équipes ont changé entre-temps (quelqu’un a importé une hiérarchie) : rien n’a été enregistré. Réessayez.',
  'wave.unknown-teams':
    '{count, plural, one {L’équipe « {teams} » n’existe pas.} other {Ces équipes n’existent pas : {teams}.}}',
  'wave.team-not-in-wave': 'L’équipe « {team} » ne fait pas partie de cette campagne.',
  'wave.personal-codes-off':
    'L’équipe « {team} » répond par son lien partagé ; activez d’abord les codes personnels pour elle.',
  'wave.closed': 'Cette campagne est clôturée.',
  'wave.closed-recipients-gone': 'Cette campagne est clôturée ; sa liste de destinataires a été supprimée.',
  'wave.reminders-need-open':
    'Les relances ne partent que pendant qu’une campagne est ouverte (cette campagne : {status}).',
  'wave.no-recipients': 'Cette campagne n’a pas encore de destinataires ; importez d’abord la liste.',
  'wave.already-open': 'Cette campagne est déjà ouverte.',
  'wave.opening-in-past': 'La date d’ouverture doit être dans le futur.',
  'wave.must-open-before-closing': 'La campagne doit s’ouvrir avant de se clôturer.',
  'wave.wrong-step':
    'Une campagne passe seulement de brouillon à ouverte, puis à clôturée (cette campagne : {status}).',
  'wave.closing-time-passed': 'Sa date de clôture est passée ; créez une nouvelle campagne.',
  'wave.no-teams':
    'Cette campagne n’a plus aucune équipe (une importation de la hiérarchie les a retirées), elle ne peut donc pas s’ouvrir ; créez une nouvelle campagne.',
  'wave.csv-after-close': 'L’export CSV est disponible une fois la campagne clôturée.',

  'delivery.email-not-configured':
    'Ce serveur n’envoie pas encore de courriels ; partagez vous-même les liens des équipes, ou demandez à votre administrateur de configurer l’envoi.',
  'delivery.header-missing-columns':
    'La première ligne du fichier doit nommer les colonnes email et team_key ; il manque : {columns}.',
  'delivery.column-missing': 'est manquante',
  'delivery.too-many-recipients': 'Une campagne accepte au plus {max} destinataires.',
  'delivery.email-invalid': 'n’est pas une adresse électronique',
  'delivery.email-repeated': 'figure déjà à la ligne {row}',
  'delivery.team-not-in-wave': '« {team} » n’est pas une équipe de cette campagne',
  'delivery.invalid-list': 'La liste comporte des problèmes à corriger :',

  'report.not-found': 'Il n’y a pas encore de rapport pour cette campagne.',
  'report.being-prepared': 'Ce rapport est en préparation. Réessayez dans un instant.',
  'results.needs-closed-wave': 'Les résultats peuvent être partagés une fois la campagne clôturée.',
  'results.link-unknown': 'Ce lien vers les résultats n’est pas valide, ou il a été retiré.',
  'action.not-found': 'Cette action n’existe pas, ou vous n’y avez pas accès.',
  'action.needs-closed-wave':
    'Les actions s’appuient sur les résultats publiés d’une campagne clôturée (cette campagne : {status}).',
  'action.unknown-dimension': 'Ce questionnaire n’a pas de dimension « {dimension} ».',
  'action.team-outside-scope':
    'Vous pouvez vous engager sur des actions, et les modifier, uniquement pour les équipes de votre périmètre.',
  'action.cell-hidden':
    'Le rapport masque cette case (trop peu de réponses, ou masquée pour qu’un petit groupe ne puisse pas être déduit par soustraction) : il n’y a donc pas de score pour mesurer une action. Choisissez une équipe ou une dimension que le rapport affiche.',
  'action.due-date-out-of-range':
    'doit être comprise entre le {earliest} et le {latest} : d’un an avant la clôture de la campagne à dix ans après',
  'action.nothing-to-change':
    'Modifiez au moins l’un de ces éléments : statut, note, échéance, responsable, titre.',
  'action.changed-meanwhile':
    'Quelqu’un a modifié cette action après que vous l’avez ouverte. Elle affiche maintenant sa modification : refaites la vôtre si elle s’applique encore.',

  'survey.link-unknown':
    'Ce lien de questionnaire n’est pas valide. Vérifiez que vous avez bien le lien en entier.',
  'survey.not-open': 'Ce questionnaire n’est pas encore ouvert. Revenez un peu plus tard.',
  'survey.closed': 'Ce questionnaire est clos et n’accepte plus de réponses.',
  'survey.team-full':
    'Ce lien a reçu plus de réponses que l’équipe ne compte de membres ; il n’en accepte donc plus. Si vous n’avez pas encore répondu, prévenez la personne qui vous l’a envoyé.',
  'survey.invitation-required': 'Saisissez le code personnel indiqué dans votre invitation.',
  'survey.invitation-unknown':
    'Ce code personnel n’est pas valide pour ce questionnaire. Vérifiez-le et réessayez.',
  'survey.invitation-used': 'Ce code personnel a déjà servi ; chaque code ne répond qu’une fois.',
  'survey.invitation-not-needed': 'Ce lien de questionnaire ne demande pas de code personnel.',
  'survey.not-a-question': 'n’est pas une question de ce questionnaire',
  'survey.answer-required': 'demande une réponse',
  'survey.answer-out-of-range': 'doit être l’une des cinq réponses, ou laissée sans réponse',
  'survey.no-answers': 'Répondez au moins à une question.',
  'survey.answers-invalid': 'Certaines réponses sont à revoir :',
};
