/** Orders reports by URI, as a scan with charts lists them (the chart's files, rendered, among the others). */
export function compareReportUris(a: { readonly uri: string }, b: { readonly uri: string }): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0;
}
