/** The file a finished GraphVAE run leaves in its run folder (a GraphVaeReport as JSON). */
export const GRAPH_VAE_REPORT_FILE = 'graph-vae.json';
