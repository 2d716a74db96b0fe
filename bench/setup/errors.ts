/** A system part could not be provisioned; the message names the part and the exact command. */
export class SetupError extends Error {
  override name = 'SetupError';
}
