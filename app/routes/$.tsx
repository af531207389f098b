/** Anything no route matches: a plain 404 with the path, for pages and API clients alike. */
export const loader = ({ request }: { request: Request }) => {
  throw new Response(`No page at ${new URL(request.url).pathname}`, { status: 404, statusText: "Not Found" });
};
export const action = loader;
export default function NotFound() {
  return null;
}
