import type { ErrorCatalog } from './en.ts';

export const de: ErrorCatalog = {
  'request.invalid': 'Bitte prüfen Sie diese Felder:',
  'request.not-found':
    'Hier gibt es nichts: Die Adresse existiert nicht, oder Sie haben keinen Zugriff darauf.',
  'request.invalid-json':
    'Die gesendeten Daten konnten nicht gelesen werden. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
  'request.too-large': 'Das ist zu groß zum Senden: höchstens {limit}.',
  'request.unsupported-type':
    'Diese Art von Datei kann hier nicht gelesen werden. Senden Sie eine davon: {accepted}.',
  'request.refused':
    'Die Anfrage wurde abgelehnt. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
  'request.bad-path':
    'Diese Adresse ist ungültig. Prüfen Sie, ob sie vollständig kopiert wurde, oder öffnen Sie den Link erneut.',
  'request.path-too-long':
    'Diese Adresse ist zu lang, um irgendwohin zu führen. Prüfen Sie, ob sie richtig kopiert wurde.',
  'request.not-utf8':
    'Die Datei ist kein UTF-8-Text. Speichern Sie sie als UTF-8 (in Excel „CSV UTF-8“) und versuchen Sie es noch einmal.',
  'request.not-utf16':
    'Die Datei ist kein gültiger UTF-16-Text. Speichern Sie sie als UTF-8 und versuchen Sie es noch einmal.',
  'request.csv-unreadable':
    'Die CSV-Datei konnte nicht gelesen werden. Prüfen Sie, ob es eine einfache CSV-Datei ist.',
  'request.file-unreadable': 'Die Datei kann nicht gelesen werden:',
  'request.too-many':
    'Zu viele Versuche. Bitte warten Sie {seconds, plural, one {# Sekunde} other {# Sekunden}} und versuchen Sie es dann erneut.',
  'request.cross-site': 'Diese Änderung muss direkt auf dieser Website vorgenommen werden.',
  'request.idempotency-key-invalid': 'muss aus 16 bis 64 Buchstaben, Ziffern, - oder _ bestehen',
  'request.idempotency-key-reused': 'wurde schon mit einer anderen Anfrage gesendet',
  'request.in-progress':
    'Dies wurde schon gesendet und wird noch bearbeitet. Warten Sie einen Moment und versuchen Sie es dann erneut.',

  'validation.required': 'ist erforderlich',
  'validation.wrong-type': 'hat nicht die erwartete Art von Wert ({expected})',
  'validation.too-small': 'muss mindestens {min} sein',
  'validation.too-small-exclusive': 'muss größer als {min} sein',
  'validation.too-big': 'darf höchstens {max} sein',
  'validation.too-big-exclusive': 'muss kleiner als {max} sein',
  'validation.too-short': 'muss mindestens {min} Zeichen lang sein',
  'validation.too-long': 'darf höchstens {max} Zeichen lang sein',
  'validation.too-few': 'braucht mindestens {min}',
  'validation.too-many': 'nimmt höchstens {max}',
  'validation.not-multiple': 'muss ein Vielfaches von {divisor} sein',
  'validation.invalid-email': 'ist keine E-Mail-Adresse',
  'validation.invalid-url': 'ist keine Webadresse',
  'validation.invalid-date': 'ist kein Datum mit Uhrzeit',
  'validation.invalid-format': 'hat nicht das erwartete Format',
  'validation.not-allowed': 'muss einer dieser Werte sein: {allowed}',
  'validation.unknown-keys': 'enthält Felder, die hier nicht erwartet werden: {keys}',
  'validation.unstorable-text': 'enthält Zeichen, die sich nicht als Text speichern lassen',
  'validation.control-character':
    'darf keine Zeilenumbrüche, Tabulatoren oder anderen Steuerzeichen enthalten',
  'validation.shows-nothing': 'muss mindestens einen Buchstaben, eine Ziffer oder ein Zeichen zeigen',
  'validation.invalid': 'ist ungültig',

  'service.internal':
    'Bei uns ist etwas schiefgegangen. Der Fehler wurde protokolliert; wenn Sie uns schreiben, nennen Sie bitte die Anfrage {requestId}.',
  'service.unavailable': 'Der Dienst ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.',
  'service.database-unavailable':
    'Der Dienst erreicht seine Daten im Moment nicht. Bitte versuchen Sie es gleich noch einmal.',
  'service.restarting': 'Der Dienst startet neu. Bitte versuchen Sie es gleich noch einmal.',

  'auth.sign-in-required': 'Bitte melden Sie sich an, um fortzufahren.',
  'auth.wrong-credentials': 'E-Mail-Adresse oder Passwort stimmen nicht.',
  'auth.admin-only': 'Das kann nur ein Administrator.',
  'auth.admin-or-delegate-only': 'Das kann nur ein Administrator oder jemand, dem er es erlaubt hat.',
  'auth.role-not-allowed': 'Ihre Rolle in dieser Organisation ({role}) erlaubt das nicht.',
  'auth.invitation-expired':
    'Diese Einladung ist abgelaufen, wurde ersetzt oder zurückgezogen. Bitte fragen Sie nach einer neuen.',
  'auth.invitation-for-new-account':
    'Diese Einladung gilt für ein neues Konto, nicht für das angemeldete. Melden Sie sich ab und öffnen Sie den Link erneut, um das Passwort festzulegen.',
  'auth.invitation-for-other-account':
    'Diese Einladung gilt für ein anderes Konto. Melden Sie sich ab, melden Sie sich als die eingeladene Person an und öffnen Sie den Link erneut.',
  'auth.invitation-for-existing-account':
    'Diese Einladung gilt für ein Konto, das es schon gibt. Melden Sie sich damit an und öffnen Sie den Link erneut.',
  'auth.password-needed': 'Wählen Sie ein Passwort für Ihr neues Konto.',
  'auth.password-already-set':
    'Ihr Konto hat bereits ein Passwort; die Einladung anzunehmen ändert daran nichts.',
  'auth.current-password-wrong': 'Das ist nicht Ihr aktuelles Passwort.',

  'organization.not-found': 'Diese Organisation gibt es nicht, oder Sie haben keinen Zugriff darauf.',
  'account.not-found': 'Dieses Konto gibt es nicht.',
  'account.not-active':
    'Dieses Konto ist noch nicht aktiviert. Dieses Recht kann es erhalten, sobald die Person ein Passwort gewählt hat.',
  'member.not-found': 'Diese Person ist kein Mitglied dieser Organisation.',
  'member.team-only-for-leaders': 'Nur Führungskräfte können auf ein Team beschränkt werden.',
  'member.unknown-team': 'In dieser Organisation gibt es kein Team „{team}“.',
  'member.last-consultant':
    'Danach hätte die Organisation keine Beraterin und keinen Berater mehr, und nur noch ein Administrator könnte sie verwalten. Geben Sie zuerst einer anderen Person die Rolle Berater/in.',
  'teams.columns-unreadable': 'Die Spalten der Datei lassen sich nicht zuordnen:',
  'teams.invalid': 'In der Hierarchie gibt es Probleme zu beheben:',
  'teams.removed-team-has-responses':
    '{count, plural, one {Das Team „{teams}“ hat bereits Antworten und kann nicht entfernt werden; behalten Sie es in der Hierarchie.} other {Diese Teams haben bereits Antworten und können nicht entfernt werden; behalten Sie sie in der Hierarchie: {teams}.}}',
  'teams.team-has-responses': 'hat Antworten und kann nicht entfernt werden',
  'teams.removed-team-in-open-wave':
    '{count, plural, one {Das Team „{teams}“ nimmt an einer offenen Befragungsrunde teil: Seine Mitglieder antworten über seinen Link. Behalten Sie es in der Teamhierarchie, bis die Befragungsrunde beendet ist.} other {Diese Teams nehmen an offenen Befragungsrunden teil, und ihre Mitglieder antworten über ihre Links: {teams}. Behalten Sie sie in der Teamhierarchie, bis diese Befragungsrunden beendet sind.}}',
  'teams.team-in-open-wave':
    'nimmt an der offenen Befragungsrunde „{wave}“ teil und kann erst entfernt werden, wenn sie beendet ist',
  'teams.removed-team-scopes-member':
    '{count, plural, one {Der Zugang eines Mitglieds ist auf das Team „{teams}“ beschränkt, daher kann es nicht entfernt werden; ändern oder entfernen Sie zuerst diese Beschränkung.} other {Der Zugang von Mitgliedern ist auf diese Teams beschränkt, daher können sie nicht entfernt werden; ändern oder entfernen Sie zuerst diese Beschränkungen: {teams}.}}',
  'teams.team-scopes-member':
    'beschränkt den Zugang eines Mitglieds und kann nicht entfernt werden; ändern oder entfernen Sie zuerst diese Beschränkung',
  'teams.new-team-scopes-member':
    '{count, plural, one {Der Zugang eines Mitglieds ist auf das Team „{teams}“ beschränkt, das es nicht mehr gibt; ein neues Team mit diesem Schlüssel würde ihm dessen Bereich öffnen. Ändern oder entfernen Sie zuerst diese Beschränkung, oder geben Sie dem Team einen anderen Schlüssel.} other {Der Zugang von Mitgliedern ist auf diese Teams beschränkt, die es nicht mehr gibt; neue Teams mit diesen Schlüsseln würden ihnen deren Bereiche öffnen. Ändern oder entfernen Sie zuerst diese Beschränkungen, oder geben Sie den Teams andere Schlüssel: {teams}.}}',
  'teams.team-key-scopes-member':
    'war das Team, auf das der Zugang eines Mitglieds beschränkt ist; ein neues Team mit diesem Schlüssel würde ihm dessen Bereich öffnen',
  'teams.key-of-past-team':
    '{count, plural, one {Der Schlüssel „{teams}“ gehörte einem Team einer abgeschlossenen Befragungsrunde, das seither entfernt wurde; ein neues Team mit diesem Schlüssel würde dessen Verlauf übernehmen (seine Maßnahmen, geteilten Ergebnisse und Entwicklungen). Geben Sie ihm einen anderen Schlüssel.} other {Diese Schlüssel gehörten Teams abgeschlossener Befragungsrunden, die seither entfernt wurden; neue Teams mit diesen Schlüsseln würden deren Verlauf übernehmen (ihre Maßnahmen, geteilten Ergebnisse und Entwicklungen). Geben Sie ihnen andere Schlüssel: {teams}.}}',
  'teams.team-key-of-past-team':
    'gehörte einem Team der abgeschlossenen Befragungsrunde „{wave}“, das seither entfernt wurde; geben Sie dem neuen Team einen anderen Schlüssel',
  'teams.changed-since-preview':
    'Jemand anderes hat die Teams nach dieser Vorschau geändert; es wurde nichts gespeichert. Prüfen Sie die neue Vorschau unten und speichern Sie dann erneut.',
  'teams.removed-team-just-answered':
    'Ein Team, das dieser Import entfernen würde, hat gerade eine Antwort erhalten; behalten Sie es in der Hierarchie.',

  'questionnaire.not-found': 'Den Fragebogen {questionnaire} gibt es nicht.',
  'questionnaire.version-not-found': 'Der Fragebogen {questionnaire} hat keine Version {version}.',
  'questionnaire.locale-unavailable':
    'Den Fragebogen {questionnaire} gibt es nicht in „{locale}“; verfügbar ist er in {locales}.',

  'wave.not-found': 'Diese Befragungsrunde gibt es nicht, oder Sie haben keinen Zugriff darauf.',
  'wave.unknown-questionnaire': 'Den Fragebogen {questionnaire} gibt es nicht.',
  'wave.closes-at-in-past': 'Der Abschlusszeitpunkt muss in der Zukunft liegen.',
  'wave.opens-at-in-past': 'Der Startzeitpunkt muss in der Zukunft liegen.',
  'wave.time-too-far': 'darf höchstens zwei Jahre in der Zukunft liegen',
  'wave.opens-after-closing': 'Die Befragungsrunde muss beginnen, bevor sie endet.',
  'wave.closes-before-opening': 'Das Ende muss nach dem Beginn liegen.',
  'wave.locale-unavailable': 'Dieser Fragebogen ist verfügbar in: {locales}.',
  'wave.needs-teams': 'Importieren Sie die Teamhierarchie, bevor Sie eine Befragungsrunde anlegen.',
  'wave.teams-changed':
    'Die Teams haben sich inzwischen geändert (jemand hat eine Hierarchie importiert); es wurde nichts gespeichert. Versuchen Sie es erneut.',
  'wave.unknown-teams':
    '{count, plural, one {Das Team „{teams}“ gibt es nicht.} other {Diese Teams gibt es nicht: {teams}.}}',
  'wave.team-not-in-wave': 'Das Team „{team}“ gehört nicht zu dieser Befragungsrunde.',
  'wave.personal-codes-off':
    'Das Team „{team}“ antwortet über seinen gemeinsamen Link; schalten Sie zuerst persönliche Codes dafür ein.',
  'wave.closed': 'Diese Befragungsrunde ist beendet.',
  'wave.closed-recipients-gone': 'Diese Befragungsrunde ist beendet; ihre Empfängerliste wurde gelöscht.',
  'wave.reminders-need-open':
    'Erinnerungen gehen nur hinaus, solange eine Befragungsrunde offen ist (derzeit: {status}).',
  'wave.no-recipients': 'Diese Befragungsrunde hat noch keine Empfänger; laden Sie zuerst die Liste hoch.',
  'wave.already-open': 'Diese Befragungsrunde ist bereits offen.',
  'wave.opening-in-past': 'Der Startzeitpunkt muss in der Zukunft liegen.',
  'wave.must-open-before-closing': 'Die Befragungsrunde muss beginnen, bevor sie endet.',
  'wave.wrong-step':
    'Eine Befragungsrunde geht nur von Entwurf zu offen und dann zu beendet (derzeit: {status}).',
  'wave.closing-time-passed': 'Ihr Abschlusszeitpunkt ist vorbei; legen Sie eine neue Befragungsrunde an.',
  'wave.no-teams':
    'Diese Befragungsrunde hat keine Teams mehr (ein Import der Hierarchie hat sie entfernt) und kann daher nicht beginnen; legen Sie eine neue Befragungsrunde an.',
  'wave.csv-after-close': 'Der CSV-Export steht bereit, sobald die Befragungsrunde beendet ist.',

  'delivery.email-not-configured':
    'Dieser Server verschickt noch keine E-Mails; teilen Sie die Team-Links selbst oder bitten Sie Ihre Administration, den E-Mail-Versand einzurichten.',
  'delivery.header-missing-columns':
    'Die erste Zeile der Datei muss die Spalten email und team_key benennen; es fehlt: {columns}.',
  'delivery.column-missing': 'fehlt',
  'delivery.too-many-recipients': 'Eine Befragungsrunde nimmt höchstens {max} Empfänger auf.',
  'delivery.email-invalid': 'ist keine E-Mail-Adresse',
  'delivery.email-repeated': 'steht bereits in Zeile {row}',
  'delivery.team-not-in-wave': '„{team}“ ist kein Team dieser Befragungsrunde',
  'delivery.invalid-list': 'In der Liste gibt es Probleme zu beheben:',

  'report.not-found': 'Für diese Befragungsrunde gibt es noch keinen Bericht.',
  'report.being-prepared': 'Dieser Bericht wird gerade erstellt. Bitte versuchen Sie es gleich noch einmal.',
  'results.needs-closed-wave': 'Ergebnisse lassen sich teilen, sobald die Befragungsrunde beendet ist.',
  'results.link-unknown': 'Dieser Ergebnis-Link ist ungültig oder wurde zurückgezogen.',
  'action.not-found': 'Diese Maßnahme gibt es nicht, oder Sie haben keinen Zugriff darauf.',
  'action.needs-closed-wave':
    'Maßnahmen bauen auf den veröffentlichten Ergebnissen einer beendeten Befragungsrunde auf (derzeit: {status}).',
  'action.unknown-dimension': 'Dieser Fragebogen hat keine Dimension „{dimension}“.',
  'action.team-outside-scope':
    'Sie können Maßnahmen nur für Teams in Ihrem Teil der Organisation zusagen und ändern.',
  'action.cell-hidden':
    'Der Bericht blendet dieses Feld aus (zu wenige Antworten, oder ausgeblendet, damit sich eine kleine Gruppe nicht durch Subtraktion erschließen lässt). Es gibt also keinen Wert, an dem sich eine Maßnahme messen ließe. Wählen Sie ein Team oder eine Dimension, die der Bericht zeigt.',
  'action.due-date-out-of-range':
    'muss zwischen {earliest} und {latest} liegen: frühestens ein Jahr vor dem Ende der Befragungsrunde, spätestens zehn Jahre danach',
  'action.nothing-to-change':
    'Ändern Sie mindestens eines davon: Status, Notiz, Fälligkeitsdatum, verantwortliche Person, Titel.',
  'action.changed-meanwhile':
    'Jemand hat diese Maßnahme geändert, nachdem Sie sie geöffnet hatten. Sie zeigt jetzt deren Stand: Nehmen Sie Ihre Änderung erneut vor, falls sie noch passt.',

  'survey.link-unknown':
    'Dieser Befragungslink ist ungültig. Bitte prüfen Sie, ob Sie den ganzen Link haben.',
  'survey.not-open': 'Diese Befragung hat noch nicht begonnen. Bitte schauen Sie später wieder vorbei.',
  'survey.closed': 'Diese Befragung ist beendet und nimmt keine Antworten mehr an.',
  'survey.team-full':
    'Über diesen Link kamen mehr Antworten, als das Team Mitglieder hat; er nimmt daher keine weiteren an. Falls Sie noch nicht geantwortet haben, sagen Sie bitte der Person Bescheid, die Ihnen den Link geschickt hat.',
  'survey.invitation-required': 'Bitte geben Sie den persönlichen Code aus Ihrer Einladung ein.',
  'survey.invitation-unknown':
    'Dieser persönliche Code gilt nicht für diese Befragung. Bitte prüfen Sie ihn und versuchen Sie es noch einmal.',
  'survey.invitation-used':
    'Dieser persönliche Code wurde bereits verwendet; jeder Code kann nur einmal antworten.',
  'survey.invitation-not-needed': 'Für diesen Befragungslink brauchen Sie keinen persönlichen Code.',
  'survey.not-a-question': 'ist keine Frage dieser Befragung',
  'survey.answer-required': 'braucht eine Antwort',
  'survey.answer-out-of-range': 'muss eine der fünf Antworten sein oder übersprungen werden',
  'survey.no-answers': 'Bitte beantworten Sie mindestens eine Frage.',
  'survey.answers-invalid': 'Einige Antworten sollten Sie sich noch einmal ansehen:',
};
