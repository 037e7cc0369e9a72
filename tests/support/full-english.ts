// Tests read the client's strings as the console's pages do, with all of English (translate.ts).
import '../../client/src/i18n/full-english.ts';
