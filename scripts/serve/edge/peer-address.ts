/**
 * The connection's own address as workerd reports it. With no `cfBlobHeader` on the
 * listening socket, workerd builds `request.cf` itself from the accepted connection
 * (server.c++, HttpListener::run: `{"clientIp": <peer address>}`, the address written
 * with its port, `192.0.2.7:51234` or `[2001:db8::7]:51234`); no header a client sends
 * can reach it. Here without the port.
 */
export function peerAddress(clientIp: unknown): string {
  if (typeof clientIp !== "string" || clientIp === "") return "unknown";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(clientIp);
  if (bracketed) return bracketed[1]!;
  const ipv4 = /^(\d+\.\d+\.\d+\.\d+)(?::\d+)?$/.exec(clientIp);
  return ipv4 ? ipv4[1]! : clientIp;
}
