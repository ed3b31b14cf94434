/** Bumped on any incompatible change to the messages or the view shapes. */
export const PROTOCOL_VERSION = 3;
