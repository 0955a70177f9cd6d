/**
 * How every Chromium of the tests starts, the current one and the old one:
 * headless, and with no traffic of its own (this machine's network is closed:
 * background requests fail, many at a time); sound may play without a tap.
 */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--autoplay-policy=no-user-gesture-required",
];
