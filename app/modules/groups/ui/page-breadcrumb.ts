// The breadcrumb of a group page's tab: what a tab exports as `handle` — its last breadcrumb item (none for the index,
// the resources tab), a text or made from the page's data (a thread's title). Read by both group layouts.

export type GroupPageHandle = { breadcrumb?: string | ((data: unknown) => string | undefined) }

/** The last breadcrumb item of the current page, if it has one. */
export function pageBreadcrumb(match: { handle?: unknown; data?: unknown } | undefined): string | undefined {
  const crumb = (match?.handle as GroupPageHandle | undefined)?.breadcrumb
  return typeof crumb === 'function' ? crumb(match?.data) : crumb
}
