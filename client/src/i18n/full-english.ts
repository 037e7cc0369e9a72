import { en } from './en.ts';
import { registerEnglish } from './translate.ts';

/**
 * All of English, for the console's pages: imported by the frame they share (PageFrame), so it
 * comes with their code and never with the survey's or the shared results' (translate.ts).
 */
registerEnglish(en);
