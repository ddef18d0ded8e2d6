// The embedded database on disk, made as durable as PostgreSQL on a server.
//
// PGlite's defaults are not: it starts PostgreSQL with fsync off (`-F`), and its Node file system
// (Emscripten's NODEFS) has no fsync at all, while fdatasync is a stub that does nothing. Every
// write still goes straight to the operating system with writeSync, and PostgreSQL writes a
// transaction's WAL before it answers the commit, so a killed process loses nothing the kernel
// holds; but a power cut or a crash of the machine could lose the last commits, or leave data files
// behind the WAL after a checkpoint. So here fsync is on, the WAL is flushed with fsync() (the one
// call that reaches the file system), and NODEFS's fsync is the host's: a commit is answered only
// once it is on the disk. It costs a disk flush a commit, as on PostgreSQL; reads flush nothing.
import { fsyncSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { OneTripPGlite } from './one-trip.ts';

type EmscriptenOptions = Parameters<NodeFS['init']>[1];
/** The part of an Emscripten stream NODEFS keeps: the host's file descriptor. */
interface NodeStream {
  nfd: number;
}

class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, options: EmscriptenOptions) {
    const { emscriptenOpts } = await super.init(pg, options);
    const syncToDisk: (mod: { NODEFS: object }) => void = (mod) => {
      Object.assign((mod.NODEFS as { stream_ops: object }).stream_ops, {
        fsync: (stream: NodeStream) => {
          fsyncSync(stream.nfd);
          return 0;
        },
      });
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), syncToDisk] } };
  }
}

const DURABLE_START = [
  ...PGlite.defaultStartParams.filter((parameter) => parameter !== '-F'),
  '-c',
  'fsync=on',
  '-c',
  'wal_sync_method=fsync',
  '-c',
  'synchronous_commit=on',
];

/** PGlite on a data directory, syncing each commit to disk; `loadDataDir` fills a new directory from a backup. */
export function embeddedClient(dataDir: string, loadDataDir?: Blob): PGlite {
  return new OneTripPGlite({
    fs: new DurableNodeFS(dataDir),
    startParams: DURABLE_START,
    relaxedDurability: false,
    loadDataDir,
  });
}
