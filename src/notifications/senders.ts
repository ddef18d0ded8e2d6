// The ways Hearth emails a message, chosen by config.ts: GOV.UK Notify (one generic template whose
// personalisation is subject, body and link), or an SMTP server through nodemailer. With neither
// there is no sender, and messages stay in the outbox. A failure comes back as a SendFailure
// whose reason is short and names no address: it is what the message keeps and the log shows.
import { NotifyClient } from 'notifications-node-client';
import { createTransport } from 'nodemailer';
import type { Config, MailConfig } from '../config.ts';
import { shortReason } from './domain/sending.ts';

export interface OutgoingEmail {
  /** The message's id: Notify's reference, and what the log names. */
  id: string;
  to: string;
  subject: string;
  body: string;
  /** Absolute: the page in Hearth. */
  link: string;
}

export interface Sender {
  /** How it sends, for the administrators' page: "GOV.UK Notify" or "SMTP". */
  readonly name: string;
  send(email: OutgoingEmail): Promise<void>;
}

/** What the sending job needs: a sender (none: the outbox) and the address links are made under. */
export interface Sending {
  sender: Sender | undefined;
  publicUrl: string;
}

export class SendFailure extends Error {
  constructor(reason: string) {
    super(shortReason(reason));
    this.name = 'SendFailure';
  }
}

/** A send that hears nothing back gives up, so one slow reply does not hold the run. */
const SEND_TIMEOUT_MS = 10_000;

interface NotifyError {
  code?: string;
  response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } };
}

/** GOV.UK Notify's answer to a refused send: its status and error, never the request. */
function notifyReason(error: unknown): string {
  const failure = error as NotifyError;
  const status = failure.response?.status;
  if (status === undefined) return `GOV.UK Notify could not be reached (${failure.code ?? 'no answer'})`;
  const first = failure.response?.data?.errors?.[0];
  const detail = first ? `: ${[first.error, first.message].filter(Boolean).join(': ')}` : '';
  return `GOV.UK Notify answered ${status}${detail}`;
}

export function notifySender(config: Extract<MailConfig, { kind: 'notify' }>): Sender {
  const client = config.baseUrl ? new NotifyClient(config.baseUrl, config.apiKey) : new NotifyClient(config.apiKey);
  // The client sends through axios with no time limit; each request is given one.
  const api = client.apiClient as { restClient: (options: object) => Promise<unknown> };
  const request = api.restClient;
  api.restClient = (options) => request({ ...options, timeout: SEND_TIMEOUT_MS });
  return {
    name: 'GOV.UK Notify',
    async send(email) {
      try {
        await client.sendEmail(config.templateId, email.to, {
          personalisation: { subject: email.subject, body: email.body, link: email.link },
          reference: email.id,
        });
      } catch (error) {
        throw new SendFailure(notifyReason(error));
      }
    },
  };
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** The mail server's refusal: its code and reply (addresses are taken out of it). */
function smtpReason(error: unknown): string {
  const failure = error as SmtpError;
  const code = [failure.code, failure.responseCode].filter(Boolean).join(' ');
  return `SMTP ${code || 'error'}: ${failure.response ?? failure.message ?? 'no reason given'}`;
}

export function smtpSender(config: Extract<MailConfig, { kind: 'smtp' }>): Sender {
  const transport = createTransport({
    url: config.url,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  return {
    name: 'SMTP',
    async send(email) {
      try {
        await transport.sendMail({
          from: config.from,
          to: email.to,
          subject: email.subject,
          text: `${email.body}\n\n${email.link}\n`,
          headers: { 'X-Hearth-Message-Id': email.id },
        });
      } catch (error) {
        throw new SendFailure(smtpReason(error));
      }
    },
  };
}

export function senderFor(mail: MailConfig): Sender | undefined {
  if (mail.kind === 'notify') return notifySender(mail);
  if (mail.kind === 'smtp') return smtpSender(mail);
  return undefined;
}

export const sendingFrom = (config: Pick<Config, 'mail' | 'publicUrl'>): Sending => ({
  sender: senderFor(config.mail),
  publicUrl: config.publicUrl,
});
