/**
 * The office's certificate and key (TURNO_TLS_CERT, TURNO_TLS_KEY: PEM files), read and
 * checked before workerd starts, so that a wrong file is a sentence, not a TLS failure
 * in a browser: both must parse, belong together, and the certificate must be in date.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export interface TlsPems {
  certificateChain: string;
  privateKey: string;
}

export function readTlsFiles(files: TlsFiles, now = new Date()): TlsPems {
  const read = (path: string, what: string) => {
    try {
      return readFileSync(path, "utf8");
    } catch (error) {
      throw new Error(`cannot read ${what} ${path}: ${(error as Error).message}`);
    }
  };
  const certificateChain = read(files.certFile, "the certificate (TURNO_TLS_CERT)");
  const privateKey = read(files.keyFile, "the private key (TURNO_TLS_KEY)");
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificateChain);
  } catch {
    throw new Error(`${files.certFile} is not a PEM certificate (TURNO_TLS_CERT).`);
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(privateKey);
  } catch {
    throw new Error(`${files.keyFile} is not a PEM private key (TURNO_TLS_KEY).`);
  }
  if (!certificate.checkPrivateKey(key))
    throw new Error(`${files.keyFile} is not the key of the certificate ${files.certFile}.`);
  if (new Date(certificate.validTo) < now)
    throw new Error(`The certificate ${files.certFile} expired on ${certificate.validTo}.`);
  return { certificateChain, privateKey };
}
