/**
 * Text written piece by piece as UTF-8 into one growing array, each piece dropped once written:
 * a large JSON document made of many parts is never held as the parts and their join at once, and
 * its bytes can move to another thread without a copy.
 */
export class Utf8Writer {
  #buffer = new Uint8Array(1 << 16);
  #length = 0;
  #units = 0;
  readonly #encoder = new TextEncoder();

  /** How long the text written so far is as a string (in UTF-16 code units, as strings count). */
  get textLength(): number {
    return this.#units;
  }

  write(text: string): void {
    this.#units += text.length;
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    const room = this.#length + 3 * text.length;
    if (room > this.#buffer.length) {
      const grown = new Uint8Array(Math.max(room, 2 * this.#buffer.length));
      grown.set(this.#buffer.subarray(0, this.#length));
      this.#buffer = grown;
    }
    this.#length += this.#encoder.encodeInto(text, this.#buffer.subarray(this.#length)).written;
  }

  bytes(): Uint8Array {
    return this.#buffer.subarray(0, this.#length);
  }
}
