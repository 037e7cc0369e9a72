import { randomBytes } from 'node:crypto';
import { CODE_SYMBOLS, formatInvitationCode } from '../domain/participation/invitation-code.ts';

/** A fresh personal code: 28 symbols of 5 random bits each (256 is a multiple of 32, so unbiased). */
export const newInvitationCode = () => formatInvitationCode(randomBytes(CODE_SYMBOLS));
