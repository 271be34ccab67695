/** How many rows a list on a page shows at most. */
export const PAGE_LIST_LIMIT = 50;
