/** The name of the configuration file at a workspace root (a module of its own, so that the extension can name it without loading the configuration reader). */
export const CONFIG_FILE = '.bollwerk.yaml';
