/** Page matching for the sidebar, loaded after first paint: it carries the public suffix list. */
export { matchPageContext } from '@/lib/db/matching';
export { captureKeyFor } from '@/lib/context/match';
