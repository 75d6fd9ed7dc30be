import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * Content-addressed file storage under DATA_DIR/files: a file's name is its sha256, so the
 * same photo sent twice is stored once and a stored file can never change under its name.
 */
export class FileStore {
  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    return path.join(this.root, "files", sha256.slice(0, 2), sha256);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const target = this.pathOf(sha256);
    try {
      await fs.access(target);
      return sha256;
    } catch {
      // Not stored yet: write to a temporary name and rename, so a crash never leaves half a file.
      await fs.mkdir(path.dirname(target), { recursive: true });
      // Unique per call: two deliveries of the same photo at once must not share a temporary file.
      const tmp = `${target}.${randomUUID()}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, target);
      return sha256;
    }
  }

  async get(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(sha256));
  }
}
