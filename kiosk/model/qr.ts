import { toString as qrToString } from "qrcode";

/**
 * The tracking link as an SVG QR code: crisp at any size, on screen and on a
 * 203-dpi thermal printer alike. Level M survives a creased paper ticket.
 * Null if it cannot be drawn (the ticket is still shown, without the code).
 */
export async function trackingQrSvg(url: string): Promise<string | null> {
  try {
    return await qrToString(url, {
      type: "svg",
      errorCorrectionLevel: "M",
      margin: 2,
      color: { dark: "#000000", light: "#ffffff" },
    });
  } catch {
    return null;
  }
}
