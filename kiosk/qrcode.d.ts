// The qrcode package ships no types; this declares the one call the kiosk makes.
declare module "qrcode" {
  export interface QRCodeToStringOptions {
    type?: "svg" | "utf8" | "terminal";
    errorCorrectionLevel?: "L" | "M" | "Q" | "H";
    margin?: number;
    width?: number;
    color?: { dark?: string; light?: string };
  }
  function renderToString(text: string, options?: QRCodeToStringOptions): Promise<string>;

  export { renderToString as toString };
}
