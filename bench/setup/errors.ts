import { LoopbenchError } from '../errors.js';

/** A system part could not be provisioned; the message names the part and the exact command. */
export class SetupError extends LoopbenchError {
  constructor(message: string) {
    super('E_SETUP', message);
    this.name = 'SetupError';
  }
}
