/** Meta keys of the demo, in a module of their own so that a start can check the mark without loading the demo. */

/** Set once the demo was seeded in this database. */
export const DEMO_SEEDED_KEY = 'demo-seeded';
/** Meta key of the demo connection's id, so that a demo reset finds it after a rename. */
export const DEMO_CONNECTION_KEY = 'demo-connection-id';
