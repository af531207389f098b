import nodemailer from "nodemailer";

export interface EmailMessage {
  readonly from: string;
  readonly to: string;
  readonly replyTo?: string | null;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly language: string;
  /** Stable Message-ID: a receiving server or client can tell a retry from a new message. */
  readonly messageId: string;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<{ providerId: string }>;
}

/**
 * SMTP through nodemailer. `smtpUrl` is smtp[s]://user:pass@host:port (nodemailer's URL form).
 * Failures throw; the outbox (send.server.ts) retries them with backoff.
 */
export function createSmtpSender(smtpUrl: string, options: { timeoutMs?: number } = {}): EmailSender & { close(): void } {
  const timeout = options.timeoutMs ?? 10_000;
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    // A local relay without TLS (the demo's, a test's) says so with ?ignoreTLS=true.
    ignoreTLS: url.searchParams.get("ignoreTLS") === "true",
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: message.from,
        to: message.to,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        messageId: message.messageId,
        headers: { "Content-Language": message.language },
      });
      return { providerId: info.messageId };
    },
    close: () => transport.close(),
  };
}
