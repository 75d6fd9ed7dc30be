/** The part of the `qrcode` package (no types of its own) the console uses: a QR code as SVG text. */
declare module "qrcode" {
  const QRCode: {
    toString(text: string, options: { type: "svg"; margin?: number; width?: number }): Promise<string>;
  };
  export default QRCode;
}
