import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { LoginErrorType } from "@shopify/shopify-app-remix/server";
import { login } from "../../shopify.server";

function loginErrorMessage(errors: { shop?: LoginErrorType } | undefined): string | undefined {
  if (errors?.shop === LoginErrorType.MissingShop) return "Please enter your shop domain to log in";
  if (errors?.shop === LoginErrorType.InvalidShop) return "Please enter a valid shop domain to log in";
  return undefined;
}

export const loader = async ({ request }: LoaderFunctionArgs) => ({ error: loginErrorMessage(await login(request)) });
export const action = async ({ request }: ActionFunctionArgs) => ({ error: loginErrorMessage(await login(request)) });

export default function Auth() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData?.error ?? loaderData.error;
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 480, margin: "4rem auto" }}>
      <h1>Log in</h1>
      <Form method="post">
        <label>
          Shop domain <input type="text" name="shop" placeholder="example.myshopify.com" autoComplete="on" />
        </label>
        {error && <p role="alert">{error}</p>}
        <button type="submit">Log in</button>
      </Form>
    </main>
  );
}
