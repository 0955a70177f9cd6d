/**
 * The kiosk ticket screen's geometry, measured in the page: the space between
 * the parts the CSS separates with `gap`, which an engine without flex `gap`
 * (Chromium 64) silently drops. Written as ES5 in a string, so the old engine
 * evaluates it as it is; page coordinates (scroll included), in CSS px.
 */

export interface TicketLayout {
  viewportHeight: number;
  /** The document's full height: more than the viewport means the screen scrolls. */
  pageHeight: number;
  doneBottom: number;
  /** From the ticket number's box to the top of its service's icon or name. */
  codeToService: number;
  /** Between the service's icon and its name: beside it or above it, whichever way it sits. */
  serviceIconToName: number;
  whereIconToText: number;
  qrToCaption: number;
  printToDone: number;
  factToFact: number;
}

export const TICKET_LAYOUT = `(function () {
  function box(target) {
    var r = target.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top + pageYOffset, bottom: r.bottom + pageYOffset };
  }
  function one(selector) {
    var found = document.querySelector(selector);
    if (!found) throw new Error("no " + selector + " on the ticket screen");
    return found;
  }
  /* The space between a box and the one after it, to its right or below it. */
  function apart(a, b) {
    return Math.round(Math.max(b.left - a.right, b.top - a.bottom));
  }
  function textBox(parent) {
    for (var node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3 && node.textContent.trim()) {
        var range = document.createRange();
        range.selectNodeContents(node);
        return box(range);
      }
      if (node.nodeType === 1 && node.className === "ticket__service-name") return box(node);
    }
    throw new Error("no service name on the ticket screen");
  }
  var service = one(".ticket__service");
  var serviceIcon = box(one(".ticket__service-icon"));
  var serviceName = textBox(service);
  var facts = document.querySelectorAll(".ticket__facts > .fact");
  var where = one(".ticket__where");
  return {
    viewportHeight: innerHeight,
    pageHeight: document.documentElement.scrollHeight,
    doneBottom: Math.round(box(one('[data-testid="ticket-done"]')).bottom),
    codeToService: Math.round(Math.min(serviceIcon.top, serviceName.top) - box(one('[data-testid="ticket-code"]')).bottom),
    serviceIconToName: apart(serviceIcon, serviceName),
    whereIconToText: apart(box(where.querySelector("svg")), box(where.querySelector("span"))),
    qrToCaption: apart(box(one(".qr__image")), box(one(".qr__caption"))),
    printToDone: apart(box(one(".ticket__actions > .button--secondary")), box(one('[data-testid="ticket-done"]'))),
    factToFact: apart(box(facts[0]), box(facts[1]))
  };
})()`;
