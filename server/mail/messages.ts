/**
 * The words of the invitations and reminders, in every language the product speaks.
 *
 * Pure: the caller passes the wave, the team and the link, and gets back a subject, a plain-text
 * part and an HTML part built from the same blocks, so the two can never say different things.
 *
 * What a message never carries: images, tracking pixels, remote styles or fonts, or any URL but
 * the survey link. A remote resource is fetched when the message is opened, which would tell
 * whoever serves it that this address read it, and when. The only thing that differs from one
 * person to the next is the personal code of a personal-code invitation (A3). A reminder has no
 * code: nothing records which code went to whom, so there is none to send again.
 */

export type MailKind = 'invitation' | 'reminder';

export interface MailContext {
  kind: MailKind;
  /** The wave's language; one we do not have falls back through `mailLocale`. */
  locale: string;
  organizationName: string;
  waveTitle: string;
  teamName: string;
  closesAt: Date | null;
  /** The survey link; in a personal-code invitation it already ends with `?code=<code>`. */
  link: string;
  /** Only in a personal-code invitation: printed so it can be typed if the link does not open. */
  personalCode: string | null;
  /** The team answers with single-use personal codes. */
  personalCodes: boolean;
  /** k: results are only shown for groups of at least k people (R1). */
  anonymityThreshold: number;
}

type Block =
  | { type: 'paragraph'; text: string }
  /** A sentence whose first words are set in bold. */
  | { type: 'note'; lead: string; text: string }
  | { type: 'link'; label: string; href: string }
  | { type: 'code'; code: string };

interface Phrases {
  /** The fixed words go around the organization and the wave title. */
  subject: Record<MailKind, (organization: string, wave: string) => string>;
  greeting: string;
  invitation(ctx: MailContext): string;
  reminder(ctx: MailContext): string;
  /** Why everyone gets the reminder, answered or not. */
  remindEveryone: string;
  /** Personal-code team: use the first email's link, and why this one has no code. */
  remindUseFirstEmail: string;
  remindTeamLink: string;
  personalCode: string;
  nobodyKnowsCodes: string;
  start: string;
  open: string;
  linkFallback: string;
  /** What ends the label above a link in the text part: French keeps a narrow space before it. */
  colon: string;
  closes(date: string): string;
  anonymous: string;
  anonymity(organization: string, k: number): string;
  /**
   * Personal-code teams: a used code records that it was used, so someone holding both a person's
   * email and the database could learn that they answered (docs/anonymity.md); never what.
   */
  anonymityPersonal(organization: string, k: number): string;
  thanks: string;
  why(organization: string): string;
}

/** One entry per locale of client/src/i18n. */
const phrases: Record<string, Phrases> = {
  en: {
    subject: {
      invitation: (organization, wave) => `${organization} would like your view: ${wave}`,
      reminder: (organization, wave) => `Reminder: ${wave} (${organization})`,
    },
    greeting: 'Hello,',
    invitation: (ctx) =>
      `${ctx.organizationName} invites you to take part in “${ctx.waveTitle}”, a short survey about trust in your team, ${ctx.teamName}. It takes about 5 minutes.`,
    reminder: (ctx) =>
      `A quick reminder about “${ctx.waveTitle}”, the survey on trust in your team, ${ctx.teamName}, that ${ctx.organizationName} invited you to answer.`,
    remindEveryone:
      'We send this reminder to everyone on the list, because the survey is anonymous and the system cannot know who has answered. If you have already answered, thank you: there is nothing more to do.',
    remindUseFirstEmail:
      'If you have not answered yet, please use the link in the first email: it carries your personal code. This reminder carries no code, because the survey keeps no record of which code went to whom.',
    remindTeamLink: 'You can also open the survey here; it will ask for the code from your first email.',
    personalCode:
      'The link carries your personal code, which works only once. If the link does not open, type the address into your browser and enter this code when the survey asks for it:',
    nobodyKnowsCodes:
      'Codes are handed out at random, and the survey keeps no record of which code went to whom.',
    start: 'Start the survey',
    open: 'Open the survey',
    linkFallback: 'If the button does not work, copy this address into your browser:',
    colon: ':',
    closes: (date) => `The survey closes on ${date} UTC.`,
    anonymous: 'Your answers are anonymous.',
    anonymity: (organization, k) =>
      `Nobody, not even ${organization} or its administrators, can see who answered or what any one person answered. Results are only shown for groups of at least ${k} people.`,
    anonymityPersonal: (organization, k) =>
      `Nobody, not even ${organization} or its administrators, can see what any one person answered: your code is only checked so that it is used once, and is never stored with your answers. Results are only shown for groups of at least ${k} people.`,
    thanks: 'Thank you for your time.',
    why: (organization) =>
      `You are receiving this email because ${organization} added your address to this survey.`,
  },
  es: {
    subject: {
      invitation: (organization, wave) => `${organization} quiere conocer tu opinión: ${wave}`,
      reminder: (organization, wave) => `Recordatorio: ${wave} (${organization})`,
    },
    greeting: 'Hola:',
    invitation: (ctx) =>
      `${ctx.organizationName} te invita a participar en «${ctx.waveTitle}», una breve encuesta sobre la confianza en tu equipo, ${ctx.teamName}. Te llevará unos 5 minutos.`,
    reminder: (ctx) =>
      `Te recordamos la encuesta «${ctx.waveTitle}» sobre la confianza en tu equipo, ${ctx.teamName}, a la que ${ctx.organizationName} te invitó.`,
    remindEveryone:
      'Este recordatorio llega a todas las personas de la lista, porque la encuesta es anónima y el sistema no puede saber quién ha respondido. Si ya has respondido, ¡gracias! No tienes que hacer nada más.',
    remindUseFirstEmail:
      'Si todavía no has respondido, usa el enlace del primer correo, que lleva tu código personal. Este recordatorio no incluye ningún código, porque la encuesta no guarda qué código recibió cada persona.',
    remindTeamLink:
      'También puedes abrir la encuesta aquí; te pedirá el código que venía en el primer correo.',
    personalCode:
      'El enlace lleva tu código personal, que solo sirve una vez. Si el enlace no se abre, escribe la dirección en el navegador e introduce este código cuando la encuesta te lo pida:',
    nobodyKnowsCodes:
      'Los códigos se reparten al azar y la encuesta no guarda ningún registro de qué código recibió cada persona.',
    start: 'Responder la encuesta',
    open: 'Abrir la encuesta',
    linkFallback: 'Si el botón no funciona, copia esta dirección en el navegador:',
    colon: ':',
    closes: (date) => `La encuesta se cierra el ${date} (hora UTC).`,
    anonymous: 'Tus respuestas son anónimas.',
    anonymity: (organization, k) =>
      `Nadie, ni siquiera ${organization} ni sus administradores, puede ver quién ha respondido ni qué ha respondido cada persona. Los resultados solo se muestran para grupos de al menos ${k} personas.`,
    anonymityPersonal: (organization, k) =>
      `Nadie, ni siquiera ${organization} ni sus administradores, puede ver qué ha respondido cada persona: tu código solo se comprueba para que se use una vez y nunca se guarda junto a tus respuestas. Los resultados solo se muestran para grupos de al menos ${k} personas.`,
    thanks: 'Gracias por tu tiempo.',
    why: (organization) =>
      `Recibes este correo porque ${organization} incluyó tu dirección en esta encuesta.`,
  },
  fr: {
    subject: {
      invitation: (organization, wave) => `${organization} souhaite connaître votre avis : ${wave}`,
      reminder: (organization, wave) => `Rappel : ${wave} (${organization})`,
    },
    greeting: 'Bonjour,',
    invitation: (ctx) =>
      `${ctx.organizationName} vous invite à participer à « ${ctx.waveTitle} », un court questionnaire sur la confiance au sein de votre équipe, ${ctx.teamName}. Il vous prendra environ 5 minutes.`,
    reminder: (ctx) =>
      `Petit rappel au sujet de « ${ctx.waveTitle} », le questionnaire sur la confiance au sein de votre équipe, ${ctx.teamName}, auquel ${ctx.organizationName} vous propose de répondre.`,
    remindEveryone:
      'Ce rappel est envoyé à toutes les personnes de la liste, car le questionnaire est anonyme et le système ne peut pas savoir qui a répondu. Si vous avez déjà répondu, merci : vous n’avez rien d’autre à faire.',
    remindUseFirstEmail:
      'Si vous n’avez pas encore répondu, utilisez le lien du premier courriel : il contient votre code personnel. Ce rappel ne contient aucun code, car le questionnaire ne garde aucune trace du code remis à chaque personne.',
    remindTeamLink:
      'Vous pouvez aussi ouvrir le questionnaire ici ; il vous demandera le code reçu dans le premier courriel.',
    personalCode:
      'Le lien contient votre code personnel, qui ne sert qu’une seule fois. Si le lien ne s’ouvre pas, saisissez l’adresse dans votre navigateur, puis ce code lorsque le questionnaire vous le demande :',
    nobodyKnowsCodes:
      'Les codes sont distribués au hasard, et le questionnaire ne garde aucune trace du code remis à chaque personne.',
    start: 'Répondre au questionnaire',
    open: 'Ouvrir le questionnaire',
    linkFallback: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
    colon: ' :',
    closes: (date) => `Le questionnaire sera clos le ${date} (heure UTC).`,
    anonymous: 'Vos réponses sont anonymes.',
    anonymity: (organization, k) =>
      `Personne, pas même ${organization} ni ses administrateurs, ne peut voir qui a répondu ni ce qu’une personne a répondu. Les résultats ne sont affichés que pour des groupes d’au moins ${k} personnes.`,
    anonymityPersonal: (organization, k) =>
      `Personne, pas même ${organization} ni ses administrateurs, ne peut voir ce qu’une personne a répondu : votre code sert uniquement à vérifier qu’il n’est utilisé qu’une fois, et il n’est jamais enregistré avec vos réponses. Les résultats ne sont affichés que pour des groupes d’au moins ${k} personnes.`,
    thanks: 'Merci du temps que vous y consacrez.',
    why: (organization) =>
      `Vous recevez ce courriel parce que ${organization} a inscrit votre adresse pour ce questionnaire.`,
  },
  de: {
    subject: {
      invitation: (organization, wave) => `${organization} bittet um Ihre Meinung: ${wave}`,
      reminder: (organization, wave) => `Erinnerung: ${wave} (${organization})`,
    },
    greeting: 'Guten Tag,',
    invitation: (ctx) =>
      `${ctx.organizationName} lädt Sie ein, an „${ctx.waveTitle}“ teilzunehmen, einer kurzen Befragung zum Vertrauen in Ihrem Team ${ctx.teamName}. Sie dauert etwa 5 Minuten.`,
    reminder: (ctx) =>
      `Eine kurze Erinnerung an „${ctx.waveTitle}“, die Befragung zum Vertrauen in Ihrem Team ${ctx.teamName}, zu der ${ctx.organizationName} Sie eingeladen hat.`,
    remindEveryone:
      'Diese Erinnerung geht an alle auf der Liste, denn die Befragung ist anonym und das System kann nicht wissen, wer schon geantwortet hat. Wenn Sie bereits geantwortet haben: Vielen Dank, Sie müssen nichts weiter tun.',
    remindUseFirstEmail:
      'Falls Sie noch nicht geantwortet haben, nutzen Sie bitte den Link aus der ersten E-Mail: Er enthält Ihren persönlichen Code. Diese Erinnerung enthält keinen Code, weil die Befragung nicht festhält, welcher Code an wen ging.',
    remindTeamLink:
      'Sie können die Befragung auch hier öffnen; sie fragt dann nach dem Code aus Ihrer ersten E-Mail.',
    personalCode:
      'Der Link enthält Ihren persönlichen Code, der nur ein einziges Mal gilt. Falls sich der Link nicht öffnet, geben Sie die Adresse in Ihren Browser ein und tragen Sie diesen Code ein, wenn die Befragung danach fragt:',
    nobodyKnowsCodes:
      'Die Codes werden zufällig verteilt, und die Befragung hält nicht fest, welcher Code an wen ging.',
    start: 'Zur Befragung',
    open: 'Befragung öffnen',
    linkFallback: 'Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:',
    colon: ':',
    closes: (date) => `Die Befragung endet am ${date} Uhr (UTC).`,
    anonymous: 'Ihre Antworten sind anonym.',
    anonymity: (organization, k) =>
      `Niemand, auch nicht ${organization} oder die Administratoren der Befragung, kann sehen, wer geantwortet hat oder was eine einzelne Person geantwortet hat. Ergebnisse werden nur für Gruppen von mindestens ${k} Personen angezeigt.`,
    anonymityPersonal: (organization, k) =>
      `Niemand, auch nicht ${organization} oder die Administratoren der Befragung, kann sehen, was eine einzelne Person geantwortet hat: Ihr Code wird nur daraufhin geprüft, dass er nicht zweimal verwendet wird, und nie zusammen mit Ihren Antworten gespeichert. Ergebnisse werden nur für Gruppen von mindestens ${k} Personen angezeigt.`,
    thanks: 'Vielen Dank für Ihre Zeit.',
    why: (organization) =>
      `Sie erhalten diese E-Mail, weil ${organization} Ihre Adresse für diese Befragung angegeben hat.`,
  },
};

export const mailLocales: readonly string[] = Object.keys(phrases);

/** The locale we write in: `preferred` itself, else its language ('es-MX' → 'es'), else English. */
export function mailLocale(preferred: string | null | undefined): string {
  const wanted = (preferred ?? '').trim().toLowerCase().replace('_', '-');
  if (mailLocales.includes(wanted)) return wanted;
  const language = wanted.split('-')[0] ?? '';
  return mailLocales.includes(language) ? language : 'en';
}

export function composeMessage(ctx: MailContext): { subject: string; text: string; html: string } {
  const locale = mailLocale(ctx.locale);
  const say = phrases[locale] as Phrases;
  const blocks = ctx.kind === 'invitation' ? invitation(ctx, say, locale) : reminder(ctx, say, locale);
  const subject = subjectLine(say.subject[ctx.kind], ctx.organizationName, ctx.waveTitle);
  return { subject, text: renderText(blocks, say), html: renderHtml(blocks, locale, say, subject) };
}

function invitation(ctx: MailContext, say: Phrases, locale: string): Block[] {
  const code = ctx.personalCode;
  return [
    paragraph(say.greeting),
    paragraph(say.invitation(ctx)),
    { type: 'link', label: say.start, href: ctx.link },
    ...(code ? [paragraph(say.personalCode), { type: 'code', code } as const] : []),
    ...closing(ctx, say, locale),
    anonymity(ctx, say),
    ...(code ? [paragraph(say.nobodyKnowsCodes)] : []),
    paragraph(say.thanks),
    paragraph(say.why(ctx.organizationName)),
  ];
}

function reminder(ctx: MailContext, say: Phrases, locale: string): Block[] {
  const link: Block[] = ctx.personalCodes
    ? [
        paragraph(say.remindUseFirstEmail),
        paragraph(say.remindTeamLink),
        { type: 'link', label: say.open, href: ctx.link },
      ]
    : [{ type: 'link', label: say.start, href: ctx.link }];
  return [
    paragraph(say.greeting),
    paragraph(say.reminder(ctx)),
    paragraph(say.remindEveryone),
    ...link,
    ...closing(ctx, say, locale),
    anonymity(ctx, say),
    paragraph(say.why(ctx.organizationName)),
  ];
}

function paragraph(text: string): Block {
  return { type: 'paragraph', text };
}

function closing(ctx: MailContext, say: Phrases, locale: string): Block[] {
  if (!ctx.closesAt) return [];
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  return [paragraph(say.closes(date.format(ctx.closesAt)))];
}

function anonymity(ctx: MailContext, say: Phrases): Block {
  return {
    type: 'note',
    lead: say.anonymous,
    text: (ctx.personalCodes ? say.anonymityPersonal : say.anonymity)(
      ctx.organizationName,
      ctx.anonymityThreshold,
    ),
  };
}

const SUBJECT_MAX = 80;

/**
 * The subject on one line (a line break in a name must not end the header) and within
 * SUBJECT_MAX characters: when both do not fit, the longer of the title and the name is cut.
 */
function subjectLine(
  make: (organization: string, wave: string) => string,
  organization: string,
  wave: string,
) {
  const org = Array.from(organization.replace(/\s+/g, ' ').trim());
  const title = Array.from(wave.replace(/\s+/g, ' ').trim());
  const room = SUBJECT_MAX - make('', '').length;
  if (org.length + title.length <= room) return make(org.join(''), title.join(''));
  const orgRoom = Math.min(org.length, Math.max(Math.floor(room / 2), room - title.length));
  return make(clip(org, orgRoom), clip(title, room - orgRoom));
}

/** Cuts to `length` characters with an ellipsis, at a word boundary unless that loses too much. */
function clip(chars: string[], length: number): string {
  if (chars.length <= length) return chars.join('');
  const kept = chars.slice(0, Math.max(length - 1, 0));
  const space = chars[kept.length] === ' ' ? kept.length : kept.lastIndexOf(' ');
  const words = space >= kept.length / 2 ? kept.slice(0, space) : kept;
  return `${words.join('').trimEnd()}…`;
}

function renderText(blocks: Block[], say: Phrases): string {
  return `${blocks.map((block) => blockText(block, say)).join('\n\n')}\n`;
}

function blockText(block: Block, say: Phrases): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'note':
      return `${block.lead} ${block.text}`;
    case 'link':
      return `${block.label}${say.colon}\n${block.href}`;
    case 'code':
      return `    ${block.code}`;
  }
}

// Inline styles only: mail clients drop <style> blocks and never load stylesheets.
const style = {
  body: "margin:0;padding:24px 16px;background:#ffffff;color:#1d2430;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5",
  paragraph: 'margin:0 0 16px',
  button:
    'display:inline-block;padding:12px 24px;background:#3b2a8f;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600',
  fallback: 'margin:0 0 16px;font-size:14px;color:#5a6170',
  fallbackLink: 'color:#3b2a8f;word-break:break-all',
  code: 'margin:0 0 16px;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:18px;letter-spacing:1px;word-break:break-all',
};

function renderHtml(blocks: Block[], locale: string, say: Phrases, title: string): string {
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body style="${style.body}">`,
    '<div style="max-width:560px;margin:0 auto">',
    ...blocks.map((block) => blockHtml(block, say)),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function blockHtml(block: Block, say: Phrases): string {
  switch (block.type) {
    case 'paragraph':
      return `<p style="${style.paragraph}">${escapeHtml(block.text)}</p>`;
    case 'note':
      return `<p style="${style.paragraph}"><strong>${escapeHtml(block.lead)}</strong> ${escapeHtml(block.text)}</p>`;
    case 'link': {
      // The address is also written out, for a client that shows the button without its link.
      const href = escapeHtml(block.href);
      return [
        `<p style="margin:24px 0"><a href="${href}" style="${style.button}">${escapeHtml(block.label)}</a></p>`,
        `<p style="${style.fallback}">${escapeHtml(say.linkFallback)}<br><a href="${href}" style="${style.fallbackLink}">${href}</a></p>`,
      ].join('\n');
    }
    case 'code':
      return `<p style="${style.code}">${escapeHtml(block.code)}</p>`;
  }
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
