/** A usage or tool error: the preview could not run to a verdict. Exits with code 2. */
export class PreviewError extends Error {
  override readonly name = "PreviewError";
  constructor(
    message: string,
    /** Extra detail printed after the message, e.g. a program's stack trace or a pack's stderr. */
    readonly detail?: string,
  ) {
    super(message);
  }
}
