import type { MessageKey } from './en.ts';

/**
 * German, addressing everyone as „Sie“. A no-break space keeps a percent sign with its number,
 * and a soft hyphen (U+00AD) marks where a long compound may break on a phone.
 *
 * Words kept the same everywhere: wave = Befragungsrunde (beenden, beendet; never „Welle“), survey =
 * Befragung, heat map = Heatmap, agreement = Einigkeit, split team = gespaltenes Team, 95% interval
 * = 95-%-Intervall, reliability = Zuverlässigkeit, drivers = Treiber, headcount = Teamgröße, leader
 * = Führungskraft, actions = Maßnahmen, score = Wert, team key = Team-ID, hierarchy =
 * Teamhierarchie, hidden = ausgeblendet, audit log = Aktivitätsprotokoll.
 */
export const de: Record<MessageKey, string> = {
  'app.name': 'Trust OS Diagnose',
  'app.tagline': 'Wo aus Vereinbarungen Taten werden, Team für Team.',
  'nav.organizations': 'Organisationen',
  'nav.signOut': 'Abmelden',
  'nav.language': 'Sprache',
  'common.loading': 'Wird geladen…',
  'common.retry': 'Erneut versuchen',
  'common.save': 'Speichern',
  'common.cancel': 'Abbrechen',
  'common.close': 'Schließen',
  'common.copy': 'Kopieren',
  'common.copied': 'Kopiert',
  'common.selectedToCopy': 'Markiert: mit Strg+C kopieren (⌘C am Mac)',
  'common.download': 'Herunterladen',
  'common.error': 'Etwas ist schiefgelaufen.',
  'common.labelled': '{label}: {value}',
  'common.offline':
    'Keine Verbindung. Ihre Antworten bleiben auf diesem Gerät gespeichert; wir versuchen es gleich noch einmal.',
  'survey.anonymity.title': 'Ihre Antworten sind anonym',
  'survey.anonymity.stored':
    'Wir speichern Ihre Antworten und Ihr Team, sonst nichts: keinen Namen, keine E-Mail-Adresse, keine Adresse, keine Uhrzeit.',
  'survey.anonymity.threshold':
    'Ergebnisse werden nur für Gruppen von mindestens {k} Personen angezeigt, sodass niemand Ihre Antworten sehen kann.',
  'survey.anonymity.final':
    'Nach dem Absenden lassen sich Ihre Antworten nicht mehr zurückziehen, weil nichts sie mit Ihnen verbindet.',
  'survey.anonymity.device': 'Bis Sie absenden, bleiben Ihre Antworten nur auf diesem Gerät.',
  'survey.start': 'Starten',
  'survey.step': 'Schritt {current} von {total}',
  'survey.next': 'Weiter',
  'survey.back': 'Zurück',
  'survey.skip': 'Frage überspringen',
  'survey.skipped': 'Übersprungen',
  'survey.openQuestion': 'Eine letzte Frage',
  'survey.submit': 'Antworten absenden',
  'survey.submitting': 'Wird gesendet…',
  'survey.code.label': 'Ihr persönlicher Code',
  'survey.code.help':
    'Sie finden ihn in Ihrer Einladungs-E-Mail, zum Beispiel K7QM-3XD2-9PFR-… Groß- und Kleinschreibung, Leerzeichen und Bindestriche spielen keine Rolle.',
  'survey.code.anonymity':
    'Der Code stellt nur sicher, dass mit jeder Einladung einmal geantwortet wird. Er wird nicht mit Ihren Antworten gespeichert, und nirgends ist festgehalten, wer welchen Code erhalten hat.',
  'survey.code.continue': 'Weiter',
  'survey.code.checking': 'Ihr Code wird geprüft…',
  'survey.error.link-unknown':
    'Dieser Befragungslink ist ungültig. Prüfen Sie bitte, ob Sie den vollständigen Link haben.',
  'survey.error.wave-not-open':
    'Diese Befragung ist noch nicht geöffnet. Bitte versuchen Sie es später noch einmal.',
  'survey.error.wave-closed': 'Diese Befragung ist beendet und nimmt keine Antworten mehr an.',
  'survey.error.closed-maybe-recorded':
    'Diese Befragung wurde beendet, bevor Ihre Antworten bestätigt werden konnten. Hat einer der früheren Versuche uns erreicht, wurden sie gezählt. Prüfen kann das niemand, denn nichts verbindet eine Antwort mit Ihrem Telefon.',
  'survey.error.team-full':
    'Über diesen Link sind mehr Antworten eingegangen, als das Team Mitglieder hat, deshalb nimmt er keine weiteren an. Wenn Sie noch nicht geantwortet haben, sagen Sie bitte der Person Bescheid, die Ihnen den Link geschickt hat.',
  'survey.error.invitation-required': 'Bitte geben Sie den persönlichen Code aus Ihrer Einladung ein.',
  'survey.error.invitation-unknown':
    'Dieser Code gilt nicht für diese Befragung. Bitte vergleichen Sie ihn mit Ihrer Einladung.',
  'survey.error.invitation-used':
    'Dieser Code wurde bereits verwendet: Jeder Code gilt für genau eine Antwort. Wenn Sie noch nicht geantwortet haben, sagen Sie bitte der Person Bescheid, die Ihnen die Einladung geschickt hat.',
  'survey.thanks.title': 'Vielen Dank',
  'survey.thanks.body':
    'Ihre Antworten wurden anonym gespeichert. Ergebnisse erscheinen, sobald mindestens {k} Personen einer Gruppe geantwortet haben und die Befragung beendet ist.',
  'survey.already': 'Sie haben diese Befragung auf diesem Gerät bereits beantwortet. Vielen Dank.',
  'survey.alreadyOtherInvitation':
    'Sie öffnen die Einladung einer anderen Person auf diesem Gerät? Mit ihrem persönlichen Code kann sie hier ebenfalls antworten.',
  'survey.answerWithInvitation': 'Mit dieser Einladung antworten',
  'survey.sentWaiting':
    'Ihre Antworten wurden gesendet. Sie lassen sich nicht mehr ändern, während der Server sie bestätigt.',
  'survey.answerSomething': 'Bitte beantworten Sie vor dem Absenden mindestens eine Frage.',
  'survey.remaining': 'Noch {n} Zeichen',
  'survey.team': 'Team: {team}',
  'survey.busyOpening':
    'Gerade öffnen sehr viele Personen diese Befragung. Sie öffnet sich gleich von selbst; Sie müssen nichts tun.',
  'survey.busy':
    'Gerade antworten sehr viele Personen. Ihre Antworten bleiben auf diesem Gerät gespeichert und werden von selbst gesendet, sobald wieder Platz ist; Sie müssen nichts tun.',
  'auth.title': 'Anmelden',
  'auth.email': 'E-Mail-Adresse',
  'auth.password': 'Passwort',
  'auth.submit': 'Anmelden',
  'auth.invite.title': 'Passwort festlegen',
  'auth.invite.help':
    'Mindestens 12 Zeichen. Ein Satz aus ein paar Wörtern ist leicht zu merken und schwer zu erraten.',
  'auth.invite.submit': 'Passwort speichern und anmelden',
  'console.title': 'Organisationen',
  'console.create': 'Neue Organisation',
  'console.name': 'Name',
  'console.threshold': 'Anonymitätsschwelle (k)',
  'console.thresholdHelp':
    'Bei weniger Antwortenden als dieser Zahl wird kein Wert angezeigt. Mindestens 3; 5 ist ein guter Standardwert.',
  'org.teams': 'Teams',
  'org.importTitle': 'Teamhierarchie importieren',
  'org.importHelp':
    'Laden Sie die Tabelle aus der Personalabteilung hoch (.xlsx oder CSV, getrennt durch Kommas, Semikolons oder Tabulatoren) oder fügen Sie CSV ein. Spalten werden an ihrem Namen erkannt; wo nicht, wählen Sie sie unten aus. Gespeichert wird erst, wenn Sie auf Speichern klicken.',
  'org.upload': 'Tabelle hochladen (.xlsx oder CSV)',
  'org.pasteCsv': 'Oder CSV einfügen',
  'org.fileChosen': 'Datei: {name}',
  'org.clearFile': 'Andere Datei verwenden',
  'org.sheet': 'Tabellenblatt',
  'org.columns': 'Spalten der Datei',
  'org.columnsRemembered':
    'Das sind die Spalten, die Sie beim letzten Mal für diese Organisation gewählt haben.',
  'org.noColumn': '(keine)',
  'org.column.key': 'Team-ID',
  'org.column.name': 'Teamname',
  'org.column.parentKey': 'ID des übergeordneten Teams',
  'org.column.headcount': 'Teamgröße (optional)',
  'org.checking': 'Wird geprüft…',
  'org.rowProblems': 'Probleme',
  'org.changes':
    'Beim Speichern {added, plural, one {kommt # Team} other {kommen # Teams}} hinzu, {removed, plural, one {# fällt} other {# fallen}} weg, {moved, plural, one {# wird verschoben} other {# werden verschoben}}, {renamed, plural, one {# wird umbenannt} other {# werden umbenannt}} und {unchanged, plural, one {# bleibt, wie es ist} other {# bleiben, wie sie sind}}.',
  'org.noChanges': 'Diese Datei entspricht der gespeicherten Hierarchie: Speichern ändert nichts.',
  'org.exportTeams': 'Hierarchie herunterladen:',
  'org.exportCsv': 'CSV',
  'org.exportXlsx': 'Excel (.xlsx)',
  'org.preview': 'Vorschau',
  'org.rowErrors': 'Bitte korrigieren Sie diese Zeilen vor dem Speichern:',
  'org.saveTeams': 'Hierarchie speichern',
  'org.teamsSaved': 'Hierarchie gespeichert: {count, plural, one {# Team} other {# Teams}}.',
  'org.waves': 'Befragungsrunden',
  'org.newWave': 'Neue Befragungsrunde',
  'org.waveTitle': 'Titel',
  'org.questionnaire': 'Fragebogen',
  'org.closesAt': 'Endet am (optional)',
  'org.createWave': 'Befragungsrunde anlegen',
  'org.members': 'Personen mit Zugang',
  'org.membersTable': 'Tabelle der Personen mit Zugang',
  'org.inviteEmail': 'E-Mail-Adresse',
  'org.inviteRole': 'Rolle',
  'org.inviteTeam': 'Auf ein Team beschränken (Führungskräfte, optional)',
  'org.invite': 'Einladen',
  'org.inviteLink': 'Senden Sie diesen Einmal-Link an {email} (7 Tage gültig):',
  'org.audit': 'Aktivitätsprotokoll',
  'org.auditCsv': 'Protokoll als CSV herunterladen (mit den Rohcodes)',
  'audit.someone': 'Jemand',
  'audit.aWave': 'eine Befragungsrunde',
  'audit.auth.login': '{actor} hat sich angemeldet.',
  'audit.auth.password-change': '{actor} hat das eigene Passwort geändert.',
  'audit.member.accept': '{actor} hat die Einladung in diese Organisation angenommen.',
  'audit.member.add': '{actor} hat {email} als {role} eingeladen.',
  'audit.member.remove': '{actor} hat {email} entfernt.',
  'audit.organization.create': '{actor} hat die Organisation {name} angelegt.',
  'audit.teams.replace':
    '{actor} hat die Teamhierarchie importiert ({teams, plural, one {# Team} other {# Teams}}).',
  'audit.teams.replace.drafts':
    '{actor} hat die Teamhierarchie importiert ({teams, plural, one {# Team} other {# Teams}}); Befragungsrunden im Entwurf haben {lost, plural, one {# Team} other {# Teams}} verloren, mit {recipients, plural, one {# Empfänger} other {# Empfängern}} und {codes, plural, one {# persönlichen Code} other {# persönlichen Codes}}.',
  'audit.wave.create': '{actor} hat die Befragungsrunde {wave} angelegt.',
  'audit.wave.open': '{actor} hat die Befragungsrunde {wave} geöffnet.',
  'audit.wave.open.schedule': 'Die Befragungsrunde {wave} wurde zum geplanten Zeitpunkt geöffnet.',
  'audit.wave.close': '{actor} hat die Befragungsrunde {wave} beendet.',
  'audit.wave.close.deadline': 'Die Befragungsrunde {wave} wurde zum Stichtag beendet.',
  'audit.wave.schedule': '{actor} hat den Zeitplan der Befragungsrunde {wave} geändert.',
  'audit.wave.recipients': '{actor} hat {recipients} Empfänger für die Befragungsrunde {wave} hochgeladen.',
  'audit.wave.remind':
    '{actor} hat {recipients, plural, =1 {den einzigen Empfänger} other {die # Empfänger}} der Befragungsrunde {wave} erinnert.',
  'audit.wave.remind.schedule':
    '{recipients, plural, =1 {Der einzige Empfänger der Befragungsrunde {wave} wurde} other {Die # Empfänger der Befragungsrunde {wave} wurden}} wie geplant erinnert.',
  'audit.wave.invitations':
    '{actor} hat {count, plural, one {# persönlichen Code} other {# persönliche Codes}} für das Team {team} in der Befragungsrunde {wave} erzeugt.',
  'audit.wave.personal-codes.on':
    '{actor} hat persönliche Codes für das Team {team} in der Befragungsrunde {wave} eingeschaltet.',
  'audit.wave.personal-codes.off':
    '{actor} hat persönliche Codes für das Team {team} in der Befragungsrunde {wave} ausgeschaltet.',
  'audit.report.export': '{actor} hat den Bericht der Befragungsrunde {wave} exportiert.',
  'audit.action.create':
    '{actor} hat nach der Befragungsrunde {wave} eine Maßnahme für das Team {team} vereinbart.',
  'audit.action.create.organization':
    '{actor} hat nach der Befragungsrunde {wave} eine Maßnahme für die ganze Organisation vereinbart.',
  'audit.action.update': '{actor} hat eine Maßnahme aktualisiert.',
  'audit.results.share':
    '{actor} hat die Ergebnisse der Befragungsrunde {wave} mit {teams, plural, one {# Team} other {# Teams}} geteilt.',
  'audit.results.revoke': '{actor} hat die Freigabe der Ergebnisse der Befragungsrunde {wave} beendet.',
  'audit.other': '{actor}: {action}',
  'org.status.active': 'Aktiv',
  'org.status.invited': 'Eingeladen',
  'org.remove': 'Entfernen',
  'auth.invite.joinTitle': 'Einladung annehmen',
  'auth.invite.joinAs':
    'Sie sind als {email} angemeldet. Wenn Sie annehmen, wird die Organisation diesem Konto hinzugefügt; Ihr Passwort bleibt, wie es ist.',
  'auth.invite.join': 'Einladung annehmen',
  'auth.invite.notYou': 'Nicht Sie? Abmelden',
  'auth.invite.haveAccount': 'Sie haben schon ein Konto?',
  'auth.invite.haveAccountHelp':
    'Melden Sie sich zuerst damit an und nehmen Sie dann an: Die Einladung wird Ihrem Konto hinzugefügt und ändert nie dessen Passwort.',
  'console.accounts': 'Konten',
  'console.accountsHelp':
    'Wer Organisationen anlegen darf. Admins dürfen das immer; alle anderen nur, wenn ein Admin es hier erlaubt.',
  'console.canCreate': 'Darf Organisationen anlegen',
  'console.admin': 'Admin',
  'console.notActive': 'noch nicht aktiv',
  'console.grantOnceActive': 'sobald die Person ein Passwort gewählt hat',
  'import.noTeams': 'Die Datei enthält unter der Kopfzeile keine Teams.',
  'import.tooManyTeams': 'Eine Hierarchie hat höchstens {max} Teams; diese Datei hat {count}.',
  'import.badKey':
    'Die ID muss aus 1 bis 64 Buchstaben, Ziffern, „-“, „_“ oder „.“ bestehen und mit einem Buchstaben oder einer Ziffer beginnen.',
  'import.duplicateKey': 'Die ID „{key}“ wird bereits in Zeile {row} verwendet.',
  'import.badName': 'Der Name muss 1 bis 200 Zeichen lang sein.',
  'import.controlInName':
    'Der Name darf keine Zeilenumbrüche, Tabulatoren oder anderen Steuerzeichen enthalten.',
  'import.nameShowsNothing':
    'Der Name muss mindestens einen Buchstaben, eine Ziffer oder ein Zeichen zeigen.',
  'import.badHeadcount': 'Die Teamgröße muss eine ganze Zahl von 0 bis 1.000.000 sein (hier: „{value}“).',
  'import.ownParent': 'Ein Team kann nicht sein eigenes übergeordnetes Team sein.',
  'import.unknownParent': 'Es gibt kein Team „{parent}“, das übergeordnet sein könnte.',
  'import.cycle': 'Diese Teams sind einander gegenseitig übergeordnet: {cycle}.',
  'import.tooDeep': '„{key}“ liegt auf Ebene {level}; eine Hierarchie hat höchstens {max} Ebenen.',
  'import.hasResponses':
    'Das Team „{key}“ hat Antworten und kann nicht entfernt werden; lassen Sie es in der Datei.',
  'import.inOpenWave':
    'Das Team „{key}“ nimmt an der offenen Befragungsrunde „{wave}“ teil und kann erst entfernt werden, wenn sie beendet ist; lassen Sie es in der Datei.',
  'import.scopesMember':
    'Der Zugang eines Mitglieds ist auf das Team „{key}“ beschränkt, daher kann es nicht entfernt werden; ändern oder entfernen Sie zuerst diese Beschränkung, oder lassen Sie das Team in der Datei.',
  'import.scopesMemberGone':
    'Der Zugang eines Mitglieds ist auf ein Team „{key}“ beschränkt, das es nicht mehr gibt: Ein neues Team mit diesem Schlüssel würde ihm dessen Bereich öffnen. Ändern oder entfernen Sie zuerst diese Beschränkung, oder geben Sie dem Team einen anderen Schlüssel.',
  'import.keyOfPastTeam':
    'Der Schlüssel „{key}“ gehörte einem Team der abgeschlossenen Befragungsrunde „{wave}“, das seither entfernt wurde: Ein neues Team mit diesem Schlüssel würde dessen Verlauf übernehmen (seine Maßnahmen, geteilten Ergebnisse und Entwicklungen). Geben Sie dem neuen Team einen anderen Schlüssel.',
  'import.draftWaveLoses':
    'Die Befragungsrunde „{wave}“ im Entwurf verliert {count, plural, one {das Team {teams}} other {# Teams ({teams})}} und mit {count, plural, one {ihm} other {ihnen}} {recipients, plural, =0 {keine Empfänger} one {# Empfänger} other {# Empfänger}} und {codes, plural, =0 {keine persönlichen Codes} one {# persönlichen Code} other {# persönliche Codes}}. Ein erneuter Import fügt ein Team dort nicht wieder hinzu.',
  'import.draftWaveEmpty': 'Sie behält kein Team und kann daher nicht mehr beginnen.',
  'import.missingColumn': 'Wählen Sie die Spalte, die diese Angabe enthält.',
  'import.unknownColumn': 'Die Datei hat keine Spalte „{column}“.',
  'import.columnTwice': 'Die Spalte „{column}“ enthält bereits: {other}.',
  'role.leader': 'Führungskraft',
  'role.consultant': 'Berater/in',
  'wave.status.draft': 'Entwurf',
  'wave.status.open': 'Offen',
  'wave.status.closed': 'Beendet',
  'wave.open': 'Für Antworten öffnen',
  'wave.close': 'Befragungsrunde beenden',
  'wave.report': 'Bericht',
  'wave.links': 'Teilnahmelinks',
  'wave.qr': 'QR-Code für {team}',
  'wave.invitations': 'Persönliche Codes zum Verteilen',
  'wave.invitationCount': 'Anzahl',
  'wave.generate': 'Erzeugen und als CSV herunterladen',
  'wave.participation': 'Beteiligung',
  'wave.responses': 'Antworten',
  'wave.headcount': 'Teamgröße',
  'wave.rate': 'Quote',
  'wave.linkFull': 'Link ausgeschöpft',
  'wave.linkFullHelp':
    'Über diesen Link sind mehr Antworten eingegangen, als das Team Mitglieder hat, deshalb nimmt er keine weiteren an. Möglicherweise hat jemand für andere geantwortet: Prüfen Sie die Teamgröße oder schicken Sie dem Team einen neuen Link oder Einladungen.',
  'wave.smallTeams.title': 'Teams, die zu klein sind, um allein befragt zu werden',
  'wave.smallTeams.team': '{team}: {count, plural, one {# Person} other {# Personen}}',
  'wave.smallTeams.stored':
    '{count, plural, one {Dieses Team hat} other {Diese Teams haben}} weniger als {k} Personen und in dieser Befragungsrunde {count, plural, one {einen eigenen Link} other {jeweils einen eigenen Link}}. Antworten werden unter dem Team gespeichert, über dessen Link sie kamen: Kein Bericht zeigt ein so kleines Team, aber wer die Datenbank lesen kann, kann dort seine Antworten als die seiner wenigen Mitglieder oder seines einzigen Mitglieds lesen.',
  'wave.smallTeams.draft':
    'Geben Sie den Personen vor dem Öffnen der Befragungsrunde den Link ihres übergeordneten Teams statt des Links ihres eigenen Teams (für E-Mails tragen Sie sie in der Empfängerliste unter der ID des übergeordneten Teams ein). Ihre Antworten zählen dann zu denen des übergeordneten Teams.',
  'wave.smallTeams.open':
    'Antworten, die bereits über den Link ihres eigenen Teams gegeben wurden, bleiben unter diesem gespeichert. Geben Sie den Personen ab jetzt den Link ihres übergeordneten Teams (für E-Mails tragen Sie sie in der Empfängerliste unter der ID des übergeordneten Teams ein), und tun Sie das in der nächsten Befragungsrunde von Anfang an.',
  'wave.smallTeams.lock':
    'Schalten Sie danach unter „Teilnahmelinks“ die persönlichen Codes für ihr eigenes Team ein und erzeugen Sie keine: Sein Link lehnt dann jede Antwort ab.',
  'report.title': 'Diagnosebericht',
  'preview.badge': 'Vorschau einer offenen Befragungsrunde',
  'preview.explain':
    'Diese Befragungsrunde ist noch offen. Die Werte erscheinen, wenn sie beendet ist: Zahlen, die sich mit jeder Antwort ändern, würden es jedem, der zweimal hinschaut, erlauben, auf die Antworten derer zu schließen, die dazwischen geantwortet haben. Bis dahin sehen Sie hier, wie viele Personen in jeder Gruppe geantwortet haben und welche Gruppen angezeigt werden.',
  'preview.heading': 'Bisherige Antworten',
  'preview.answered': 'Geantwortet',
  'preview.atClose': 'Beim Beenden, nach jetzigem Stand',
  'preview.shown': 'angezeigt',
  'preview.notShown': 'nicht angezeigt',
  'report.trustIndex': 'Vertrauens­index',
  'report.interval': '95-%-Intervall {lo}–{hi}',
  'report.trustInterval': 'Die 95-%-Intervalle seiner Dimensionen liegen im Mittel bei {lo}–{hi}',
  'report.trend': '{change} seit der vorherigen Befragungsrunde',
  'report.significant': 'eine deutliche Veränderung',
  'report.respondents': '{n, plural, one {# Person} other {# Antwortende}}',
  'report.favorable': 'positiv',
  'report.heatmap': 'Heatmap: Teams × Dimensionen',
  'report.view.score': 'Wert',
  'report.view.favorable': 'Zustimmungsquote',
  'report.view.delta': 'Abweichung von der Organisation',
  'report.legend.low': 'unter der Organisation',
  'report.legend.high': 'über der Organisation',
  'report.suppressed': 'weniger als {k} Antworten',
  'report.protecting': 'ausgeblendet, um eine kleinere Gruppe zu schützen',
  'report.hiddenCell': 'zum Schutz der Anonymität ausgeblendet',
  'report.itemsHidden':
    'Eine Frage ohne Wert ist mit den übrigen Fragen ihrer Dimension ausgeblendet: Zu wenige haben sie beantwortet, oder einige haben Fragen ausgelassen, und neben dem Wert der Dimension könnten ihre Werte eingrenzen, was Einzelne geantwortet haben.',
  'report.reverseItem':
    'negativ formuliert: Ein hoher Wert bedeutet, dass die Befragten der Aussage nicht zustimmen',
  'report.legend.hidden': 'ausgeblendet: weniger als {k} Antworten oder Schutz einer kleineren Gruppe',
  'report.lowAgreement': 'gespaltenes Team (geringe Einigkeit)',
  'report.table': 'Dieselben Daten als Tabelle',
  'report.findTeam': 'Team suchen',
  'report.findNone': 'Kein Team in diesem Bericht trägt diesen Namen.',
  'report.unfold': 'Teams von {team} anzeigen',
  'report.fold': 'Teams von {team} ausblenden',
  'report.heatmapKeys':
    'Mit den Pfeiltasten gelangen Sie von Feld zu Feld; Bild auf und Bild ab blättern einen Bildschirm weiter; die Eingabetaste öffnet die Fragen eines Feldes; die Leertaste zeigt oder verbirgt die Teams einer Zeile.',
  'report.team': 'Team',
  'report.organization': 'Gesamte Organisation',
  'report.foldedInPrint':
    '({count, plural, =1 {1 Team darunter, am Bildschirm zugeklappt} other {# Teams darunter, am Bildschirm zugeklappt}})',
  'report.hotspots': 'Wo das Vertrauen am schwächsten ist',
  'report.recommendations': 'Was Führungskräfte tun können',
  'report.drivers': 'Was hier die Umsetzung antreibt',
  'report.driversHelp':
    'Korrelation jeder Vertrauensdimension mit der Umsetzung, berechnet über alle Antwortenden.',
  'report.noHotspots':
    'Kein angezeigtes Team liegt in irgendeiner Vertrauensdimension unter der Organisation.',
  'report.driversTooFew': 'Wird angezeigt, sobald mindestens 30 Personen geantwortet haben.',
  'report.comments': 'In eigenen Worten',
  'report.reliability': 'Zuverlässigkeit (Cronbachs Alpha)',
  'report.downloadCsv': 'CSV herunterladen',
  'report.print': 'Drucken oder als PDF speichern',
  'report.items': 'Fragen für {team}',
  'report.column.question': 'Frage',
  'report.column.favorable': 'Positiv',
  'report.column.change': 'Veränderung',
  'report.closeDetail': 'Schließen',
  'report.none': 'Noch kein Bericht: Die Befragungsrunde ist noch offen oder hat keine Antworten.',
  'report.tooltip.n': 'n = {n}',
  'report.tooltip.delta': '{delta} gegenüber der Organisation',
  'report.view.change': 'Veränderung seit der vorherigen Befragungsrunde',
  'report.legend.significant': '● Intervalle überschneiden sich nicht',
  'report.legend.lower': 'niedriger als in der vorherigen Befragungsrunde',
  'report.legend.higher': 'höher als in der vorherigen Befragungsrunde',
  'report.notBefore':
    'keine Veränderung angezeigt: Eine Veränderung erscheint nur, wo beide Befragungsrunden das Feld für dieselben Personen zeigen',
  'report.closedOn': 'Beendet am {date}',
  'report.comparedWith': 'Veränderungen seit {wave}',
  'report.threshold': 'keine Gruppe mit weniger als {k} Personen wird angezeigt (k = {k})',
  'report.help.interval': 'Was ist ein 95-%-Intervall?',
  'report.help.intervalText':
    'Der Bereich, in dem der Wert am wahrscheinlichsten läge, wenn alle in der Gruppe geantwortet hätten. Ein schmales Intervall steht für einen genauen Wert; zwei Werte, deren Intervalle sich überschneiden, unterscheiden sich womöglich nicht wirklich.',
  'report.help.agreement': 'Was ist Einigkeit?',
  'report.help.agreementText':
    'Wie ähnlich sich die Antworten innerhalb eines Teams sind. Ein gespaltenes Team (≈) hat einen mittleren Wert, der aus starken Meinungen auf beiden Seiten entsteht: Sprechen Sie mit dem Team, bevor Sie aufgrund seines Werts handeln.',
  'report.help.reliability': 'Was ist Zuverlässigkeit?',
  'report.help.reliabilityText':
    'Ob die Fragen einer Dimension dasselbe messen: Wer einer Frage zustimmt, stimmt meist auch den anderen zu. Von 0 bis 1; ab 0,7 ist der Wert belastbar.',
  'report.comment.more': 'Alles anzeigen',
  'report.comment.less': 'Weniger anzeigen',
  'actions.commit': 'Maßnahme vereinbaren',
  'actions.formTitle': 'Maßnahme zu {dimension} · {team}',
  'actions.titleLabel': 'Was getan wird',
  'actions.titleDefault': '{dimension} in {team} verbessern',
  'actions.owner': 'Verantwortlich (Name oder Rolle)',
  'actions.dueDate': 'Fällig am',
  'actions.steps': 'Konkrete Schritte, einer pro Zeile',
  'actions.suggested': 'Vorgeschlagen aus den Empfehlungen für diese Dimension; frei anpassbar.',
  'actions.stepsTooMany':
    'Eine Maßnahme hat höchstens {max, plural, one {# Schritt} other {# Schritte}}; diese hat {count}.',
  'actions.stepTooLong':
    'Zeile {line} ist {length} Zeichen lang; ein Schritt darf höchstens {max} Zeichen lang sein.',
  'actions.create': 'Maßnahme speichern',
  'actions.created': 'Maßnahme gespeichert. Ihr Ausgangswert ist {score} (n = {n}).',
  'actions.page': 'Maßnahmen',
  'actions.pageHelp':
    'Was Führungskräfte vereinbart haben, nach Status und Fälligkeit, und was spätere Befragungsrunden gemessen haben.',
  'actions.empty':
    'Noch keine Maßnahmen. Öffnen Sie einen Bericht und vereinbaren Sie eine Maßnahme zu einem Schwachpunkt oder einem Feld der Heatmap.',
  'actions.status.planned': 'Geplant',
  'actions.status.in-progress': 'In Arbeit',
  'actions.status.done': 'Erledigt',
  'actions.status.dropped': 'Verworfen',
  'actions.overdue': 'Überfällig',
  'actions.due': 'Fällig am {date}',
  'actions.ownerIs': 'Verantwortlich: {owner}',
  'actions.baseline': 'Ausgangswert {score} (n = {n}) in {wave}',
  'actions.statusLabel': 'Status',
  'actions.note': 'Notiz zum Stand',
  'actions.checkIns': 'Standmeldungen',
  'actions.saved': 'Gespeichert.',
  'actions.save': 'Speichern',
  'actions.edit': 'Titel, verantwortliche Person oder Fälligkeitsdatum ändern',
  'actions.organization': 'Gesamte Organisation',
  'actions.fromEarlier': 'Maßnahmen aus früheren Befragungsrunden',
  'actions.fromEarlierHelp':
    'Jede Maßnahme mit ihrem Wert zum Zeitpunkt der Vereinbarung und ihrem Wert in dieser Befragungsrunde.',
  'actions.measuredIn': 'Gemessen in {wave}: {outcome}',
  'actions.notMeasured': 'Noch nicht gemessen: Es ist noch keine spätere Befragungsrunde beendet.',
  'actions.measuredOutsideScope':
    'Von einer späteren Befragungsrunde gemessen, in der dieses Team außerhalb Ihres Bereichs lag; das Ergebnis wird Ihnen daher nicht angezeigt.',
  'actions.notMeasuredDropped':
    'Nicht gemessen: Die Maßnahme wurde verworfen, bevor diese Befragungsrunde endete.',
  'actions.notAsked': 'Nicht gemessen: Diese Befragungsrunde hat diese Dimension nicht abgefragt.',
  'actions.notMeasuredHere': 'Von dieser Befragungsrunde nicht gemessen.',
  'actions.verdict.improved':
    'Verbessert: {from} → {to} ({delta}). Der Anstieg ist größer, als es der Zufall erklären würde.',
  'actions.verdict.no-clear-change':
    'Keine klare Veränderung: {from} → {to} ({delta}). Der Unterschied liegt im Rahmen dessen, was allein der Zufall hervorbringen kann.',
  'actions.verdict.worsened':
    'Verschlechtert: {from} → {to} ({delta}). Der Rückgang ist größer, als es der Zufall erklären würde.',
  'actions.verdict.not-measurable':
    'Nicht messbar: Die spätere Befragungsrunde zeigt dieses Feld nicht an (zum Schutz der Anonymität verborgen, das Team gibt es nicht mehr, oder darunter wurden andere Teams befragt), daher lässt sich nichts sagen.',
  'actions.backToReport': 'Maßnahmenseite',
  'share.title': 'Ergebnisse mit den Mitarbeitenden teilen',
  'share.help':
    'Ein Link zum Lesen pro Team: die Werte der Organisation, die des eigenen Teams, wo der Bericht sie zeigt, und die Maßnahmen. Keine Kommentare.',
  'share.create': 'Links erstellen',
  'share.revoke': 'Links zurückziehen',
  'results.title': 'Ergebnisse: {wave}',
  'results.organization': 'Gesamte Organisation',
  'results.team': 'Ihr Team: {team}',
  'results.teamHidden':
    'Die Ergebnisse Ihres eigenen Teams werden nicht angezeigt: Es haben weniger als {k} Personen geantwortet, oder die Anzeige könnte eine kleinere Gruppe erkennbar machen. Ihre Antworten fließen in die Ergebnisse der Organisation ein.',
  'results.trustIndex': 'Vertrauens­index',
  'results.respondents': '{n, plural, one {# Person hat geantwortet} other {# Personen haben geantwortet}}',
  'results.actions': 'Was wir daraus machen',
  'results.noActions': 'Es wurden noch keine Maßnahmen erfasst.',
  'results.anonymity':
    'Ergebnisse werden nur für Gruppen von mindestens {k} Personen angezeigt. Kommentare werden hier nicht gezeigt.',
  'results.hiddenCell': 'nicht angezeigt',
  'results.busy':
    'Gerade öffnen viele Personen diese Ergebnisse. Sie erscheinen gleich von selbst; Sie müssen nichts tun.',
  'results.offline':
    'Keine Verbindung. Die Ergebnisse erscheinen von selbst, sobald die Verbindung wieder steht.',
  'schedule.opensAt': 'Öffnet am (optional)',
  'schedule.opensAtHelp':
    'Die Befragungsrunde öffnet sich dann von selbst und verschickt ihre Einladungen per E-Mail. Leer lassen, um sie selbst zu öffnen.',
  'schedule.reminderDays': 'Erinnerungstage (optional)',
  'schedule.reminderDaysHelp':
    'Tage nach dem Öffnen, an denen alle Empfänger eine Erinnerung erhalten, zum Beispiel 3, 6.',
  'schedule.locale': 'Sprache der E-Mails',
  'schedule.badDay': '„{day}“ ist kein Tag von {first} bis {last}.',
  'schedule.tooManyDays': 'Höchstens {most} Erinnerungstage.',
  'schedule.opensOn': 'Öffnet sich von selbst am {when}',
  'schedule.opensByHand': 'Öffnet, wenn Sie sie öffnen',
  'schedule.closesOn': 'Endet am {when}',
  'schedule.noDeadline': 'Kein Enddatum: Sie beenden die Befragungsrunde selbst',
  'schedule.noReminders': 'Keine Erinnerungen geplant',
  'schedule.reminders': 'Erinnerungen {days} {last, plural, one {Tag} other {Tage}} nach dem Öffnen',
  'schedule.nextReminder': 'Nächste Erinnerung am {when}',
  'schedule.reminderDue': 'Eine Erinnerung ist fällig und geht in Kürze hinaus',
  'schedule.noReminderLeft': 'Keine Erinnerung mehr ausstehend',
  'schedule.emailLanguage': 'E-Mails auf {language}',
  'schedule.change': 'Zeitplan ändern',
  'links.personalCodes': 'Persönliche Codes',
  'links.personalCodesHelp':
    'Mit persönlichen Codes nimmt der Link eines Teams eine Antwort nur mit einem Einmal-Code an, der per E-Mail verschickt oder von Hand verteilt wird. Nutzen Sie sie dort, wo ein weitergeleiteter Link anderen das Antworten ermöglichen könnte.',
  'links.personalCodesWarning':
    'Persönliche Codes für {team} einschalten? Der gemeinsame Link dieses Teams nimmt dann nur noch Antworten mit persönlichem Code an. Wer den Link bereits hat, wird nach einem Code gefragt. Hatte das Team schon Codes, gelten die unbenutzten nicht mehr, und alle auf seiner E-Mail-Liste erhalten einen neuen.',
  'links.generateHelp':
    'Zum Verteilen von Hand, zum Beispiel auf Papier. Jeder Code gilt für eine Antwort und wird nur jetzt angezeigt, bewahren Sie die Datei also auf. Nirgends ist festgehalten, wer welchen Code erhält.',
  'delivery.title': 'E-Mail-Versand',
  'delivery.notConfigured':
    'Auf diesem Server ist kein E-Mail-Versand eingerichtet (SMTP_URL); teilen Sie die Teamlinks selbst.',
  'delivery.recipients': 'Empfänger',
  'delivery.queued': 'Wartet auf Versand',
  'delivery.sent': 'Gesendet',
  'delivery.failed': 'Fehlgeschlagen',
  'delivery.perTeam': 'Pro Team',
  'delivery.heldUp':
    '{count, plural, one {# Nachricht wartet} other {# Nachrichten warten}} auf einen neuen Versuch: Der Mailserver hat den Versand vorerst abgelehnt oder war nicht erreichbar. Der Versand läuft von selbst weiter; hält das an, bitten Sie die Betreiber des Servers, seine Mail-Einstellungen zu prüfen.',
  'delivery.serverSaid': 'Zuletzt meldete der Mailserver:',
  'delivery.failedAddresses': 'Fehlgeschlagene Adressen ({count})',
  'delivery.failedHelp':
    'Der Versand an diese Adressen wurde nach mehreren Versuchen aufgegeben. Prüfen Sie sie und laden Sie die korrigierte Liste hoch.',
  'delivery.remind': 'Alle erinnern',
  'delivery.remindConfirm':
    'Jetzt {count, plural, =1 {den einzigen Empfänger} other {alle # Empfänger}} erinnern?',
  'delivery.remindNote':
    'Erinnerungen gehen an alle Empfänger, denn niemand, nicht einmal dieses System, weiß, wer geantwortet hat. Wer schon geantwortet hat, erfährt, dass nichts mehr zu tun ist. In Teams mit persönlichen Codes verweist die Erinnerung auf die erste E-Mail, da nirgends festgehalten ist, welcher Code an wen ging.',
  'delivery.reminded': 'Die Erinnerung an {count} Empfänger ist unterwegs.',
  'delivery.uploadTitle': 'Empfänger',
  'delivery.uploadHelpDraft':
    'CSV mit der Kopfzeile email,team_key, eine Person pro Zeile. Ein neuer Upload ersetzt die Liste. Die Einladungen werden beim Öffnen der Befragungsrunde verschickt; beim Beenden wird die Liste gelöscht.',
  'delivery.uploadHelpOpen':
    'CSV mit der Kopfzeile email,team_key, eine Person pro Zeile. Ein neuer Upload ersetzt die Liste, und neue Empfänger erhalten sofort ihre E-Mail. Beim Beenden der Befragungsrunde wird die Liste gelöscht.',
  'delivery.paste': 'CSV einfügen',
  'delivery.upload': 'Empfänger hochladen',
  'delivery.uploaded': 'Liste gespeichert: {count} Empfänger.',
  'delivery.invited': '{count, plural, one {# Einladung ist} other {# Einladungen sind}} unterwegs.',
  'delivery.rowErrors':
    'Es wurde nichts gespeichert. Korrigieren Sie diese Zeilen und laden Sie die Liste erneut hoch:',
  'delivery.moreErrors': '…und {count} weitere.',
  'progress.help':
    'Die Teamgröße ist die Zahl der Personen, die in diesem Team antworten sollen, ohne Unterteams. „Mit Unterteams“ zählt alle Teams darunter hinzu. Ein Team gilt als „unter Ziel“, wenn weniger als {target} % der Personen dieses Teams und seiner Unterteams geantwortet haben.',
  'progress.answers': 'Antworten / Teamgröße',
  'progress.withSubteams': 'Mit Unterteams',
  'progress.subtreeRate': 'Quote mit Unterteams',
  'progress.mailSent': 'E-Mails gesendet',
  'progress.mailFailed': 'E-Mails fehlgeschlagen',
  'progress.level': 'Ebene {level}:',
  'progress.belowTarget': 'unter Ziel',
  'progress.updated': 'Stand: {time}.',
  'progress.updatedLive': 'Stand: {time}; wird alle 30 Sekunden aktualisiert.',
  'nav.breadcrumb': 'Sie sind hier',
  'state.notFound': 'Nicht gefunden',
  'state.failed': 'Diese Seite konnte nicht geladen werden',
  'state.offline': 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'state.reconnecting': 'Der Server ist gerade nicht erreichbar. Es wird automatisch erneut versucht…',
  'state.noOrganization':
    'Diese Organisation gibt es nicht, oder Sie haben keinen Zugriff darauf. Vielleicht ist der Link veraltet oder falsch geschrieben.',
  'state.noWave':
    'Diese Befragungsrunde gibt es in dieser Organisation nicht, oder Sie können sie noch nicht sehen (Führungskräfte sehen eine Befragungsrunde erst, wenn sie beendet ist).',
  'state.backToOrganizations': 'Zurück zu den Organisationen',
  'state.backToOrganization': 'Zurück zur Organisation',
  'state.backHome': 'Zurück zur Startseite',
  'org.sections': 'Bereiche der Organisation',
  'org.tab.waves': 'Befragungsrunden',
  'org.tab.teams': 'Teams',
  'org.tab.people': 'Personen',
  'org.tab.audit': 'Aktivitätsprotokoll',
  'org.threshold': 'Ergebnisse werden für Gruppen von mindestens {k} Personen angezeigt.',
  'org.empty.noTeams':
    'Importieren Sie zuerst die Teamhierarchie: Eine Befragungsrunde richtet sich an Teams und braucht sie daher.',
  'org.empty.goToTeams': 'Zu den Teams',
  'org.empty.noTeamsLeader': 'Noch keine Teams. Ihre Beraterin oder Ihr Berater richtet sie ein.',
  'org.empty.noWaves':
    'Noch keine Befragungsrunden. Legen Sie unten die erste an: Sie beginnt als Entwurf, den Sie prüfen können, bevor Sie die Befragungsrunde für Antworten öffnen.',
  'org.empty.noClosedWaves':
    'Noch keine beendete Befragungsrunde. Der Bericht einer Befragungsrunde erscheint hier, sobald Ihre Beraterin oder Ihr Berater sie beendet hat.',
  'org.empty.importTeams':
    'Noch keine Teams. Laden Sie unten eine Tabelle hoch oder fügen Sie CSV ein: eine Zeile pro Team, mit dem übergeordneten Team.',
  'org.empty.noPeople':
    'Noch hat niemand sonst Zugriff. Laden Sie unten die Führungskräfte ein, die die Ergebnisse lesen werden.',
  'org.empty.noAudit': 'Bisher wurde nichts protokolliert.',
  'org.memberStatus': 'Status',
  'org.removeWho': '{email} entfernen',
  'org.inviteTitle': 'Jemanden einladen',
  'wave.closedOn': 'Beendet am {date}',
  'wave.closesOn': 'Endet am {date}',
  'wave.opensOn': 'Öffnet am {date}',
  'wave.noPublishedParticipation':
    'Der Bericht zeigt keine Gruppe in Ihrem Bereich: Jede ist zum Schutz der Anonymität ausgeblendet.',
  'console.emptyCreate':
    'Noch keine Organisationen. Legen Sie unten Ihren ersten Kunden an und importieren Sie dann seine Teams.',
  'console.emptyInvited':
    'Sie haben noch keinen Zugriff auf eine Organisation. Bitten Sie Ihre Beraterin oder Ihren Berater um eine Einladung.',
  'console.latestWave': 'Letzte Befragungsrunde:',
  'console.noWave': 'Noch keine Befragungsrunde.',
  'console.rate': '{rate} beantwortet ({responses} von {headcount})',
  'console.responses': '{responses, plural, one {# Antwort} other {# Antworten}}',
  'console.rateHidden':
    'Rücklaufquote nicht angezeigt (zum Schutz der Anonymität ausgeblendet oder noch nicht bereit)',
  'console.latestUnavailable': 'Die letzte Befragungsrunde konnte nicht geladen werden.',
  'confirm.close.title': 'Befragungsrunde {wave} beenden?',
  'confirm.close.body':
    '{count, plural, =1 {Das Beenden friert die Ergebnisse ein: Über den offenen Link werden keine Antworten mehr angenommen, und der Bericht wird endgültig. Das lässt sich nicht rückgängig machen.} other {Das Beenden friert die Ergebnisse ein: Über die # offenen Links werden keine Antworten mehr angenommen, und der Bericht wird endgültig. Das lässt sich nicht rückgängig machen.}}',
  'confirm.close.action': 'Befragungsrunde beenden',
  'confirm.remove.title': '{email} entfernen?',
  'confirm.remove.body':
    'Der Zugriff auf diese Organisation endet sofort; Zugriffe auf andere Organisationen bleiben bestehen. Um ihn zurückzugeben, müssten Sie die Person erneut einladen.',
  'confirm.remove.bodyInvited':
    'Die Einladung ist sofort ungültig. Um später Zugriff zu geben, müssten Sie die Person erneut einladen.',
  'confirm.remove.action': 'Entfernen',
  'confirm.unshare.title': 'Ergebnislinks zurückziehen?',
  'confirm.unshare.body':
    '{count, plural, =1 {Der Link funktioniert sofort nicht mehr, für niemanden, der ihn hat. Erneutes Teilen erzeugt einen neuen Link, den Sie noch einmal verschicken müssten.} other {Die # Links funktionieren sofort nicht mehr, für niemanden, der sie hat. Erneutes Teilen erzeugt neue Links, die Sie noch einmal verschicken müssten.}}',
  'confirm.unshare.action': 'Links zurückziehen',
  'wave.schedule': 'Zeitplan',
  'confirm.removeTeams.title': 'Teams aus der Hierarchie entfernen?',
  'confirm.removeTeams.body':
    '{count, plural, =1 {Beim Speichern wird ein Team entfernt, das nicht in dieser Datei steht, samt seinem Platz in der Hierarchie. Um es zurückzuholen, importieren Sie es erneut.} other {Beim Speichern werden # Teams entfernt, die nicht in dieser Datei stehen, samt ihrem Platz in der Hierarchie. Um eines zurückzuholen, importieren Sie es erneut.}} Befragungsrunden im Entwurf verlieren entfernte Teams ebenfalls, und ein erneuter Import fügt sie dort nicht wieder hinzu.',
  'confirm.removeTeams.action': 'Speichern und entfernen',
  'access.leader': 'Führungskraft der ganzen Organisation',
  'access.leaderOf': 'Führungskraft, beschränkt auf {team}',
  'audit.member.change': '{actor} hat den Zugang von {email} geändert: von „{before}“ zu „{after}“.',
  'confirm.access.title': 'Zugang von {email} ändern?',
  'confirm.access.body':
    'Heute: {before}. Nach dem Speichern: {after}. Hat die Person ihre Einladung angenommen, gilt die Änderung sofort.',
  'confirm.access.action': 'Zugang ändern',
  'org.newLink': 'Neuer Link',
  'org.newLinkFor': 'Neuer Einladungslink für {email}, mit demselben Zugang',
};
