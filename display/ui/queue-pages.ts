/**
 * Every service at the screen's minimum type size (display/README.md), none cut:
 * when the rows do not all fit the queues' box, they are shown a page at a time,
 * turning every PAGE_MS, and the heading says which page ("1/2"). Pages are
 * measured on the screen itself (names wrap, a notice takes height), after
 * every render and on a resize.
 */
export const PAGE_MS = 10_000;
const OFF = "is-off-page";
let page = 0;

export function startQueuePages(root: HTMLElement): () => void {
  const lay = () => layQueuePages(root);
  setInterval(() => {
    page++;
    lay();
  }, PAGE_MS);
  window.addEventListener("resize", lay);
  return lay;
}

function layQueuePages(root: HTMLElement): void {
  const list = root.querySelector(".queue-list") as HTMLElement | null;
  if (!list) return;
  const rows = list.children;
  for (let i = 0; i < rows.length; i++) rows[i]!.classList.remove(OFF);
  // Rows of one line of the list share its top; a page breaks only where a line starts.
  const starts = [0];
  let top = rows.length ? (rows[0] as HTMLElement).offsetTop : 0;
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] as HTMLElement;
    if (row.offsetTop > top && row.offsetTop + row.offsetHeight - top > list.clientHeight + 1) {
      starts.push(i);
      top = row.offsetTop;
    }
  }
  const count = starts.length;
  page %= count;
  const from = starts[page]!;
  const to = page + 1 < count ? starts[page + 1]! : rows.length;
  for (let i = 0; i < rows.length; i++) if (i < from || i >= to) rows[i]!.classList.add(OFF);
  list.setAttribute("data-page", `${page + 1}/${count}`);
  const marker = root.querySelector(".queue-page");
  if (marker) marker.textContent = count > 1 ? `${page + 1}/${count}` : "";
}
