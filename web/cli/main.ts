/**
 * The command-line entry: wires runCli to the real process. Kept tiny so that
 * everything testable lives in run.ts.
 */
import { readFile, writeFile } from "node:fs/promises";
import { runCli } from "./run";

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

runCli(process.argv.slice(2), {
  env: process.env,
  stdoutIsTty: process.stdout.isTTY === true,
  readFile: (path) => readFile(path),
  readStdin,
  writeFile: (path, bytes) => writeFile(path, bytes),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
}).then(
  (code) => {
    // exitCode, not exit(): a piped stdout must drain first.
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(
      `cache-mount-playground: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 70;
  },
);
