import { toString as qrToString } from "qrcode";

/**
 * Text as an SVG QR code: crisp at any size, on screen and on a 203-dpi
 * thermal printer alike; level M survives a creased paper ticket. The kiosk
 * draws a ticket's tracking link with it, the booking page the booking code
 * (the code, not the manage link: a photo of the screen gives away nothing
 * the person does not read out at the desk anyway). Null if it cannot be
 * drawn: the page still shows the link or the code in letters.
 */
export async function qrSvg(text: string): Promise<string | null> {
  try {
    return await qrToString(text, {
      type: "svg",
      errorCorrectionLevel: "M",
      margin: 2,
      color: { dark: "#000000", light: "#ffffff" },
    });
  } catch {
    return null;
  }
}
