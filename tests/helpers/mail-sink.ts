import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './eventually';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * A real SMTP server on loopback that keeps what it receives, and an HTTP side door for the tests
 * to read it (`GET /` → every message so far). `port`: a given SMTP port, else a free one.
 */
export const startMailSink = async (
  port = 0,
): Promise<{ smtpPort: number; url: string; close(): Promise<void> }> => {
  const received: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          });
          callback();
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const side = http.createServer((_request, response) => {
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify(received));
  });
  await new Promise<void>((resolve) => side.listen(0, '127.0.0.1', resolve));
  const sideAddress = side.address() as AddressInfo;
  return {
    smtpPort,
    url: `http://127.0.0.1:${sideAddress.port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        smtp.close(() => {
          resolve();
        });
      });
      await new Promise<void>((resolve) =>
        side.close(() => {
          resolve();
        }),
      );
    },
  };
};

/** Waits for a message the loopback SMTP server received (sending is in the background). */
export const waitForMail = async (match: (mail: ReceivedMail) => boolean): Promise<ReceivedMail> => {
  let mails: ReceivedMail[] = [];
  return eventually(
    async () => {
      const response = await fetch(process.env.TEST_MAIL_SINK_URL as string);
      mails = (await response.json()) as ReceivedMail[];
      return mails.find(match);
    },
    10_000,
    () => `no such e-mail among ${JSON.stringify(mails.map((m) => m.subject))}`,
    50,
  );
};
