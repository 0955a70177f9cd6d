import { toString as qrToString } from "qrcode";

/**
 * The booking code as an SVG QR code, for the kiosk's scanner: the code
 * itself, not the manage link, so a photo of the screen gives away nothing
 * but what the person reads out at the desk anyway. Null if it cannot be
 * drawn (the code is shown in large letters all the same).
 */
export async function codeQrSvg(code: string): Promise<string | null> {
  try {
    return await qrToString(code, {
      type: "svg",
      errorCorrectionLevel: "M",
      margin: 2,
      color: { dark: "#000000", light: "#ffffff" },
    });
  } catch {
    return null;
  }
}
