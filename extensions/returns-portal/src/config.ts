/**
 * The app's public URL, where /api/returns/* answers. Keep it equal to `application_url` in
 * shopify.app.toml (`shopify app dev` and `shopify app deploy` show the URL to put here).
 */
export const APP_URL = "https://localhost:3000";
