# Turno on workerd in a container (README "Run it on your own server").
#   docker build -t turno .
#   docker run -d --name turno -p 443:8443 \
#     -v turno-state:/var/lib/turno -v /etc/turno/tls:/etc/turno/tls:ro turno
# State (every office, the Directory, secrets) lives in the volume; back it up with
#   docker exec turno npm run backup -- /var/lib/turno-backups/$(date +%F)
FROM debian:bookworm-slim

RUN apt-get update \
  && apt-get install -y --no-install-recommends nodejs npm ca-certificates \
  && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --home-dir /home/turno turno \
  && mkdir -p /opt/turno /var/lib/turno /var/lib/turno-backups \
  && chown turno:turno /opt/turno /var/lib/turno /var/lib/turno-backups \
  && chmod 700 /var/lib/turno /var/lib/turno-backups
WORKDIR /opt/turno
USER turno

# Dependencies first (cached while only the sources change); they bring Node 24 and workerd.
COPY --chown=turno:turno package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY --chown=turno:turno . .
RUN npm run build

ENV TURNO_STATE_DIR=/var/lib/turno \
    TURNO_TLS_CERT=/etc/turno/tls/fullchain.pem \
    TURNO_TLS_KEY=/etc/turno/tls/privkey.pem
VOLUME /var/lib/turno
EXPOSE 8443
# serve stops workerd gracefully on SIGTERM (docker stop).
STOPSIGNAL SIGTERM
CMD ["/opt/turno/node_modules/.bin/node", "--import", "tsx", "scripts/serve/main.ts"]
