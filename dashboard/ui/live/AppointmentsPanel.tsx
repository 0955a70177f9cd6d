import { format } from "../../../shared/i18n";
import { BookForCallerLink } from "../../../shared/ui/BookForCallerLink";
import type { DashboardApp } from "../../model/dashboard-app";
import type { LiveModel } from "../../model/live-model";

/**
 * Today's appointments, by time: code, service, the holder's name (staff
 * only, here only) and how it stands — booked, checked in with its ticket,
 * or missed. Shown while some service of the office takes appointments.
 */
export function AppointmentsPanel({ app, live }: { app: DashboardApp; live: LiveModel }) {
  const { appointments } = live;
  if (!appointments.takesAppointments.value) return null;
  const m = app.messages.value.dashboard.live.appointments;
  const rows = appointments.rows.value;
  const counts = appointments.counts.value;
  const problem = appointments.problem.value;
  return (
    <section class="panel appointments-panel" aria-labelledby="appointments-title">
      <h2 id="appointments-title" class="section-title">
        {m.heading}
      </h2>
      {/* Phone bookings (issue 12, point 3): the booking page in staff mode, in a tab of its own. */}
      <BookForCallerLink
        officeId={app.officeId}
        config={live.state.value?.config}
        label={m.bookForCaller}
        className="book-for-caller"
      />
      {counts && (
        <p class="muted appointments-counts" data-testid="appointments-counts">
          {format(m.counts, {
            booked: counts.booked,
            checkedIn: counts["checked-in"],
            missed: counts.missed,
          })}
        </p>
      )}
      {problem && (
        <p class="appointments-problem" role="status" data-testid="appointments-problem">
          {m.failed}
        </p>
      )}
      {!appointments.loaded.value ? (
        !problem && <p class="muted">{m.loading}</p>
      ) : rows.length === 0 ? (
        <p class="muted" data-testid="appointments-none">
          {m.none}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="data-table appointments-table" data-testid="appointments-table">
            <thead>
              <tr>
                <th scope="col">{m.time}</th>
                <th scope="col">{m.code}</th>
                <th scope="col">{m.service}</th>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.status}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.id}
                  data-testid={`appointment-row-${row.code}`}
                  data-status={row.status}
                >
                  <th scope="row" class="num">
                    {row.time}
                  </th>
                  <td class="code">{row.code}</td>
                  <td>{row.serviceName}</td>
                  <td>
                    {row.name ?? "—"}
                    {row.contactKind && (
                      <small class="muted"> · {m.contactKinds[row.contactKind]}</small>
                    )}
                  </td>
                  <td>
                    <span class={`status-pill appointment-${row.status}`}>
                      {m.statuses[row.status]}
                    </span>
                    {row.conflict && (
                      <span
                        class="status-pill appointment-conflict"
                        data-testid={`appointment-conflict-${row.code}`}
                      >
                        {" "}
                        {m.conflict}
                      </span>
                    )}
                    {row.ticketCode && (
                      <small class="muted"> {format(m.ticket, { code: row.ticketCode })}</small>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
