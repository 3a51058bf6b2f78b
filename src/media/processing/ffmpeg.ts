/**
 * ffmpeg and ffprobe from the system, run as child processes on temporary files (never
 * through a shell). A missing binary is a MediaRejected naming it, so the client and the
 * operator both read what to install.
 */
import { execFile } from 'node:child_process';
import { MediaRejected } from '../../domain/media-attachments/ports.ts';

const timeoutMs = 10 * 60_000;

export function run(tool: 'ffmpeg' | 'ffprobe', args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      tool,
      args,
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(
            new MediaRejected(
              `${tool} is not installed on this server: video, animated GIF and audio uploads need ffmpeg and ffprobe`,
              { cause: error },
            ),
          );
        }
        const detail = stderr.toString('utf8').trim().split('\n').slice(-3).join(' ');
        reject(
          new MediaRejected('File type of uploaded media could not be verified', {
            cause: new Error(`${tool} failed: ${detail || error.message}`),
          }),
        );
      },
    );
  });
}

export interface ProbedStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
}

export interface Probe {
  streams: ProbedStream[];
  format: { duration?: string; bit_rate?: string };
}

export async function probe(path: string): Promise<Probe> {
  const out = await run('ffprobe', [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    path,
  ]);
  return JSON.parse(out.toString('utf8')) as Probe;
}

/** `30000/1001` → 29.97; 0 when unknown. */
export function frameRate(rate: string | undefined): number {
  if (!rate) return 0;
  const [n, d] = rate.split('/').map(Number);
  if (!n || !d) return 0;
  return n / d;
}
