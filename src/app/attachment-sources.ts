/**
 * Where files that channels hand over by reference (a Telegram file id, a WeCom media id) are
 * fetched from: each started channel registers its fetcher under its id.
 */
export class AttachmentSources {
  private readonly fetchers = new Map<string, (ref: string) => Promise<Buffer>>();

  register(channel: string, fetch: (ref: string) => Promise<Buffer>): void {
    this.fetchers.set(channel, fetch);
  }

  fetch(channel: string, ref: string): Promise<Buffer> {
    const fetcher = this.fetchers.get(channel);
    return fetcher ? fetcher(ref) : Promise.reject(new Error(`no attachment fetcher for channel ${channel}`));
  }
}
