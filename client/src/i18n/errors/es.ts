import type { ErrorCatalog } from './en.ts';

export const es: ErrorCatalog = {
  'request.invalid': 'Hay campos que revisar:',
  'request.not-found': 'Aquí no hay nada: la dirección no existe o no tienes acceso a ella.',
  'request.invalid-json':
    'No se han podido leer los datos enviados. Vuelve a cargar la página e inténtalo de nuevo.',
  'request.too-large': 'Es demasiado grande para enviarlo: como máximo {limit}.',
  'request.unsupported-type': 'Aquí no se puede leer este tipo de archivo. Envía uno de estos: {accepted}.',
  'request.refused': 'Se ha rechazado la petición. Vuelve a cargar la página e inténtalo de nuevo.',
  'request.bad-path':
    'Esta dirección no es válida. Comprueba que se copió entera o vuelve a abrir el enlace.',
  'request.path-too-long':
    'Esta dirección es demasiado larga para llevar a ningún sitio. Comprueba que se copió bien.',
  'request.not-utf8':
    'El archivo no está en texto UTF-8. Guárdalo como UTF-8 (en Excel, «CSV UTF-8») e inténtalo de nuevo.',
  'request.not-utf16': 'El archivo no es texto UTF-16 válido. Guárdalo como UTF-8 e inténtalo de nuevo.',
  'request.csv-unreadable': 'No se ha podido leer el archivo CSV. Comprueba que sea un CSV sencillo.',
  'request.file-unreadable': 'No se puede leer el archivo:',
  'request.too-many':
    'Demasiados intentos. Espera {seconds, plural, one {# segundo} other {# segundos}} y vuelve a intentarlo.',
  'request.cross-site': 'Este cambio tiene que hacerse desde este mismo sitio.',
  'request.idempotency-key-invalid': 'debe tener de 16 a 64 letras, cifras, - o _',
  'request.idempotency-key-reused': 'ya se envió con otra petición',
  'request.in-progress':
    'Esto ya se envió y todavía se está procesando. Espera un momento y vuelve a intentarlo.',

  'validation.required': 'es obligatorio',
  'validation.wrong-type': 'no tiene el tipo de valor esperado ({expected})',
  'validation.too-small': 'debe ser como mínimo {min}',
  'validation.too-small-exclusive': 'debe ser mayor que {min}',
  'validation.too-big': 'debe ser como máximo {max}',
  'validation.too-big-exclusive': 'debe ser menor que {max}',
  'validation.too-short': 'debe tener al menos {min, plural, one {# carácter} other {# caracteres}}',
  'validation.too-long': 'debe tener como máximo {max, plural, one {# carácter} other {# caracteres}}',
  'validation.too-few': 'necesita al menos {min}',
  'validation.too-many': 'admite como máximo {max}',
  'validation.not-multiple': 'debe ser múltiplo de {divisor}',
  'validation.invalid-email': 'no es una dirección de correo',
  'validation.invalid-url': 'no es una dirección web',
  'validation.invalid-date': 'no es una fecha y hora',
  'validation.invalid-format': 'no tiene el formato esperado',
  'validation.not-allowed': 'debe ser uno de estos: {allowed}',
  'validation.unknown-keys': 'contiene campos que no se esperaban: {keys}',
  'validation.unstorable-text': 'contiene caracteres que no se pueden guardar como texto',
  'validation.control-character':
    'no puede contener saltos de línea, tabuladores ni otros caracteres de control',
  'validation.shows-nothing': 'tiene que mostrar al menos una letra, una cifra o un signo',
  'validation.invalid': 'no es válido',

  'service.internal':
    'Algo ha fallado por nuestra parte. Ha quedado registrado; si nos escribes, menciona la petición {requestId}.',
  'service.unavailable': 'El servicio está ocupado en este momento. Vuelve a intentarlo enseguida.',
  'service.database-unavailable':
    'El servicio no puede acceder a sus datos ahora mismo. Vuelve a intentarlo dentro de un momento.',
  'service.restarting': 'El servicio se está reiniciando. Vuelve a intentarlo dentro de un momento.',

  'auth.sign-in-required': 'Inicia sesión para continuar.',
  'auth.wrong-credentials': 'El correo o la contraseña no son correctos.',
  'auth.admin-only': 'Solo un administrador puede hacer esto.',
  'auth.admin-or-delegate-only':
    'Solo un administrador, o alguien a quien haya dado permiso, puede hacer esto.',
  'auth.role-not-allowed': 'Tu rol en esta organización ({role}) no permite hacer esto.',
  'auth.invitation-expired':
    'Esta invitación ha caducado, se ha sustituido o se ha retirado. Pide una nueva.',
  'auth.invitation-for-new-account':
    'Esta invitación es para una cuenta nueva, no para la que tiene la sesión abierta. Cierra la sesión y vuelve a abrir el enlace para elegir su contraseña.',
  'auth.invitation-for-other-account':
    'Esta invitación es para otra cuenta. Cierra la sesión, entra como la persona invitada y vuelve a abrir el enlace.',
  'auth.invitation-for-existing-account':
    'Esta invitación es para una cuenta que ya existe. Inicia sesión con ella y vuelve a abrir el enlace.',
  'auth.password-needed': 'Elige una contraseña para tu nueva cuenta.',
  'auth.password-already-set': 'Tu cuenta ya tiene contraseña; aceptar la invitación no la cambia.',
  'auth.current-password-wrong': 'No es tu contraseña actual.',

  'organization.not-found': 'Esta organización no existe o no tienes acceso a ella.',
  'account.not-found': 'Esta cuenta no existe.',
  'account.not-active':
    'Esta cuenta aún no está activa. Podrá recibir este permiso cuando su titular haya elegido una contraseña.',
  'member.not-found': 'Esta persona no es miembro de esta organización.',
  'member.team-only-for-leaders': 'Solo a los responsables se les puede limitar a un equipo.',
  'member.unknown-team': 'No hay ningún equipo «{team}» en esta organización.',
  'member.last-consultant':
    'La organización se quedaría sin consultor, y entonces solo un administrador podría gestionarla. Da antes el rol de consultor a otra persona.',
  'teams.columns-unreadable': 'No se pueden asociar las columnas del archivo:',
  'teams.invalid': 'La jerarquía tiene problemas que corregir:',
  'teams.removed-team-has-responses':
    '{count, plural, one {El equipo «{teams}» ya tiene respuestas y no se puede quitar; mantenlo en la jerarquía.} other {Estos equipos ya tienen respuestas y no se pueden quitar; mantenlos en la jerarquía: {teams}.}}',
  'teams.team-has-responses': 'tiene respuestas y no se puede quitar',
  'teams.removed-team-in-open-wave':
    '{count, plural, one {El equipo «{teams}» participa en una oleada abierta: su gente responde con su enlace. Mantenlo en la jerarquía hasta que la oleada se cierre.} other {Estos equipos participan en oleadas abiertas, y su gente responde con sus enlaces: {teams}. Mantenlos en la jerarquía hasta que esas oleadas se cierren.}}',
  'teams.team-in-open-wave':
    'participa en la oleada abierta «{wave}» y no se puede quitar hasta que se cierre',
  'teams.removed-team-scopes-member':
    '{count, plural, one {El acceso de un miembro está limitado al equipo «{teams}», así que no se puede quitar; cambia o quita antes el límite de ese miembro.} other {El acceso de algunos miembros está limitado a estos equipos, así que no se pueden quitar; cambia o quita antes esos límites: {teams}.}}',
  'teams.team-scopes-member':
    'limita el acceso de un miembro y no se puede quitar; cambia o quita antes el límite de ese miembro',
  'teams.new-team-scopes-member':
    '{count, plural, one {El acceso de un miembro está limitado al equipo «{teams}», que ya no existe; un equipo nuevo con esa clave le abriría su parte. Cambia o quita antes el límite de ese miembro, o da otra clave al equipo.} other {El acceso de algunos miembros está limitado a estos equipos, que ya no existen; equipos nuevos con esas claves les abrirían sus partes. Cambia o quita antes esos límites, o da otras claves a los equipos: {teams}.}}',
  'teams.team-key-scopes-member':
    'era el equipo al que se limita el acceso de un miembro; un equipo nuevo con esta clave le abriría su parte',
  'teams.key-of-past-team':
    '{count, plural, one {La clave «{teams}» era de un equipo de una oleada cerrada, quitado después; un equipo nuevo con ella heredaría su historial (sus acciones, resultados compartidos y tendencias). Dale otra clave.} other {Estas claves eran de equipos de oleadas cerradas, quitados después; equipos nuevos con ellas heredarían su historial (sus acciones, resultados compartidos y tendencias). Dales otras claves: {teams}.}}',
  'teams.team-key-of-past-team':
    'era de un equipo de la oleada cerrada «{wave}», quitado después; da otra clave al equipo nuevo',
  'teams.changed-since-preview':
    'Otra persona cambió los equipos después de esta vista previa, así que no se guardó nada. Revisa la nueva vista previa y vuelve a guardar.',
  'teams.removed-team-just-answered':
    'Un equipo que esta importación quitaría acaba de recibir una respuesta; mantenlo en la jerarquía.',

  'questionnaire.not-found': 'No existe el cuestionario {questionnaire}.',
  'questionnaire.version-not-found': 'El cuestionario {questionnaire} no tiene la versión {version}.',
  'questionnaire.locale-unavailable':
    'El cuestionario {questionnaire} no está disponible en «{locale}»; está disponible en {locales}.',

  'wave.not-found': 'Esta oleada no existe o no tienes acceso a ella.',
  'wave.unknown-questionnaire': 'No existe el cuestionario {questionnaire}.',
  'wave.closes-at-in-past': 'La fecha de cierre tiene que ser futura.',
  'wave.opens-at-in-past': 'La fecha de apertura tiene que ser futura.',
  'wave.time-too-far': 'no puede estar a más de dos años de hoy',
  'wave.opens-after-closing': 'La oleada tiene que abrirse antes de cerrarse.',
  'wave.closes-before-opening': 'El cierre tiene que ser posterior a la apertura.',
  'wave.locale-unavailable': 'Este cuestionario está disponible en: {locales}.',
  'wave.needs-teams': 'Importa la jerarquía de equipos antes de crear una oleada.',
  'wave.teams-changed':
    'Los equipos cambiaron mientras tanto (alguien importó una jerarquía), así que no se guardó nada. Inténtalo de nuevo.',
  'wave.unknown-teams':
    '{count, plural, one {El equipo «{teams}» no existe.} other {Estos equipos no existen: {teams}.}}',
  'wave.team-not-in-wave': 'El equipo «{team}» no forma parte de esta oleada.',
  'wave.personal-codes-off':
    'El equipo «{team}» responde con su enlace compartido; activa antes los códigos personales para él.',
  'wave.closed': 'Esta oleada está cerrada.',
  'wave.closed-recipients-gone': 'Esta oleada está cerrada; su lista de destinatarios se ha borrado.',
  'wave.reminders-need-open':
    'Los recordatorios solo se envían mientras la oleada está abierta (esta oleada: {status}).',
  'wave.no-recipients': 'Esta oleada todavía no tiene destinatarios; sube antes la lista.',
  'wave.already-open': 'Esta oleada ya está abierta.',
  'wave.opening-in-past': 'La fecha de apertura tiene que ser futura.',
  'wave.must-open-before-closing': 'La oleada tiene que abrirse antes de cerrarse.',
  'wave.wrong-step':
    'Una oleada solo pasa de borrador a abierta y de abierta a cerrada (esta oleada: {status}).',
  'wave.closing-time-passed': 'Su fecha de cierre ya ha pasado; crea una oleada nueva.',
  'wave.no-teams':
    'Esta oleada ya no tiene equipos (una importación de la jerarquía los quitó), así que no puede abrirse; crea una oleada nueva.',
  'wave.csv-after-close': 'La exportación CSV está disponible cuando la oleada se ha cerrado.',

  'delivery.email-not-configured':
    'Este servidor todavía no envía correos; comparte tú los enlaces de los equipos o pide a tu administrador que configure el correo.',
  'delivery.header-missing-columns':
    'La primera fila del archivo debe nombrar las columnas email y team_key; falta: {columns}.',
  'delivery.column-missing': 'falta',
  'delivery.too-many-recipients': 'Una oleada admite como máximo {max} destinatarios.',
  'delivery.email-invalid': 'no es una dirección de correo',
  'delivery.email-repeated': 'ya figura en la fila {row}',
  'delivery.team-not-in-wave': '«{team}» no es un equipo de esta oleada',
  'delivery.invalid-list': 'La lista tiene problemas que corregir:',

  'report.not-found': 'Todavía no hay informe para esta oleada.',
  'report.being-prepared': 'Estamos preparando este informe. Vuelve a intentarlo dentro de un momento.',
  'results.needs-closed-wave': 'Los resultados se pueden compartir cuando la oleada se ha cerrado.',
  'results.link-unknown': 'Este enlace de resultados no es válido o se ha retirado.',
  'action.not-found': 'Esta acción no existe o no tienes acceso a ella.',
  'action.needs-closed-wave':
    'Las acciones parten de los resultados publicados de una oleada cerrada (esta oleada: {status}).',
  'action.unknown-dimension': 'Este cuestionario no tiene la dimensión «{dimension}».',
  'action.team-outside-scope':
    'Solo puedes comprometerte con acciones, y cambiarlas, para equipos de tu parte de la organización.',
  'action.cell-hidden':
    'El informe oculta esta celda (pocas respuestas, u oculta para que no se pueda deducir un grupo pequeño restando), así que no hay puntuación con la que medir una acción. Elige un equipo o una dimensión que el informe muestre.',
  'action.due-date-out-of-range':
    'debe estar entre el {earliest} y el {latest}: desde un año antes del cierre de la oleada hasta diez años después',
  'action.nothing-to-change':
    'Cambia al menos uno de estos: estado, nota, fecha límite, responsable, título.',
  'action.changed-meanwhile':
    'Alguien cambió esta acción después de que la abrieras. Ahora muestra lo que hizo: vuelve a hacer tu cambio si sigue haciendo falta.',

  'survey.link-unknown': 'Este enlace de encuesta no es válido. Comprueba que tienes el enlace completo.',
  'survey.not-open': 'Esta encuesta todavía no se ha abierto. Vuelve más tarde.',
  'survey.closed': 'Esta encuesta se ha cerrado y ya no admite respuestas.',
  'survey.team-full':
    'Este enlace ha recibido más respuestas que miembros tiene el equipo, así que no admite más. Si aún no has respondido, díselo a quien te lo envió.',
  'survey.invitation-required': 'Escribe el código personal de tu invitación.',
  'survey.invitation-unknown':
    'Este código personal no es válido para esta encuesta. Revísalo y vuelve a intentarlo.',
  'survey.invitation-used': 'Este código personal ya se ha usado; cada código responde una sola vez.',
  'survey.invitation-not-needed': 'Este enlace de encuesta no necesita código personal.',
  'survey.not-a-question': 'no es una pregunta de esta encuesta',
  'survey.answer-required': 'necesita una respuesta',
  'survey.answer-out-of-range': 'debe ser una de las cinco respuestas, o quedar sin responder',
  'survey.no-answers': 'Responde al menos a una pregunta.',
  'survey.answers-invalid': 'Hay respuestas que revisar:',
};
