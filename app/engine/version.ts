/** The engine's and the CLI's version; a test keeps it equal to package.json's. */
export const PADDOCK_VERSION = "0.1.0";
