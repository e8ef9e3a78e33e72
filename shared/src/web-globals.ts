// The rule core runs in any JavaScript host (Node, a browser, a web worker): it is type-checked without Node's
// types, so that no Node built-in can creep in. These are the few web-standard globals every such host provides.

declare global {
  interface TextEncoder {
    encode(input?: string): Uint8Array;
  }
  var TextEncoder: { new (): TextEncoder };

  interface TextDecoderOptions {
    fatal?: boolean;
    ignoreBOM?: boolean;
  }
  interface TextDecoder {
    decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
  }
  var TextDecoder: { new (label?: string, options?: TextDecoderOptions): TextDecoder };

  function atob(data: string): string;
  function btoa(data: string): string;
  /** A deep copy of plain data; strings come out flat, holding nothing of the text they were sliced from. */
  function structuredClone<T>(value: T): T;
}

export {};
