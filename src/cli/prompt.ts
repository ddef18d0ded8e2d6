// Asks for a secret on the terminal without echoing it.
import { createInterface } from 'node:readline';

export function readSecret(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    return Promise.reject(
      new Error('No terminal to ask for the password on: set HEARTH_PASSWORD, or use --no-password'),
    );
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = rl as unknown as { _writeToOutput: (text: string) => void };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    // Echo nothing of what is typed after the question.
    write._writeToOutput = () => undefined;
  });
}
