/**
 * A GET over a connection of its own. fetch keeps connections alive between requests, and a front
 * that was just reloaded (nginx -s reload) closes its idle ones — a request that picks such a
 * connection fails with "other side closed" although the front serves fine.
 */
import { get } from 'node:http';

export function getText(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      response.on('error', reject);
    }).on('error', reject);
  });
}
